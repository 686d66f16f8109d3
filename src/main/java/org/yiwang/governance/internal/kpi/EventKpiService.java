package org.yiwang.governance.internal.kpi;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.yiwang.calendar.WorkingCalendar;
import org.yiwang.governance.EventKpiQuery;
import org.yiwang.governance.EventKpiQuery.GroupBy;
import org.yiwang.governance.EventKpiReport;
import org.yiwang.governance.EventKpiValues;
import org.yiwang.governance.EventKpis;
import org.yiwang.governance.Grid;
import org.yiwang.governance.GridDirectory;
import org.yiwang.organization.Department;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.organization.Region;
import org.yiwang.shared.ids.ChineseIds;
import org.yiwang.shared.security.AccessScope;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.ProblemException;

/**
 * 统一考核: computes the KPIs of city events straight from {@code gov_event} and {@code gov_event_history} with one
 * aggregate query per deciding date (intake, 立案, 派遣, deadline, failed 核查, approved 延期), each on its own index, grouped
 * in SQL by child region, department or grid; day and month breakdowns run the same queries per bucket.
 * The caller's {@link AccessScope} is part of every query.
 */
@Service
public class EventKpiService implements EventKpis {

    /** Longest period of a DAY breakdown. */
    static final int MAX_DAYS = 366;
    /** Longest period of any report (ten years). */
    static final int MAX_PERIOD_DAYS = 3660;

    private final JdbcClient jdbc;
    private final OrganizationDirectory directory;
    private final GridDirectory grids;
    private final WorkingCalendar calendar;
    private final KpiConfig config;

