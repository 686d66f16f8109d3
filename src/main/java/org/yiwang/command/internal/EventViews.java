package org.yiwang.command.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import org.yiwang.governance.CityEvent;
import org.yiwang.governance.EventCatalog;
import org.yiwang.governance.EventClass;
import org.yiwang.organization.Department;
import org.yiwang.organization.OrganizationDirectory;

/**
 * The JSON shape of an event on the dashboard (a map marker and a list row), shared by the list API and the stream.
 * No personal data: the reporter and the hotline caller are left out.
 */
@Component
class EventViews {

    private final EventCatalog catalog;
    private final OrganizationDirectory directory;

    EventViews(EventCatalog catalog, OrganizationDirectory directory) {
        this.catalog = catalog;
        this.directory = directory;
    }

    static String iso(Instant i) {
        return i == null ? null : i.toString();
    }

    /** Names looked up once per list or message (departments and classes repeat across events). */
    static final class Names {
        final Map<String, String> departments = new java.util.HashMap<>();
        final Map<String, String> classes = new java.util.HashMap<>();
    }

    Map<String, Object> view(CityEvent e) {
        return view(e, new Names());
    }

    Map<String, Object> view(CityEvent e, Names names) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("eventNo", e.eventNo());
        m.put("source", e.source());
        m.put("state", e.state().name());
        m.put("overdue", e.overdue());
        m.put("classCode", e.classCode());
        m.put("className", e.classCode() == null ? null
                : names.classes.computeIfAbsent(e.classCode(), c -> catalog.find(c).map(EventClass::name).orElse(c)));
        m.put("description", e.description());
        m.put("lon", e.lon());
        m.put("lat", e.lat());
        m.put("gridCode", e.gridCode());
        m.put("regionCode", e.regionCode());
        m.put("departmentId", e.departmentId());
        m.put("departmentName", e.departmentId() == null ? null
                : names.departments.computeIfAbsent(e.departmentId(),
                        d -> directory.department(d).map(Department::name).orElse(d)));
        m.put("createdAt", iso(e.createdAt()));
        m.put("deadline", iso(e.deadline()));
        m.put("closedAt", iso(e.closedAt()));
        m.put("escalationLevel", e.escalationLevel());
        m.put("reworkCount", e.reworkCount());
        m.put("longTerm", e.longTerm());
        return m;
    }
}
