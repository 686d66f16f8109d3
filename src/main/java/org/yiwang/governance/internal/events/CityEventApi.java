package org.yiwang.governance.internal.events;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.yiwang.calendar.WorkingCalendar;
import org.yiwang.governance.CityEvent;
import org.yiwang.shared.web.ProblemException;

/**
 * REST API of city events (城市事件): intake (统一入口), scoped reads and the closed-loop transitions.
 */
@RestController
@RequestMapping("/api/v1/events")
@Tag(name = "Governance 城市事件", description = "City events: one entrance (随手拍, 巡查, 12345) and the closed loop 立案→派遣→处置→核查→结案→评价")
class CityEventApi {

    private final CityEventService service;
    private final WorkingCalendar calendar;
    private final List<ReporterContacts> contacts;

    CityEventApi(CityEventService service, WorkingCalendar calendar, List<ReporterContacts> contacts) {
        this.service = service;
        this.calendar = calendar;
        this.contacts = contacts;
    }

    @PostMapping
    @Operation(summary = "Report an event (随手拍 / 巡查 / 12345); Idempotency-Key honoured; returns likelyDuplicates")
    ResponseEntity<Map<String, Object>> report(@RequestBody CityEventService.ReportRequest body,
                                               @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        CityEventService.Reported r = service.report(body, key);
        Map<String, Object> out = view(r.row(), false);
        out.put("likelyDuplicates", r.likelyDuplicates());
        return ResponseEntity.status(r.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(out);
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable String id) {
        return view(service.get(id), true);
    }

    @GetMapping
    @Operation(summary = "Events in the caller's scope (citizens: their own); filters state (comma-separated), grid, class, department, from, to")
    List<Map<String, Object>> list(@RequestParam(required = false) String state, @RequestParam(required = false) String grid,
                                   @RequestParam(name = "class", required = false) String classCode,
                                   @RequestParam(required = false) String department,
                                   @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                   @RequestParam(required = false, defaultValue = "false") boolean mine,
                                   @RequestParam(required = false, defaultValue = "100") int limit) {
        return service.list(state, grid, classCode, time("from", from, false), time("to", to, true), department, mine, limit)
                .stream().map(r -> view(r, false)).toList();
    }

    @PostMapping("/{id}/{action:file|reject|dispatch|handle|verify|extend|approve-extension|suspend|resume|rate}")
    Map<String, Object> act(@PathVariable String id, @PathVariable String action,
                            @RequestBody(required = false) CityEventService.ActionRequest body) {
        return view(service.act(id, action, body), true);
    }

    @PostMapping("/{id}/merge-into/{other}")
    @Operation(summary = "Merge a duplicate event into another (SUPERVISOR)")
    Map<String, Object> merge(@PathVariable String id, @PathVariable String other) {
        return view(service.merge(id, other), true);
    }

    private Instant time(String field, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate d = LocalDate.parse(value);
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay(calendar.zone()).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "应为日期 yyyy-MM-dd 或 ISO 时间", "must be a date yyyy-MM-dd or an ISO instant");
        }
    }

    Map<String, Object> view(CityEventStore.Row row, boolean detail) {
        CityEvent e = row.event();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("eventNo", e.eventNo());
        m.put("source", e.source());
        m.put("classCode", e.classCode());
        m.put("description", e.description());
        m.put("lon", e.lon());
        m.put("lat", e.lat());
        m.put("matchRule", e.matchRule());
        m.put("gridCode", e.gridCode());
        m.put("regionCode", e.regionCode());
        m.put("departmentId", e.departmentId());
        m.put("state", e.state());
        m.put("stateLabel", CityEventService.stateLabel(e.state()));
        m.put("createdAt", e.createdAt());
        m.put("dispatchedAt", e.dispatchedAt());
        m.put("deadline", e.deadline());
        m.put("closedAt", e.closedAt());
        m.put("overdue", e.overdue());
        m.put("escalationLevel", e.escalationLevel());
        m.put("reworkCount", e.reworkCount());
        m.put("extensionCount", e.extensionCount());
        m.put("extensionPending", row.extensionPending());
        m.put("longTerm", e.longTerm());
        m.put("mergedInto", e.mergedInto());
        m.put("rejectReason", row.rejectReason());
        m.put("rating", e.rating());
        m.put("photos", e.photos());
        if (detail) {
            m.put("handlePhotos", service.handlePhotos(e.id()));
            m.put("callerPhone", service.callerPhone(row));
            org.yiwang.shared.security.Caller c = org.yiwang.shared.security.Callers.current();
            if (c.type() != org.yiwang.shared.security.CallerType.CITIZEN && c.type() != org.yiwang.shared.security.CallerType.ENTERPRISE) {
                Map<String, String> contact = new LinkedHashMap<>();
                contacts.forEach(x -> contact.putAll(x.contact(e, c)));
                if (!contact.isEmpty()) {
                    m.put("reporterContact", contact);
                }
            }
            m.put("history", service.history(e.id()));
        }
        return m;
    }
}
