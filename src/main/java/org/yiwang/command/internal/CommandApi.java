package org.yiwang.command.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import org.yiwang.calendar.WorkingCalendar;
import org.yiwang.governance.CityEvent;
import org.yiwang.governance.CityEventQuery;
import org.yiwang.governance.CityEventState;
import org.yiwang.governance.CityEvents;
import org.yiwang.governance.EventCatalog;
import org.yiwang.governance.EventKpiQuery;
import org.yiwang.governance.EventKpis;
import org.yiwang.shared.web.ProblemException;
import org.yiwang.sensing.Device;
import org.yiwang.sensing.SensorReadings;
import org.yiwang.shared.security.Caller;

/**
 * Data of the command center (运行管理中心): events for the map (scoped, filtered), counts by state for the charts,
 * devices, and the live stream of changes (server-sent events).
 */
@RestController
@Tag(name = "Command 运行管理中心", description = "Dashboard data: events on the map, counts, devices, live stream (SSE)")
class CommandApi {

    private final CityEvents events;
    private final EventCatalog catalog;
    private final EventViews views;
    private final EventStreamHub hub;
    private final SensorReadings sensors;
    private final WorkingCalendar calendar;
    private final Duration streamTimeout;
    private final AlertViews alerts;
    private final ObjectProvider<EventKpis> kpis;

    CommandApi(CityEvents events, EventCatalog catalog, EventViews views, EventStreamHub hub, SensorReadings sensors,
               WorkingCalendar calendar, @Value("${yiwang.command.stream-timeout:PT30M}") Duration streamTimeout,
               AlertViews alerts, ObjectProvider<EventKpis> kpis) {
        this.alerts = alerts;
        this.kpis = kpis;
        this.events = events;
        this.catalog = catalog;
        this.views = views;
        this.hub = hub;
        this.sensors = sensors;
        this.calendar = calendar;
        this.streamTimeout = streamTimeout;
    }

    @GetMapping("/api/v1/command/events")
    @Operation(summary = "Events in the caller's scope for the map: state (comma-separated, default the open states, ALL for every "
            + "state), class, region (12-digit subtree), grid, from, to (date or ISO time), limit (≤ 2000); with the stream cursor")
    Map<String, Object> events(@RequestParam(required = false) String state, @RequestParam(name = "class", required = false) String classCode,
                               @RequestParam(required = false) String region, @RequestParam(required = false) String grid,
                               @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                               @RequestParam(required = false) Integer limit) {
        Caller c = CommandAccess.require();
        CityEventQuery q = CommandFilters.parse(state, classCode, region, grid, from, to, limit, catalog, calendar.zone());
        String cursor = hub.cursor(); // taken before reading, so the stream replays whatever commits meanwhile
        List<CityEvent> found = events.search(q, c.scope());
        EventViews.Names names = new EventViews.Names();
        List<Map<String, Object>> out = new ArrayList<>(found.size());
        found.forEach(e -> out.add(views.view(e, names)));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cursor", cursor);
        m.put("limit", q.limit());
        m.put("truncated", found.size() >= q.limit());
        m.put("events", out);
        return m;
    }

    @GetMapping("/api/v1/command/summary")
    @Operation(summary = "Counts by state (all states) of the events matching the same filters (state ignored), in the caller's scope")
    Map<String, Object> summary(@RequestParam(name = "class", required = false) String classCode,
                                @RequestParam(required = false) String region, @RequestParam(required = false) String grid,
                                @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Caller c = CommandAccess.require();
        CityEventQuery q = CommandFilters.parse("ALL", classCode, region, grid, from, to, null, catalog, calendar.zone());
        Map<CityEventState, Long> counts = events.countByState(q, c.scope());
        Map<String, Long> byState = new LinkedHashMap<>();
        long total = 0;
        for (CityEventState s : CityEventState.values()) {
            long n = counts.getOrDefault(s, 0L);
            byState.put(s.name(), n);
            total += n;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", total);
        m.put("byState", byState);
        return m;
    }

    @GetMapping("/api/v1/command/devices")
    @Operation(summary = "Sensing devices in the caller's scope (region + owner department) with their online status")
    List<Map<String, Object>> devices() {
        Caller c = CommandAccess.require();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Device d : sensors.devices()) {
            if (!c.scope().allows(d.regionCode(), d.ownerDepartmentId(), null)) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("deviceId", d.deviceId());
            m.put("name", d.name());
            m.put("typeCode", d.typeCode());
            m.put("lon", d.lon());
            m.put("lat", d.lat());
            m.put("gridCode", d.gridCode());
            m.put("status", d.status().name());
            m.put("lastSeenAt", EventViews.iso(d.lastSeenAt()));
            out.add(m);
        }
        return out;
    }

