package org.yiwang.evaluation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.yiwang.evaluation.Evaluation;
import org.yiwang.evaluation.EvaluationLevel;
import org.yiwang.evaluation.EvaluationState;
import org.yiwang.evaluation.Indicator;

/** SQL of {@code ev_evaluation}, {@code ev_rating} and {@code ev_rectification}. */
@Repository
class EvaluationStore {

    /** A rectification task (整改任务). */
    record Rectification(String evaluationId, String departmentId, String regionCode, String state, Instant openedAt, Instant visitDue,
                         Instant rectifyDue, Instant visitedAt, String visitedBy, String visitNote, Instant rectifiedAt,
                         String rectifiedBy, String rectifyNote, boolean visitOverdue, boolean rectifyOverdue) {

        /** Overdue now or done late: 回访 or 整改 past its deadline. */
        boolean overdue(Instant now) {
            return visitOverdue || rectifyOverdue || (visitedAt == null && now.isAfter(visitDue))
                    || (rectifiedAt == null && now.isAfter(rectifyDue));
        }
    }

    private final JdbcClient jdbc;

    EvaluationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    static Instant instant(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    private Evaluation evaluation(ResultSet rs) throws SQLException {
        Integer fu = rs.getObject("follow_up") == null ? null : rs.getInt("follow_up");
        return new Evaluation(rs.getString("id"), rs.getString("subject_type"), rs.getString("subject_id"), rs.getString("item_code"),
                rs.getString("department_id"), rs.getString("region_code"), rs.getString("rater_account_id"),
                EvaluationState.valueOf(rs.getString("state")), Map.of(), rs.getString("comment"), rs.getBoolean("negative"),
                fu == null ? null : EvaluationLevel.ofScore(fu), rs.getString("follow_up_comment"), instant(rs, "enabled_at"),
                instant(rs, "rated_at"), instant(rs, "follow_up_at"));
    }

    private Evaluation withRatings(Evaluation e) {
        Map<Indicator, EvaluationLevel> ratings = new EnumMap<>(Indicator.class);
        jdbc.sql("select indicator, score from ev_rating where evaluation_id = ?").param(e.id())
                .query((rs, i) -> Map.entry(Indicator.valueOf(rs.getString(1)), EvaluationLevel.ofScore(rs.getInt(2))))
                .list().forEach(en -> ratings.put(en.getKey(), en.getValue()));
        return new Evaluation(e.id(), e.subjectType(), e.subjectId(), e.itemCode(), e.departmentId(), e.regionCode(), e.raterAccountId(),
                e.state(), java.util.Collections.unmodifiableMap(ratings), e.comment(), e.negative(), e.followUp(), e.followUpComment(),
                e.enabledAt(), e.ratedAt(), e.followUpAt());
    }

    Optional<Evaluation> find(String id) {
        return jdbc.sql("select * from ev_evaluation where id = ?").param(id).query((rs, i) -> evaluation(rs)).optional().map(this::withRatings);
    }

    Optional<Evaluation> findForUpdate(String id) {
        return jdbc.sql("select * from ev_evaluation where id = ? for update").param(id).query((rs, i) -> evaluation(rs)).optional()
                .map(this::withRatings);
    }

    Optional<Evaluation> bySubject(String subjectType, String subjectId) {
        return jdbc.sql("select * from ev_evaluation where subject_type = ? and subject_id = ?").params(subjectType, subjectId)
                .query((rs, i) -> evaluation(rs)).optional().map(this::withRatings);
    }

    List<Evaluation> where(String where, List<Object> params, int limit) {
        var spec = jdbc.sql("select * from ev_evaluation e where " + where + " order by e.enabled_at desc, e.id limit " + limit);
        for (int i = 0; i < params.size(); i++) {
            spec = spec.param(i + 1, params.get(i));
        }
        return spec.query((rs, i) -> evaluation(rs)).list().stream().map(this::withRatings).toList();
    }

    /** Inserts unless the subject already has one; true when inserted. */
    boolean insert(Evaluation e) {
        return jdbc.sql("""
                insert into ev_evaluation (id, subject_type, subject_id, item_code, department_id, region_code, rater_account_id, state,
                                           negative, enabled_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, false, ?) on conflict do nothing""")
                .params(e.id(), e.subjectType(), e.subjectId(), e.itemCode(), e.departmentId(), e.regionCode(), e.raterAccountId(),
                        e.state().name(), ts(e.enabledAt())).update() == 1;
    }

    void rate(String id, Map<Indicator, EvaluationLevel> ratings, String comment, boolean negative, EvaluationState state, Instant at) {
        for (Map.Entry<Indicator, EvaluationLevel> r : ratings.entrySet()) {
            jdbc.sql("insert into ev_rating (evaluation_id, indicator, score) values (?, ?, ?)")
                    .params(id, r.getKey().name(), r.getValue().score()).update();
        }
        jdbc.sql("update ev_evaluation set state = ?, comment = ?, negative = ?, rated_at = ? where id = ?")
                .params(state.name(), comment, negative, ts(at), id).update();
    }

    void followUp(String id, EvaluationLevel level, String comment, Instant at) {
        jdbc.sql("update ev_evaluation set state = 'CLOSED', follow_up = ?, follow_up_comment = ?, follow_up_at = ? where id = ?")
                .params(level.score(), comment, ts(at), id).update();
    }

    void setState(String id, EvaluationState state) {
        jdbc.sql("update ev_evaluation set state = ? where id = ?").params(state.name(), id).update();
    }

    // ------------------------------------------------------------------ rectification

    private Rectification rectification(ResultSet rs) throws SQLException {
        return new Rectification(rs.getString("evaluation_id"), rs.getString("department_id"), rs.getString("region_code"),
                rs.getString("state"), instant(rs, "opened_at"), instant(rs, "visit_due"), instant(rs, "rectify_due"),
                instant(rs, "visited_at"), rs.getString("visited_by"), rs.getString("visit_note"), instant(rs, "rectified_at"),
                rs.getString("rectified_by"), rs.getString("rectify_note"), rs.getBoolean("visit_overdue"), rs.getBoolean("rectify_overdue"));
    }

    Optional<Rectification> rectification(String evaluationId) {
        return jdbc.sql("select * from ev_rectification where evaluation_id = ?").param(evaluationId).query((rs, i) -> rectification(rs))
                .optional();
    }

    List<Rectification> rectifications(String where, List<Object> params, int limit) {
        var spec = jdbc.sql("select * from ev_rectification r where " + where + " order by r.opened_at desc limit " + limit);
        for (int i = 0; i < params.size(); i++) {
            spec = spec.param(i + 1, params.get(i));
        }
        return spec.query((rs, i) -> rectification(rs)).list();
    }

    void openRectification(String evaluationId, String departmentId, String regionCode, Instant openedAt, Instant visitDue,
                           Instant rectifyDue) {
        jdbc.sql("""
                insert into ev_rectification (evaluation_id, department_id, region_code, state, opened_at, visit_due, rectify_due)
                values (?, ?, ?, 'OPEN', ?, ?, ?)""")
                .params(evaluationId, departmentId, regionCode, ts(openedAt), ts(visitDue), ts(rectifyDue)).update();
    }

    void visit(String evaluationId, String by, String note, Instant at, boolean late) {
        jdbc.sql("update ev_rectification set state = 'VISITED', visited_at = ?, visited_by = ?, visit_note = ?, "
                        + "visit_overdue = (visit_overdue or ?) where evaluation_id = ?")
                .params(ts(at), by, note, late, evaluationId).update();
    }

    void rectify(String evaluationId, String by, String note, Instant at, boolean late) {
        jdbc.sql("update ev_rectification set state = 'RECTIFIED', rectified_at = ?, rectified_by = ?, rectify_note = ?, "
                        + "rectify_overdue = (rectify_overdue or ?) where evaluation_id = ?")
                .params(ts(at), by, note, late, evaluationId).update();
    }

    /** Flags the tasks whose 回访 or 整改 deadline passed undone; returns the evaluation ids newly flagged. */
    List<String> markOverdue(Instant now) {
        List<String> ids = jdbc.sql("""
                select evaluation_id from ev_rectification
                where (visited_at is null and visit_due < ? and not visit_overdue)
                   or (rectified_at is null and rectify_due < ? and not rectify_overdue)""")
                .params(ts(now), ts(now)).query(String.class).list();
        jdbc.sql("update ev_rectification set visit_overdue = true where visited_at is null and visit_due < ? and not visit_overdue")
                .param(ts(now)).update();
        jdbc.sql("update ev_rectification set rectify_overdue = true where rectified_at is null and rectify_due < ? and not rectify_overdue")
                .param(ts(now)).update();
        return ids;
    }

    JdbcClient jdbc() {
        return jdbc;
    }
}
