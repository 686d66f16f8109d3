package org.yiwang.evaluation.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import org.yiwang.evaluation.EvaluationLevel;

/**
 * Public statistics (评价信息公开) per department or per item over the first ratings' 整体满意度: counts per level,
 * 好评率 (非常满意 + 满意 + 基本满意 over all rated), average score, 差评 count, 回访率 and 整改率 over the 差评, overdue
 * tasks and follow-up ratings. No personal data.
 */
@Component
class EvaluationStats {

    /** One group's figures. */
    record Row(String key, String name, long rated, long[] byLevel, BigDecimal averageScore, BigDecimal satisfactionRate, long negative,
               long visited, long rectified, BigDecimal visitRate, BigDecimal rectifyRate, long overdue, long followUps,
               long followUpsSatisfied) {

        Map<String, Object> view() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", key);
            m.put("name", name);
            m.put("rated", rated);
            Map<String, Long> levels = new LinkedHashMap<>();
            for (EvaluationLevel l : EvaluationLevel.values()) {
                levels.put(l.name(), byLevel[5 - l.score()]);
            }
            m.put("levels", levels);
            m.put("averageScore", averageScore);
            m.put("satisfactionRate", satisfactionRate);
            m.put("negative", negative);
            m.put("visited", visited);
            m.put("rectified", rectified);
            m.put("visitRate", visitRate);
            m.put("rectifyRate", rectifyRate);
            m.put("overdue", overdue);
            m.put("followUps", followUps);
            m.put("followUpsSatisfied", followUpsSatisfied);
            return m;
        }
    }

    private final EvaluationStore store;
    private final EvaluationService service;

    EvaluationStats(EvaluationStore store, EvaluationService service) {
        this.store = store;
        this.service = service;
    }

    /**
     * @param by   {@code department} or {@code item}
     * @param from ratings at or after (null: from the start)
     * @param to   ratings before (null: up to now)
     */
    @Transactional(readOnly = true)
    List<Row> stats(String by, Instant from, Instant to) {
        String col = "item".equals(by) ? "e.item_code" : "e.department_id";
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("e.rated_at is not null");
        if (from != null) {
            where.append(" and e.rated_at >= ?");
            params.add(Timestamp.from(from));
        }
        if (to != null) {
            where.append(" and e.rated_at < ?");
            params.add(Timestamp.from(to));
        }
        Timestamp now = Timestamp.from(Instant.now());
        List<Object> all = new ArrayList<>();
        all.add(now);
        all.add(now);
        all.addAll(params);
        String sql = "select " + col + " as k, count(*) as rated, "
                + "sum(case when r.score = 5 then 1 else 0 end) as l5, sum(case when r.score = 4 then 1 else 0 end) as l4, "
                + "sum(case when r.score = 3 then 1 else 0 end) as l3, sum(case when r.score = 2 then 1 else 0 end) as l2, "
                + "sum(case when r.score = 1 then 1 else 0 end) as l1, sum(r.score) as total_score, "
                + "sum(case when e.negative then 1 else 0 end) as neg, "
                + "sum(case when rc.visited_at is not null then 1 else 0 end) as visited, "
                + "sum(case when rc.rectified_at is not null then 1 else 0 end) as rectified, "
                + "sum(case when rc.evaluation_id is not null and (rc.visit_overdue or rc.rectify_overdue "
                + "    or (rc.visited_at is null and rc.visit_due < ?) or (rc.rectified_at is null and rc.rectify_due < ?)) then 1 else 0 end) as overdue, "
                + "sum(case when e.follow_up is not null then 1 else 0 end) as follow_ups, "
                + "sum(case when e.follow_up >= 3 then 1 else 0 end) as follow_ups_ok "
                + "from ev_evaluation e join ev_rating r on r.evaluation_id = e.id and r.indicator = 'OVERALL' "
                + "left join ev_rectification rc on rc.evaluation_id = e.id "
                + "where " + where + " group by " + col + " order by " + col;
        var spec = store.jdbc().sql(sql);
        for (int i = 0; i < all.size(); i++) {
            spec = spec.param(i + 1, all.get(i));
        }
        return spec.query((rs, i) -> {
            String key = rs.getString("k");
            long rated = rs.getLong("rated");
            long[] levels = {rs.getLong("l5"), rs.getLong("l4"), rs.getLong("l3"), rs.getLong("l2"), rs.getLong("l1")};
            long neg = rs.getLong("neg");
            long visited = rs.getLong("visited");
            long rectified = rs.getLong("rectified");
            String name = "item".equals(by) ? service.itemName(key) : service.departmentName(key);
            return new Row(key, name, rated, levels, ratio(rs.getLong("total_score"), rated, 2),
                    ratio(levels[0] + levels[1] + levels[2], rated, 4), neg, visited, rectified, ratio(visited, neg, 4),
                    ratio(rectified, neg, 4), rs.getLong("overdue"), rs.getLong("follow_ups"), rs.getLong("follow_ups_ok"));
        }).list();
    }

    private static BigDecimal ratio(long a, long b, int scale) {
        return b == 0 ? null : BigDecimal.valueOf(a).divide(BigDecimal.valueOf(b), scale, RoundingMode.HALF_UP);
    }
}
