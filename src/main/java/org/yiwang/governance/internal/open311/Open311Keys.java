package org.yiwang.governance.internal.open311;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.yiwang.crypto.CryptoProvider;
import org.yiwang.governance.internal.events.CityEventService;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;

/**
 * API keys of the systems allowed to POST Open311 requests ({@code gov_open311_key}); only the SM3 digest of a key
 * is stored. A valid key acts as a system caller named after the key ({@code open311:<key id>}), which becomes the
 * reporter of the events it posts.
 */
@Repository
class Open311Keys {

    /** A registered posting system. */
    record Key(String id, String owner, String systemName, boolean active, Instant createdAt, Instant lastUsedAt) {

        /** The caller the key's requests run as: a system, no permissions beyond posting through the entrance. */
        Caller caller() {
            return new Caller(CityEventService.OPEN311_REPORTER_PREFIX + id, "open311:" + systemName, systemName + "（Open311）",
                    CallerType.SYSTEM, Set.of("OPEN311_CLIENT"), Set.of(), Set.of(), Set.of(), null);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final CryptoProvider crypto;

    Open311Keys(JdbcClient jdbc, CryptoProvider crypto) {
        this.jdbc = jdbc;
        this.crypto = crypto;
    }

    String hash(String key) {
        return HexFormat.of().formatHex(crypto.sm3(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** The active key with this value, recording its use. */
    Optional<Key> verify(String apiKey) {
        if (apiKey == null || apiKey.isBlank() || apiKey.length() > 200) {
            return Optional.empty();
        }
        Optional<Key> key = jdbc.sql("select * from gov_open311_key where key_hash = ? and active = true").param(hash(apiKey.trim()))
                .query((rs, i) -> key(rs)).optional();
        key.ifPresent(k -> jdbc.sql("update gov_open311_key set last_used_at = ? where id = ?")
                .params(Timestamp.from(Instant.now()), k.id()).update());
        return key;
    }

    /** Registers a key with the given value (demo data, imports); returns its id. */
    String register(String apiKey, String owner, String systemName) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("insert into gov_open311_key (id, key_hash, owner, system_name, active, created_at) values (?, ?, ?, ?, true, ?)")
                .params(id, hash(apiKey), owner, systemName, Timestamp.from(Instant.now())).update();
        return id;
    }

    /** A new random key value (shown once to whoever registers it). */
    static String newKeyValue() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return "o311-" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    boolean exists(String apiKey) {
        return jdbc.sql("select count(*) from gov_open311_key where key_hash = ?").param(hash(apiKey)).query(Integer.class).single() > 0;
    }

    List<Key> list() {
        return jdbc.sql("select * from gov_open311_key order by created_at, id").query((rs, i) -> key(rs)).list();
    }

    int setActive(String id, boolean active) {
        return jdbc.sql("update gov_open311_key set active = ? where id = ?").params(active, id).update();
    }

    Optional<Key> find(String id) {
        return jdbc.sql("select * from gov_open311_key where id = ?").param(id).query((rs, i) -> key(rs)).optional();
    }

    private static Key key(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp used = rs.getTimestamp("last_used_at");
        return new Key(rs.getString("id"), rs.getString("owner"), rs.getString("system_name"), rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant(), used == null ? null : used.toInstant());
    }
}
