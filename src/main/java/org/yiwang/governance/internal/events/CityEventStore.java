package org.yiwang.governance.internal.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.yiwang.governance.CityEvent;
import org.yiwang.governance.CityEventQuery;
import org.yiwang.governance.CityEventState;
import org.yiwang.governance.CityEvents;
import org.yiwang.governance.MatchRule;
import org.yiwang.shared.security.AccessScope;
import org.yiwang.shared.security.CallerType;

/** SQL of {@code gov_event}, its photos and history; implements the unscoped {@link CityEvents} reads. */
@Repository
public class CityEventStore implements CityEvents {

    /** An event with the columns only this module uses. */
    record Row(CityEvent event, String rejectReason, String extensionPending, String suspendedFrom, Instant suspendedAt,
               String handlerOfficerId, String dispatcherOfficerId, String callerPhoneEnc, Instant handledAt,
               String ratingComment, Instant escalatedAt) {
        String id() {
            return event.id();
        }

        CityEventState state() {
            return event.state();
        }
    }

    /** One history line. */
    record History(String actorId, String actorName, String action, String fromState, String toState, String comment,
                   List<String> photos, Instant at) {
    }

    private final JdbcClient jdbc;

    CityEventStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    private Row row(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        Integer rating = rs.getObject("rating") == null ? null : rs.getInt("rating");
        CityEvent e = new CityEvent(id, rs.getString("event_no"), rs.getString("source"), rs.getString("class_code"),
                rs.getString("description"), rs.getDouble("lon"), rs.getDouble("lat"), MatchRule.valueOf(rs.getString("match_rule")),
                rs.getString("grid_code"), rs.getString("region_code"), rs.getString("department_id"),
                rs.getString("reporter_account_id"), CityEventState.valueOf(rs.getString("state")), instant(rs, "dispatched_at"),
                instant(rs, "deadline"), instant(rs, "closed_at"), rs.getInt("rework_count"), rs.getInt("extension_count"),
                rs.getBoolean("long_term"), rs.getBoolean("overdue"), rs.getInt("escalation_level"), rs.getString("merged_into"),
                rating, instant(rs, "created_at"), List.of());
        return new Row(e, rs.getString("reject_reason"), rs.getString("extension_pending"), rs.getString("suspended_from"),
                instant(rs, "suspended_at"), rs.getString("handler_officer_id"), rs.getString("dispatcher_officer_id"),
                rs.getString("caller_phone_enc"), instant(rs, "handled_at"), rs.getString("rating_comment"), instant(rs, "escalated_at"));
    }

    private Row withPhotos(Row r) {
        CityEvent e = r.event();
        List<String> photos = photos(e.id(), "REPORT");
        CityEvent withPhotos = new CityEvent(e.id(), e.eventNo(), e.source(), e.classCode(), e.description(), e.lon(), e.lat(),
                e.matchRule(), e.gridCode(), e.regionCode(), e.departmentId(), e.reporterAccountId(), e.state(), e.dispatchedAt(),
                e.deadline(), e.closedAt(), e.reworkCount(), e.extensionCount(), e.longTerm(), e.overdue(), e.escalationLevel(),
                e.mergedInto(), e.rating(), e.createdAt(), photos);
        return new Row(withPhotos, r.rejectReason(), r.extensionPending(), r.suspendedFrom(), r.suspendedAt(), r.handlerOfficerId(),
                r.dispatcherOfficerId(), r.callerPhoneEnc(), r.handledAt(), r.ratingComment(), r.escalatedAt());
    }

    Optional<Row> row(String id) {
        return jdbc.sql("select * from gov_event where id = ?").param(id).query((rs, i) -> row(rs)).optional().map(this::withPhotos);
    }

    /** Same, locking the row for the rest of the transaction (transitions run one at a time per event). */
    Optional<Row> rowForUpdate(String id) {
        return jdbc.sql("select * from gov_event where id = ? for update").param(id).query((rs, i) -> row(rs)).optional()
                .map(this::withPhotos);
    }

    /** Rows matching a where clause (without the {@code where}) with positional parameters. */
    List<Row> rows(String where, List<Object> params, String orderAndLimit) {
        var spec = jdbc.sql("select * from gov_event e where " + where + " " + orderAndLimit);
        for (int i = 0; i < params.size(); i++) {
            spec = spec.param(i + 1, params.get(i));
        }
        return spec.query((rs, i) -> row(rs)).list().stream().map(this::withPhotos).toList();
    }

    List<String> photos(String eventId, String stage) {
        return jdbc.sql("select file_id from gov_event_photo where event_id = ? and stage = ? order by file_id")
                .params(eventId, stage).query(String.class).list();
    }

    void addPhotos(String eventId, String stage, List<String> fileIds) {
        for (String f : fileIds) {
            jdbc.sql("insert into gov_event_photo (event_id, file_id, stage) values (?, ?, ?) on conflict do nothing")
                    .params(eventId, f, stage).update();
        }
    }

    void history(String eventId, String actorId, String actorName, String action, CityEventState from, CityEventState to,
                 String comment, List<String> photos, Instant at) {
        jdbc.sql("insert into gov_event_history (event_id, actor_id, actor_name, action, from_state, to_state, comment, photos, at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(eventId, actorId, actorName, action, from == null ? null : from.name(), to.name(), comment,
                        photos == null || photos.isEmpty() ? null : String.join(",", photos), ts(at)).update();
    }

