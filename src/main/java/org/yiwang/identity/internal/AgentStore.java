package org.yiwang.identity.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code identity_enterprise_agent}: citizens authorised to act for an enterprise, with validity. */
@Repository
class AgentStore {

    record Agent(String id, String enterpriseAccountId, String agentAccountId, LocalDate validFrom, LocalDate validUntil,
                 Instant createdAt, Instant revokedAt) {

        boolean validOn(LocalDate day) {
            return revokedAt == null && !day.isBefore(validFrom) && !day.isAfter(validUntil);
        }
    }

    private final JdbcClient jdbc;

    AgentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final String COLUMNS = "id, enterprise_account_id, agent_account_id, valid_from, valid_until, created_at, revoked_at";

    private static Agent map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Agent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDate(4).toLocalDate(), rs.getDate(5).toLocalDate(),
                rs.getTimestamp(6).toInstant(), rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant());
    }

    void insert(String id, String enterprise, String agent, LocalDate from, LocalDate until) {
        jdbc.sql("insert into identity_enterprise_agent (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, null)")
                .params(id, enterprise, agent, Date.valueOf(from), Date.valueOf(until), Timestamp.from(Instant.now())).update();
    }

    Optional<Agent> byId(String id) {
        return jdbc.sql("select " + COLUMNS + " from identity_enterprise_agent where id = ?").param(id).query(AgentStore::map).optional();
    }

    List<Agent> ofEnterprise(String enterpriseAccountId) {
        return jdbc.sql("select " + COLUMNS + " from identity_enterprise_agent where enterprise_account_id = ? order by created_at")
                .param(enterpriseAccountId).query(AgentStore::map).list();
    }

    List<Agent> ofAgent(String agentAccountId) {
        return jdbc.sql("select " + COLUMNS + " from identity_enterprise_agent where agent_account_id = ? and revoked_at is null order by created_at")
                .param(agentAccountId).query(AgentStore::map).list();
    }

    boolean revoke(String id) {
        return jdbc.sql("update identity_enterprise_agent set revoked_at = ? where id = ? and revoked_at is null")
                .params(Timestamp.from(Instant.now()), id).update() == 1;
    }
}
