package org.yiwang.command.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.yiwang.governance.CityEventQuery;
import org.yiwang.governance.CityEventState;
import org.yiwang.governance.EventCatalog;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/** The dashboard's filters (state, class, region/grid, time range) from request parameters; 400 naming every bad field. */
final class CommandFilters {

    /** The open states shown when no state is chosen (在办). */
    static final Set<CityEventState> OPEN = EnumSet.of(CityEventState.REPORTED, CityEventState.FILED, CityEventState.DISPATCHED,
            CityEventState.HANDLED, CityEventState.SUSPENDED);

    private CommandFilters() {
    }

    static CityEventQuery parse(String state, String classCode, String region, String grid, String from, String to, Integer limit,
                                EventCatalog catalog, ZoneId zone) {
        List<FieldViolation> bad = new ArrayList<>();
        Set<CityEventState> states = EnumSet.noneOf(CityEventState.class);
        if (state == null || state.isBlank()) {
            states.addAll(OPEN);
        } else if (!state.trim().equalsIgnoreCase("ALL")) {
            for (String s : state.split(",")) {
                if (s.isBlank()) {
                    continue;
                }
                try {
                    states.add(CityEventState.valueOf(s.trim().toUpperCase()));
                } catch (IllegalArgumentException e) {
                    bad.add(new FieldViolation("state", "未知状态：" + s.trim(), "unknown state: " + s.trim()));
                }
            }
        }
        String cls = blankToNull(classCode);
        if (cls != null && catalog.find(cls).isEmpty()) {
            bad.add(new FieldViolation("class", "未知的事件分类", "unknown event class"));
        }
        String reg = blankToNull(region);
        if (reg != null && !reg.matches("\\d{12}")) {
            bad.add(new FieldViolation("region", "应为 12 位区划代码", "must be a 12-digit region code"));
        }
        String g = blankToNull(grid);
        if (g != null && !g.matches("\\d{15}")) {
            bad.add(new FieldViolation("grid", "应为 15 位网格编码", "must be a 15-digit grid code"));
        }
        Instant f = time("from", from, false, zone, bad);
        Instant t = time("to", to, true, zone, bad);
        if (f != null && t != null && !f.isBefore(t)) {
            bad.add(new FieldViolation("to", "结束时间应晚于开始时间", "must be after from"));
        }
        int lim = limit == null ? 500 : limit;
        if (lim < 1 || lim > 2000) {
            bad.add(new FieldViolation("limit", "应为 1 到 2000", "must be 1 to 2000"));
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalidFields(bad);
        }
        return new CityEventQuery(states, reg, g, cls, f, t, lim);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Instant time(String field, String value, boolean endOfDay, ZoneId zone, List<FieldViolation> bad) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            if (v.length() == 10) {
                LocalDate d = LocalDate.parse(v);
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay(zone).toInstant();
            }
            return java.time.OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            bad.add(new FieldViolation(field, "应为日期 yyyy-MM-dd 或带时区的 ISO 时间", "must be a date yyyy-MM-dd or an ISO time with offset"));
            return null;
        }
    }
}