    List<History> history(String eventId) {
        return jdbc.sql("select * from gov_event_history where event_id = ? order by id").param(eventId)
                .query((rs, i) -> new History(rs.getString("actor_id"), rs.getString("actor_name"), rs.getString("action"),
                        rs.getString("from_state"), rs.getString("to_state"), rs.getString("comment"),
                        rs.getString("photos") == null ? List.of() : List.of(rs.getString("photos").split(",")),
                        instant(rs, "at"))).list();
    }

    /** The next number of the day {@code yyyyMMdd} (1, 2, …); the sequence row stays locked until commit. */
    int nextSequence(String day) {
        jdbc.sql("insert into gov_event_seq (seq_day, last_value) values (?, 0) on conflict do nothing").param(day).update();
        jdbc.sql("update gov_event_seq set last_value = last_value + 1 where seq_day = ?").param(day).update();
        return jdbc.sql("select last_value from gov_event_seq where seq_day = ?").param(day).query(Integer.class).single();
    }

    /** Updates columns of one event: {@code set} is the SQL after {@code set}, params in order, then the id. */
    int update(String id, String set, Object... params) {
        return updateWhere(id, set, "1=1", params);
    }

    /** Same, only when {@code condition} also holds (params of set, then of condition); returns the rows changed. */
    int updateWhere(String id, String set, String condition, Object... params) {
        var spec = jdbc.sql("update gov_event set " + set + " where " + condition + " and id = ?");
        int i = 1;
        for (Object p : params) {
            spec = spec.param(i++, p instanceof Instant in ? ts(in) : p);
        }
        return spec.param(i, id).update();
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    @Override
    public Optional<CityEvent> find(String id) {
        return row(id).map(Row::event);
    }

    @Override
    public Optional<CityEvent> findByNo(String eventNo) {
        return jdbc.sql("select id from gov_event where event_no = ?").param(eventNo).query(String.class).optional().flatMap(this::find);
    }

    @Override
    public List<CityEvent> created(Instant from, Instant to, String regionCode) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        where.add("1=1");
        if (from != null) {
            where.add("e.created_at >= ?");
            params.add(ts(from));
        }
        if (to != null) {
            where.add("e.created_at < ?");
            params.add(ts(to));
        }
        if (regionCode != null) {
            where.add("e.region_code like ?");
            params.add(org.yiwang.shared.ids.ChineseIds.regionPrefix(regionCode) + "%");
        }
        return rows(String.join(" and ", where), params, "order by e.created_at, e.event_no").stream().map(Row::event).toList();
    }

    /** The where clause (scope + filters) of {@link #search} and {@link #countByState}, parameters added to {@code params}. */
    private static String searchWhere(CityEventQuery q, AccessScope scope, List<Object> params) {
        List<String> where = new ArrayList<>();
        AccessScope.Predicate p = scope.where("e.region_code", "e.department_id", "e.reporter_account_id");
        if (scope.caller().type() == CallerType.OFFICER) {
            where.add("(" + p.sql() + " or e.reporter_account_id = ?)");
            params.addAll(p.params());
            params.add(scope.caller().accountId());
        } else {
            where.add("(" + p.sql() + ")");
            params.addAll(p.params());
        }
        if (!q.states().isEmpty()) {
            where.add("e.state in (" + String.join(",", q.states().stream().map(st -> "?").toList()) + ")");
            q.states().stream().map(Enum::name).sorted().forEach(params::add);
        }
        if (q.regionCode() != null && !q.regionCode().isBlank()) {
            where.add("e.region_code like ?");
            params.add(org.yiwang.shared.ids.ChineseIds.regionPrefix(q.regionCode().trim()) + "%");
        }
        if (q.gridCode() != null && !q.gridCode().isBlank()) {
            where.add("e.grid_code = ?");
            params.add(q.gridCode().trim());
        }
        if (q.classCode() != null && !q.classCode().isBlank()) {
            where.add("e.class_code = ?");
            params.add(q.classCode().trim());
        }
        if (q.from() != null) {
            where.add("e.created_at >= ?");
            params.add(ts(q.from()));
        }
        if (q.to() != null) {
            where.add("e.created_at < ?");
            params.add(ts(q.to()));
        }
        return String.join(" and ", where);
    }

    @Override
    public List<CityEvent> search(CityEventQuery query, AccessScope scope) {
        List<Object> params = new ArrayList<>();
        var spec = jdbc.sql("select * from gov_event e where " + searchWhere(query, scope, params)
                + " order by e.created_at desc, e.event_no desc fetch first " + query.limit() + " rows only");
        for (int i = 0; i < params.size(); i++) {
            spec = spec.param(i + 1, params.get(i));
        }
        return spec.query((rs, i) -> row(rs).event()).list();
    }

    @Override
    public Map<CityEventState, Long> countByState(CityEventQuery query, AccessScope scope) {
        List<Object> params = new ArrayList<>();
        var spec = jdbc.sql("select e.state, count(*) n from gov_event e where " + searchWhere(query, scope, params) + " group by e.state");
        for (int i = 0; i < params.size(); i++) {
            spec = spec.param(i + 1, params.get(i));
        }
        Map<CityEventState, Long> out = new EnumMap<>(CityEventState.class);
        spec.query((rs, i) -> Map.entry(CityEventState.valueOf(rs.getString("state")), rs.getLong("n"))).list()
                .forEach(en -> out.put(en.getKey(), en.getValue()));
        return out;
    }
}