    EventKpiService(JdbcClient jdbc, OrganizationDirectory directory, GridDirectory grids, WorkingCalendar calendar, KpiConfig config) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.grids = grids;
        this.calendar = calendar;
        this.config = config;
    }

    /** Counts of one group, in the order of {@link EventKpiValues}. */
    static final class Counts {
        long received, filed, dispatched, due, closed, closedOnTime, reworked, extended, suspended;
    }

    @Override
    @Transactional(readOnly = true)
    public EventKpiReport report(EventKpiQuery q) {
        Caller c = Callers.current();
        if (!c.isOfficerOrAdmin()) {
            throw ProblemException.forbidden("考核指标仅供工作人员查看", "KPIs are for officers only");
        }
        if (ChronoUnit.DAYS.between(q.from(), q.to()) >= MAX_PERIOD_DAYS) {
            throw ProblemException.invalidField("to", "统计期间不能超过 10 年", "the period must not exceed 10 years");
        }
        if (q.groupBy() == GroupBy.DAY && ChronoUnit.DAYS.between(q.from(), q.to()) >= MAX_DAYS) {
            throw ProblemException.invalidField("groupBy", "按日分组的期间不能超过 366 天", "a daily breakdown covers at most 366 days");
        }
        Region region = null;
        if (q.regionCode() != null && !q.regionCode().isBlank()) {
            region = directory.region(q.regionCode().trim()).orElseThrow(() ->
                    ProblemException.invalidField("regionCode", "未知的行政区划代码", "unknown region code"));
        } else if (c.type() == CallerType.OFFICER && c.regionPrefixes().size() == 1) {
            String prefix = c.regionPrefixes().iterator().next();
            region = directory.regions().stream().filter(r -> ChineseIds.regionPrefix(r.code()).equals(prefix)).findFirst().orElse(null);
        }
        EventKpiQuery effective = new EventKpiQuery(region == null ? null : region.code(), blank(q.departmentId()), blank(q.gridCode()),
                q.from(), q.to(), q.groupBy());
        ZoneId zone = calendar.zone();
        Instant start = q.from().atStartOfDay(zone).toInstant();
        Instant end = q.to().plusDays(1).atStartOfDay(zone).toInstant();
        Instant now = Instant.now();

        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        AccessScope.Predicate scope = c.scope().where("e.region_code", "e.department_id", "e.reporter_account_id");
        where.add(scope.sql());
        params.addAll(scope.params());
        if (region != null) {
            where.add("e.region_code like ?");
            params.add(ChineseIds.regionPrefix(region.code()) + "%");
        }
        if (effective.departmentId() != null) {
            where.add("e.department_id = ?");
            params.add(effective.departmentId());
        }
        if (effective.gridCode() != null) {
            where.add("e.grid_code = ?");
            params.add(effective.gridCode());
        }
        Filter filter = new Filter(String.join(" and ", where), params);
        KpiConfig.Config cfg = config.load();

        EventKpiValues total = values("total", "合计", counts(filter, null, start, end, now).getOrDefault(TOTAL, new Counts()), cfg);
        List<EventKpiValues> rows = new ArrayList<>();
        switch (q.groupBy()) {
            case NONE -> {
            }
            case REGION -> {
                Region base = region != null ? region : directory.regions().stream().filter(r -> r.parentCode() == null).findFirst().orElse(null);
                List<Region> children = base == null ? List.of() : directory.children(base.code());
                if (!children.isEmpty()) {
                    int n = ChineseIds.regionPrefix(children.get(0).code()).length();
                    Map<String, Counts> byKey = counts(filter, "substring(e.region_code, 1, " + n + ")", start, end, now);
                    for (Region child : children) {
                        String key = ChineseIds.regionPrefix(child.code());
                        Counts k = byKey.remove(key);
                        rows.add(values(child.code(), child.name(), k == null ? new Counts() : k, cfg));
                    }
                    byKey.forEach((k, v) -> rows.add(values(k == null ? "none" : k, k == null ? "未定属地" : k, v, cfg)));
                }
            }
            case DEPARTMENT -> {
                Map<String, Counts> byKey = new TreeMap<>(java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
                byKey.putAll(counts(filter, "e.department_id", start, end, now));
                byKey.forEach((k, v) -> rows.add(values(k == null ? "none" : k,
                        k == null ? "未定部门" : directory.department(k).map(Department::name).orElse(k), v, cfg)));
            }
            case GRID -> {
                Map<String, Counts> byKey = new TreeMap<>(java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
                byKey.putAll(counts(filter, "e.grid_code", start, end, now));
                byKey.forEach((k, v) -> rows.add(values(k == null ? "none" : k,
                        k == null ? "网格外" : grids.grid(k).map(Grid::name).orElse(k), v, cfg)));
            }
            case DAY -> {
                for (LocalDate d = q.from(); !d.isAfter(q.to()); d = d.plusDays(1)) {
                    Map<String, Counts> m = counts(filter, null, d.atStartOfDay(zone).toInstant(), d.plusDays(1).atStartOfDay(zone).toInstant(), now);
                    rows.add(values(d.toString(), d.toString(), m.getOrDefault(TOTAL, new Counts()), cfg));
                }
            }
            case MONTH -> {
                for (YearMonth m = YearMonth.from(q.from()); !m.atDay(1).isAfter(q.to()); m = m.plusMonths(1)) {
                    LocalDate a = m.atDay(1).isBefore(q.from()) ? q.from() : m.atDay(1);
                    LocalDate b = m.atEndOfMonth().isAfter(q.to()) ? q.to() : m.atEndOfMonth();
                    Map<String, Counts> r = counts(filter, null, a.atStartOfDay(zone).toInstant(), b.plusDays(1).atStartOfDay(zone).toInstant(), now);
                    rows.add(values(m.toString(), m.toString(), r.getOrDefault(TOTAL, new Counts()), cfg));
                }
            }
        }
        String regionName = region == null ? "全部" : region.name();
        return new EventKpiReport(effective, regionName, start, end, total, rows, now);
    }

    private static final String TOTAL = "total";

    record Filter(String sql, List<Object> params) {
    }

    /** The nine counts per group key ({@link #TOTAL} when {@code keyExpr} is null) for the period [a, b). */
    Map<String, Counts> counts(Filter f, String keyExpr, Instant a, Instant b, Instant now) {
        Map<String, Counts> out = new HashMap<>();
        String key = keyExpr == null ? "'" + TOTAL + "'" : keyExpr;
        String group = keyExpr == null ? "" : " group by " + keyExpr;
        Timestamp ta = Timestamp.from(a), tb = Timestamp.from(b), tn = Timestamp.from(now);
        // 受理数, 立案数, 派遣数: one deciding date each
        String[][] simple = {{"e.created_at", "received"}, {"e.filed_at", "filed"}, {"e.dispatched_at", "dispatched"}};
        for (String[] s : simple) {
            query("select " + key + " k, count(*) n from gov_event e where " + f.sql() + " and " + s[0] + " >= ? and " + s[0] + " < ?" + group,
                    f.params(), List.of(ta, tb), rs -> {
                        Counts c = out.computeIfAbsent(rs.getString("k"), x -> new Counts());
                        long n = rs.getLong("n");
                        switch (s[1]) {
                            case "received" -> c.received = n;
                            case "filed" -> c.filed = n;
                            default -> c.dispatched = n;
                        }
                    });
        }
        // 应结案数 and, within it, 结案数, 按期结案数, 缓办数: the deadline decides
        query("select " + key + " k, count(*) n, "
                        + "sum(case when e.state = 'CLOSED' then 1 else 0 end) closed, "
                        + "sum(case when e.state = 'CLOSED' and e.closed_at <= e.deadline then 1 else 0 end) ontime, "
                        + "sum(case when e.state = 'SUSPENDED' then 1 else 0 end) suspended "
                        + "from gov_event e where " + f.sql() + " and e.deadline >= ? and e.deadline < ? "
                        + "and (e.deadline <= ? or e.state = 'CLOSED') and e.state not in ('MERGED', 'REJECTED')" + group,
                f.params(), List.of(ta, tb, tn), rs -> {
                    Counts c = out.computeIfAbsent(rs.getString("k"), x -> new Counts());
                    c.due = rs.getLong("n");
                    c.closed = rs.getLong("closed");
                    c.closedOnTime = rs.getLong("ontime");
                    c.suspended = rs.getLong("suspended");
                });
        // 返工数, 延期数: events with a failed 核查 / an approved 延期 in the period
        for (String action : List.of("verify-fail", "approve-extension")) {
            query("select " + key + " k, count(distinct e.id) n from gov_event_history h join gov_event e on e.id = h.event_id where "
                            + f.sql() + " and h.action = ? and h.at >= ? and h.at < ?" + group,
                    f.params(), List.of(action, ta, tb), rs -> {
                        Counts c = out.computeIfAbsent(rs.getString("k"), x -> new Counts());
                        if (action.equals("verify-fail")) {
                            c.reworked = rs.getLong("n");
                        } else {
                            c.extended = rs.getLong("n");
                        }
                    });
        }
        return out;
    }

    private interface RowHandler {
        void handle(java.sql.ResultSet rs) throws java.sql.SQLException;
    }

    private void query(String sql, List<Object> filterParams, List<Object> more, RowHandler h) {
        var spec = jdbc.sql(sql);
        int i = 1;
        for (Object p : filterParams) {
            spec = spec.param(i++, p);
        }
        for (Object p : more) {
            spec = spec.param(i++, p);
        }
        spec.query((java.sql.ResultSet rs) -> {
            h.handle(rs);
        });
    }

    static Double rate(long num, long den) {
        return den <= 0 ? null : (double) num / den;
    }

    static EventKpiValues values(String key, String label, Counts c, KpiConfig.Config cfg) {
        Double filing = rate(c.filed, c.received);
        Double dispatch = rate(c.dispatched, c.filed);
        Double closing = rate(c.closed, c.due);
        Double onTime = rate(c.closedOnTime, c.due - c.suspended);
        Double rework = rate(c.reworked, c.dispatched);
        Double extension = rate(c.extended, c.dispatched);
        Map<String, Double> rates = new LinkedHashMap<>();
        rates.put("filingRate", filing);
        rates.put("dispatchRate", dispatch);
        rates.put("closingRate", closing);
        rates.put("onTimeRate", onTime);
        rates.put("reworkRate", rework);
        rates.put("extensionRate", extension);
        Double score = KpiConfig.composite(cfg, rates);
        KpiConfig.Grade g = KpiConfig.grade(cfg, score);
        return new EventKpiValues(key, label, c.received, c.filed, c.dispatched, c.due, c.closed, c.closedOnTime, c.reworked,
                c.extended, c.suspended, filing, dispatch, closing, onTime, rework, extension, score,
                g == null ? null : g.grade(), g == null ? null : g.labelZh(), g == null ? null : g.colour());
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