    @GetMapping("/api/v1/command/alerts")
    @Operation(summary = "Active early-warning alerts (预警) in the caller's scope (device region + owner department), highest level first")
    Map<String, Object> alerts() {
        Caller c = CommandAccess.require();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("available", alerts.available());
        m.put("alerts", alerts.active(c));
        return m;
    }

    @GetMapping("/api/v1/command/kpis")
    @Operation(summary = "统一考核 KPIs (governance EventKpis) of a period per child region: region (12 digits, default the caller's "
            + "scope), from/to (dates, default this month); available=false while the KPI module is not installed")
    Map<String, Object> kpis(@RequestParam(required = false) String region, @RequestParam(required = false) String from,
                             @RequestParam(required = false) String to) {
        CommandAccess.require();
        List<org.yiwang.shared.web.FieldViolation> bad = new ArrayList<>();
        String reg = region == null || region.isBlank() ? null : region.trim();
        if (reg != null && !reg.matches("\\d{12}")) {
            bad.add(new org.yiwang.shared.web.FieldViolation("region", "应为 12 位区划代码", "must be a 12-digit region code"));
        }
        LocalDate today = LocalDate.now(calendar.zone());
        LocalDate f = date("from", from, today.withDayOfMonth(1), bad);
        LocalDate t = date("to", to, today, bad);
        if (bad.isEmpty() && t.isBefore(f)) {
            bad.add(new org.yiwang.shared.web.FieldViolation("to", "结束日期应不早于开始日期", "must not be before from"));
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalidFields(bad);
        }
        EventKpis k = kpis.getIfAvailable();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("available", k != null);
        if (k != null) {
            m.put("report", k.report(new EventKpiQuery(reg, null, null, f, t, EventKpiQuery.GroupBy.REGION)));
        }
        return m;
    }

    private static LocalDate date(String field, String value, LocalDate fallback, List<org.yiwang.shared.web.FieldViolation> bad) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            bad.add(new org.yiwang.shared.web.FieldViolation(field, "应为日期 yyyy-MM-dd", "must be a date yyyy-MM-dd"));
            return fallback;
        }
    }

    /**
     * Live changes as server-sent events: {@code event} messages (the event as in the list, plus {@code action} and
     * {@code at}) for events in the caller's scope, {@code alert} messages for early-warning alerts in scope, {@code reset} when the client must reload the list, comment
     * heartbeats. Resume with the {@code Last-Event-ID} header (sent by EventSource on reconnection) or {@code since}
     * (the list's cursor).
     */
    @GetMapping(path = {"/command/stream", "/api/v1/command/stream"})
    @Operation(summary = "Live event changes (server-sent events) in the caller's scope; Last-Event-ID or since resumes")
    ResponseEntity<SseEmitter> stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                                      @RequestParam(required = false) String since) {
        Caller c = CommandAccess.require();
        SseEmitter emitter = new SseEmitter(streamTimeout.toMillis());
        hub.subscribe(c, emitter, lastEventId != null && !lastEventId.isBlank() ? lastEventId : since);
        return ResponseEntity.ok().header("Cache-Control", "no-cache, no-transform").header("X-Accel-Buffering", "no").body(emitter);
    }
}
