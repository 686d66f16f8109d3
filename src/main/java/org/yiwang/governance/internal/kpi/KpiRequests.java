package org.yiwang.governance.internal.kpi;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.yiwang.governance.EventKpiQuery;
import org.yiwang.governance.EventKpiQuery.GroupBy;
import org.yiwang.shared.web.ProblemException;

/** Turns request parameters into an {@link EventKpiQuery}; bad values → 400 naming the parameter. */
final class KpiRequests {

    private KpiRequests() {
    }

    /**
     * @param period  day | week | month | custom (default month)
     * @param date    the day (yyyy-MM-dd) for day/week, the month (yyyy-MM or a day in it) for month; default today
     * @param from    first day (custom)
     * @param to      last day, inclusive (custom)
     * @param groupBy none | region | department | grid | day | month (default none)
     */
    static EventKpiQuery parse(String period, String date, String from, String to, String regionCode, String department, String grid,
                               String groupBy, ZoneId zone) {
        GroupBy g;
        try {
            g = groupBy == null || groupBy.isBlank() ? GroupBy.NONE : GroupBy.valueOf(groupBy.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("groupBy", "应为 none、region、department、grid、day 或 month",
                    "must be none, region, department, grid, day or month");
        }
        String p = period == null || period.isBlank() ? (from != null && !from.isBlank() ? "custom" : "month")
                : period.trim().toLowerCase(Locale.ROOT);
        LocalDate today = LocalDate.now(zone);
        EventKpiQuery q = switch (p) {
            case "day" -> EventKpiQuery.day(day("date", date, today), null, g);
            case "week" -> EventKpiQuery.week(day("date", date, today), null, g);
            case "month" -> EventKpiQuery.month(month(date, today), null, g);
            case "custom" -> {
                if (from == null || from.isBlank()) {
                    throw ProblemException.invalidField("from", "自定义期间须填写开始日期", "a custom period needs from");
                }
                LocalDate a = day("from", from, today);
                LocalDate b = to == null || to.isBlank() ? today : day("to", to, today);
                if (b.isBefore(a)) {
                    throw ProblemException.invalidField("to", "结束日期不能早于开始日期", "to must not be before from");
                }
                yield new EventKpiQuery(null, null, null, a, b, g);
            }
            default -> throw ProblemException.invalidField("period", "应为 day、week、month 或 custom", "must be day, week, month or custom");
        };
        if (regionCode != null && !regionCode.isBlank() && !regionCode.trim().matches("\\d{12}")) {
            throw ProblemException.invalidField("regionCode", "应为 12 位统计用区划代码", "must be a 12-digit region code");
        }
        if (grid != null && !grid.isBlank() && !grid.trim().matches("\\d{15}")) {
            throw ProblemException.invalidField("grid", "应为 15 位网格编码", "must be a 15-digit grid code");
        }
        return new EventKpiQuery(regionCode == null || regionCode.isBlank() ? null : regionCode.trim(), department, grid,
                q.from(), q.to(), q.groupBy());
    }

    private static LocalDate day(String field, String v, LocalDate def) {
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            return LocalDate.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "应为日期 yyyy-MM-dd", "must be a date yyyy-MM-dd");
        }
    }

    private static YearMonth month(String v, LocalDate today) {
        if (v == null || v.isBlank()) {
            return YearMonth.from(today);
        }
        try {
            return v.trim().length() == 7 ? YearMonth.parse(v.trim()) : YearMonth.from(LocalDate.parse(v.trim()));
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("date", "应为月份 yyyy-MM 或日期 yyyy-MM-dd", "must be a month yyyy-MM or a date yyyy-MM-dd");
        }
    }
}
