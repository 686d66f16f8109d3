package org.yiwang.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import org.yiwang.crypto.CryptoProvider;

/**
 * Opaque bearer tokens for the API: 256 random bits, handed to the client once; the database keeps only
 * the SM3 digest with the token's idle and absolute expiry, so any node validates it and a copy of the
 * database yields no usable token.
 */
@Service
class TokenService {

    static final String PREFIX = "yw_";
    /** last_used_at is refreshed at most this often (fewer writes; idle timeout precision). */
    private static final Duration TOUCH_INTERVAL = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final CryptoProvider crypto;
    private final IdentityProperties props;
    private final SecureRandom random = new SecureRandom();

    TokenService(JdbcClient jdbc, CryptoProvider crypto, IdentityProperties props) {
        this.jdbc = jdbc;
        this.crypto = crypto;
        this.props = props;
    }

    /** A freshly issued token. */
    record Issued(String token, Instant expiresAt, long expiresInSeconds) {
    }

    Issued issue(String accountId) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = Instant.now();
        Instant absolute = now.plus(props.tokenMaxLifetime());
        jdbc.sql("insert into identity_access_token (token_hash, account_id, issued_at, last_used_at, expires_at) values (?, ?, ?, ?, ?)")
                .params(hash(token), accountId, Timestamp.from(now), Timestamp.from(now), Timestamp.from(absolute)).update();
        long idle = props.tokenIdleTimeout().toSeconds();
        return new Issued(token, absolute, Math.min(idle, props.tokenMaxLifetime().toSeconds()));
    }

    /** The account id of a valid token (not revoked, not idle too long, not past its lifetime); refreshes its idle clock. */
    Optional<String> validate(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        String h = hash(token);
        Instant now = Instant.now();
        Optional<Row> row = jdbc.sql("select account_id, last_used_at, expires_at, revoked_at from identity_access_token where token_hash = ?")
                .param(h)
                .query((rs, i) -> new Row(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Row r = row.get();
        if (r.revokedAt() != null || !r.expiresAt().isAfter(now) || !r.lastUsedAt().plus(props.tokenIdleTimeout()).isAfter(now)) {
            return Optional.empty();
        }
        if (r.lastUsedAt().plus(TOUCH_INTERVAL).isBefore(now)) {
            jdbc.sql("update identity_access_token set last_used_at = ? where token_hash = ? and revoked_at is null")
                    .params(Timestamp.from(now), h).update();
        }
        return Optional.of(r.accountId());
    }

    private record Row(String accountId, Instant lastUsedAt, Instant expiresAt, Instant revokedAt) {
    }

    /** Revokes one token; true when it was active. */
    boolean revoke(String token) {
        if (token == null) {
            return false;
        }
        return jdbc.sql("update identity_access_token set revoked_at = ? where token_hash = ? and revoked_at is null")
                .params(Timestamp.from(Instant.now()), hash(token)).update() == 1;
    }

    /** Revokes every token of an account (password change, disabling). */
    int revokeAll(String accountId) {
        return jdbc.sql("update identity_access_token set revoked_at = ? where account_id = ? and revoked_at is null")
                .params(Timestamp.from(Instant.now()), accountId).update();
    }

    /** Revokes every token of an account but {@code keep} (may be null). */
    int revokeAllExcept(String accountId, String keep) {
        if (keep == null) {
            return revokeAll(accountId);
        }
        return jdbc.sql("update identity_access_token set revoked_at = ? where account_id = ? and revoked_at is null and token_hash <> ?")
                .params(Timestamp.from(Instant.now()), accountId, hash(keep)).update();
    }

    /** Deletes tokens that can no longer be used (expired or revoked a day ago). */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
    void purge() {
        Instant now = Instant.now();
        jdbc.sql("delete from identity_access_token where expires_at < ? or revoked_at < ? or last_used_at < ?")
                .params(Timestamp.from(now.minus(Duration.ofDays(1))), Timestamp.from(now.minus(Duration.ofDays(1))),
                        Timestamp.from(now.minus(props.tokenIdleTimeout()).minus(Duration.ofDays(1))))
                .update();
    }

    String hash(String token) {
        return HexFormat.of().formatHex(crypto.sm3(token.getBytes(StandardCharsets.UTF_8)));
    }
}
