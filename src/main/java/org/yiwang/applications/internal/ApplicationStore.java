package org.yiwang.applications.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.yiwang.applications.ApplicationState;

/** SQL of {@code app_case}, its materials, history and daily numbering. */
@Repository
class ApplicationStore {

    /** One case (办件). */
    record Case(String id, String applicationNo, String itemId, String itemCode, int itemVersion, String itemName,
                String departmentId, String regionCode, String applicantAccountId, String applicantName, String applicantType,
                String formDataEnc, ApplicationState state, String decision, String decisionReason, String refuseReason,
                String correctionNote, boolean deemedAccepted, String processInstanceId, String processDefinitionId,
                String assigneeAccountId, String assigneeName, String acceptedBy, String acceptedDepartment, int promisedDays,
                Instant acceptanceDue, Instant deadline, boolean suspended, Instant suspendedAt, String suspendReason,
                long pausedSeconds, Instant yellowCardAt, Instant redCardAt, Instant submittedAt, Instant acceptedAt,
                Instant decidedAt, Instant deliveredAt, Instant closedAt, Instant updatedAt) {
    }

    /** One history line (办理过程). */
    record History(String actorId, String actorName, String action, String fromState, String toState, String comment,
                   List<String> documents, Instant at) {
    }

    /** One material (申请材料) handed in as a file. */
    record MaterialFile(String fileId, String materialName, String stage) {
    }

    private final JdbcClient jdbc;

    ApplicationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    private static Case row(ResultSet rs) throws SQLException {
        return new Case(rs.getString("id"), rs.getString("application_no"), rs.getString("item_id"), rs.getString("item_code"),
                rs.getInt("item_version"), rs.getString("item_name"), rs.getString("department_id"), rs.getString("region_code"),
                rs.getString("applicant_account_id"), rs.getString("applicant_name"), rs.getString("applicant_type"),
                rs.getString("form_data_enc"), ApplicationState.valueOf(rs.getString("state")), rs.getString("decision"),
                rs.getString("decision_reason"), rs.getString("refuse_reason"), rs.getString("correction_note"),
                rs.getBoolean("deemed_accepted"), rs.getString("process_instance_id"), rs.getString("process_definition_id"),
                rs.getString("assignee_account_id"), rs.getString("assignee_name"), rs.getString("accepted_by"),
                rs.getString("accepted_department"), rs.getInt("promised_days"), instant(rs, "acceptance_due"),
                instant(rs, "deadline"), rs.getBoolean("suspended"), instant(rs, "suspended_at"), rs.getString("suspend_reason"),
                rs.getLong("paused_seconds"), instant(rs, "yellow_card_at"), instant(rs, "red_card_at"), instant(rs, "submitted_at"),
                instant(rs, "accepted_at"), instant(rs, "decided_at"), instant(rs, "delivered_at"), instant(rs, "closed_at"),
                instant(rs, "updated_at"));
    }

    Optional<Case> find(String id) {
        return jdbc.sql("select * from app_case where id = ?").param(id).query((rs, i) -> row(rs)).optional();
    }

    Optional<Case> findByNo(String no) {
        return jdbc.sql("select * from app_case where application_no = ?").param(no).query((rs, i) -> row(rs)).optional();
    }

    /** Same as {@link #find}, locking the row until commit (changes of one case run one at a time). */
    Optional<Case> lock(String id) {
        return jdbc.sql("select * from app_case where id = ? for update").param(id).query((rs, i) -> row(rs)).optional();
    }

    /** Rows matching a where clause (without {@code where}) with positional parameters. */
    List<Case> rows(String where, List<Object> params, String orderAndLimit) {
        var spec = jdbc.sql("select * from app_case c where " + where + " " + orderAndLimit);
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            spec = spec.param(i + 1, p instanceof Instant in ? ts(in) : p);
        }
        return spec.query((rs, i) -> row(rs)).list();
    }

    void insert(Case c) {
        jdbc.sql("insert into app_case (id, application_no, item_id, item_code, item_version, item_name, department_id, region_code, "
                        + "applicant_account_id, applicant_name, applicant_type, form_data_enc, state, promised_days, acceptance_due, "
                        + "submitted_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(c.id(), c.applicationNo(), c.itemId(), c.itemCode(), c.itemVersion(), c.itemName(), c.departmentId(),
                        c.regionCode(), c.applicantAccountId(), c.applicantName(), c.applicantType(), c.formDataEnc(),
                        c.state().name(), c.promisedDays(), ts(c.acceptanceDue()), ts(c.submittedAt()), ts(c.updatedAt()))
                .update();
    }

    /** Updates columns of one case: {@code set} is the SQL after {@code set}, params in order, then the id. */
    int update(String id, String set, Object... params) {
        var spec = jdbc.sql("update app_case set " + set + " where id = ?");
        int i = 1;
        for (Object p : params) {
            spec = spec.param(i++, p instanceof Instant in ? ts(in) : p);
        }
        return spec.param(i, id).update();
    }

    /** The next number of the day for this 实施编码 (1, 2, …); the sequence row stays locked until commit. */
    int nextSequence(String itemCode, String day) {
        jdbc.sql("insert into app_case_seq (item_code, seq_day, last_value) values (?, ?, 0) on conflict do nothing")
                .params(itemCode, day).update();
        jdbc.sql("update app_case_seq set last_value = last_value + 1 where item_code = ? and seq_day = ?").params(itemCode, day).update();
        return jdbc.sql("select last_value from app_case_seq where item_code = ? and seq_day = ?").params(itemCode, day)
                .query(Integer.class).single();
    }

    void addMaterials(String caseId, String stage, List<MaterialFile> files) {
        for (MaterialFile f : files) {
            jdbc.sql("insert into app_case_material (case_id, file_id, material_name, stage) values (?, ?, ?, ?) on conflict do nothing")
                    .params(caseId, f.fileId(), f.materialName(), stage).update();
        }
    }

    List<MaterialFile> materials(String caseId) {
        return jdbc.sql("select file_id, material_name, stage from app_case_material where case_id = ? order by stage desc, file_id")
                .param(caseId).query((rs, i) -> new MaterialFile(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    void history(String caseId, String actorId, String actorName, String action, ApplicationState from, ApplicationState to,
                 String comment, List<String> documents, Instant at) {
        jdbc.sql("insert into app_case_history (case_id, actor_id, actor_name, action, from_state, to_state, comment, documents, at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(caseId, actorId, actorName, action, from == null ? null : from.name(), to.name(), comment,
                        documents == null || documents.isEmpty() ? null : String.join(",", documents), ts(at)).update();
    }

    List<History> history(String caseId) {
        return jdbc.sql("select * from app_case_history where case_id = ? order by id").param(caseId)
                .query((rs, i) -> new History(rs.getString("actor_id"), rs.getString("actor_name"), rs.getString("action"),
                        rs.getString("from_state"), rs.getString("to_state"), rs.getString("comment"),
                        rs.getString("documents") == null ? List.of() : List.of(rs.getString("documents").split(",")),
                        instant(rs, "at"))).list();
    }

    JdbcClient jdbc() {
        return jdbc;
    }
}
