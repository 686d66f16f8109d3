package org.yiwang.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.yiwang.shared.security.CallerType;

/** Plain JDBC access to {@code identity_account} and {@code identity_role_permission}. */
@Repository
class AccountStore {

    private static final String COLUMNS = """
            id, username, account_type, display_name, status, password_hash, password_changed_at, failed_attempts,
            locked_until, real_name_level, name_enc, id_number_enc, phone_enc, person_id, credit_code, entity_name,
            legal_entity_id, legal_rep_name_enc, legal_rep_id_enc, officer_id, totp_secret_enc, totp_enabled,
            totp_last_step, created_at""";

    private final JdbcClient jdbc;

    AccountStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String normaliseUsername(String username) {
        return username == null ? null : username.trim().toLowerCase(Locale.ROOT);
    }

    Optional<Account> byId(String id) {
        return jdbc.sql("select " + COLUMNS + " from identity_account where id = ?").param(id).query(AccountStore::map).optional();
    }

    Optional<Account> byUsername(String username) {
        return jdbc.sql("select " + COLUMNS + " from identity_account where username = ?").param(normaliseUsername(username))
                .query(AccountStore::map).optional();
    }

    Optional<Account> byIdNumberIndex(String bidx) {
        return jdbc.sql("select " + COLUMNS + " from identity_account where id_number_bidx = ?").param(bidx).query(AccountStore::map).optional();
    }

    Optional<Account> byCreditCode(String creditCode) {
        return jdbc.sql("select " + COLUMNS + " from identity_account where credit_code = ?").param(creditCode).query(AccountStore::map).optional();
    }

    Optional<Account> byOfficerId(String officerId) {
        return jdbc.sql("select " + COLUMNS + " from identity_account where officer_id = ?").param(officerId).query(AccountStore::map).optional();
    }

    /** All accounts, or those of one type, by username. */
    List<Account> all(CallerType type) {
        if (type == null) {
            return jdbc.sql("select " + COLUMNS + " from identity_account order by username").query(AccountStore::map).list();
        }
        return jdbc.sql("select " + COLUMNS + " from identity_account where account_type = ? order by username").param(type.name())
                .query(AccountStore::map).list();
    }

    boolean usernameTaken(String username) {
        return jdbc.sql("select count(*) from identity_account where username = ?").param(normaliseUsername(username))
                .query(Integer.class).single() > 0;
    }

    /** The permissions granted to these roles. */
    List<String> permissionsOf(java.util.Collection<String> roles) {
        if (roles.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select distinct permission from identity_role_permission where role_code in (:roles)")
                .param("roles", roles).query(String.class).list();
    }

    /** A new account row; fields not set by the builder stay null. */
    void insert(NewAccount a) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                insert into identity_account (id, username, account_type, display_name, status, password_hash, password_changed_at,
                    failed_attempts, real_name_level, name_enc, id_number_enc, id_number_bidx, phone_enc, phone_bidx, person_id,
                    credit_code, entity_name, legal_entity_id, legal_rep_name_enc, legal_rep_id_enc, legal_rep_id_bidx, officer_id,
                    totp_enabled, created_at, updated_at)
                values (?, ?, ?, ?, 'ACTIVE', ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?)""")
                .params(a.id(), normaliseUsername(a.username()), a.type().name(), a.displayName(), a.passwordHash(), now,
                        a.realNameLevel(), a.nameEnc(), a.idNumberEnc(), a.idNumberBidx(), a.phoneEnc(), a.phoneBidx(), a.personId(),
                        a.creditCode(), a.entityName(), a.legalEntityId(), a.legalRepNameEnc(), a.legalRepIdEnc(), a.legalRepIdBidx(),
                        a.officerId(), now, now)
                .update();
    }

    /** Fields of a new account. */
    record NewAccount(String id, String username, CallerType type, String displayName, String passwordHash,
                      String realNameLevel, String nameEnc, String idNumberEnc, String idNumberBidx, String phoneEnc, String phoneBidx,
                      String personId, String creditCode, String entityName, String legalEntityId, String legalRepNameEnc,
                      String legalRepIdEnc, String legalRepIdBidx, String officerId) {

        static NewAccount basic(String id, String username, CallerType type, String displayName, String passwordHash) {
            return new NewAccount(id, username, type, displayName, passwordHash, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null);
        }

        NewAccount withOfficer(String officer) {
            return new NewAccount(id, username, type, displayName, passwordHash, realNameLevel, nameEnc, idNumberEnc, idNumberBidx,
                    phoneEnc, phoneBidx, personId, creditCode, entityName, legalEntityId, legalRepNameEnc, legalRepIdEnc, legalRepIdBidx, officer);
        }
    }

    /** Counts one more failed sign-in; returns the new count. */
    int recordFailure(String id) {
        jdbc.sql("update identity_account set failed_attempts = failed_attempts + 1 where id = ?").param(id).update();
        return jdbc.sql("select failed_attempts from identity_account where id = ?").param(id).query(Integer.class).single();
    }

    void lock(String id, Instant until) {
        jdbc.sql("update identity_account set locked_until = ?, updated_at = ? where id = ?")
                .params(Timestamp.from(until), Timestamp.from(Instant.now()), id).update();
    }

    /** Clears the failure count and any lock (after a successful sign-in, or once a lock has expired). */
    void clearFailures(String id) {
        jdbc.sql("update identity_account set failed_attempts = 0, locked_until = null where id = ? and (failed_attempts <> 0 or locked_until is not null)")
                .param(id).update();
    }

    void updatePassword(String id, String hash) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("update identity_account set password_hash = ?, password_changed_at = ?, updated_at = ? where id = ?")
                .params(hash, now, now, id).update();
    }

    void setTotpSecret(String id, String secretEnc) {
        jdbc.sql("update identity_account set totp_secret_enc = ?, totp_enabled = false, totp_last_step = null, updated_at = ? where id = ?")
                .params(secretEnc, Timestamp.from(Instant.now()), id).update();
    }

    /** Turns the second factor on (the confirming code's time step is already recorded as used). */
    void enableTotp(String id) {
        jdbc.sql("update identity_account set totp_enabled = true, updated_at = ? where id = ? and totp_secret_enc is not null")
                .params(Timestamp.from(Instant.now()), id).update();
    }

    void disableTotp(String id) {
        jdbc.sql("update identity_account set totp_enabled = false, totp_secret_enc = null, totp_last_step = null, updated_at = ? where id = ?")
                .params(Timestamp.from(Instant.now()), id).update();
    }

    /** Records the accepted TOTP time step unless an equal or later one was already used (replay); true when accepted. */
    boolean acceptTotpStep(String id, long step) {
        return jdbc.sql("update identity_account set totp_last_step = ? where id = ? and (totp_last_step is null or totp_last_step < ?)")
                .params(step, id, step).update() == 1;
    }

    void setStatus(String id, String status) {
        jdbc.sql("update identity_account set status = ?, updated_at = ? where id = ?")
                .params(status, Timestamp.from(Instant.now()), id).update();
    }

    private static Account map(ResultSet rs, int row) throws SQLException {
        long step = rs.getLong("totp_last_step");
        Long lastStep = rs.wasNull() ? null : step;
        return new Account(rs.getString("id"), rs.getString("username"), CallerType.valueOf(rs.getString("account_type")),
                rs.getString("display_name"), rs.getString("status"), rs.getString("password_hash"),
                instant(rs.getTimestamp("password_changed_at")), rs.getInt("failed_attempts"), instant(rs.getTimestamp("locked_until")),
                rs.getString("real_name_level"), rs.getString("name_enc"), rs.getString("id_number_enc"), rs.getString("phone_enc"),
                rs.getString("person_id"), rs.getString("credit_code"), rs.getString("entity_name"), rs.getString("legal_entity_id"),
                rs.getString("legal_rep_name_enc"), rs.getString("legal_rep_id_enc"), rs.getString("officer_id"),
                rs.getString("totp_secret_enc"), rs.getBoolean("totp_enabled"), lastStep, instant(rs.getTimestamp("created_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
