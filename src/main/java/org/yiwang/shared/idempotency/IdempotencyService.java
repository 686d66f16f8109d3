package org.yiwang.shared.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import org.yiwang.shared.web.ProblemException;

/**
 * Makes a create operation safe to retry: the first call with a given {@code Idempotency-Key} runs the
 * action and records the id it created, in the same transaction; every later call with the same key
 * (same scope and caller) returns that id without running the action again. A concurrent duplicate
 * waits on the key's row and then sees the first result. Reusing a key for a different request is a 422.
 */
@Service
public class IdempotencyService {

    private final JdbcTemplate jdbc;

    public IdempotencyService(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Outcome of an idempotent call: the id of the resource and whether it was created by an earlier call. */
    public record Outcome(String resourceId, boolean replayed) {
    }

    /**
     * @param scope       what is being created (e.g. {@code citizen-registration})
     * @param key         the client's Idempotency-Key, or null to run without idempotency
     * @param callerId    the caller's account id (or "anonymous")
     * @param fingerprint a digest of the request (see {@link #fingerprint(String)})
     * @param action      creates the resource and returns its id; runs in the caller's transaction
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public Outcome execute(String scope, String key, String callerId, String fingerprint, Supplier<String> action) {
        if (key == null || key.isBlank()) {
            return new Outcome(action.get(), false);
        }
        if (key.length() > 200) {
            throw ProblemException.invalidField("Idempotency-Key", "长度不能超过 200", "must be at most 200 characters");
        }
        int inserted = jdbc.update("""
                insert into idempotency_record (scope, idem_key, caller_id, fingerprint, created_at)
                values (?, ?, ?, ?, ?) on conflict do nothing""", scope, key, callerId, fingerprint, java.sql.Timestamp.from(Instant.now()));
        if (inserted == 0) {
            List<String[]> rows = jdbc.query("select fingerprint, resource_id from idempotency_record where scope = ? and idem_key = ? and caller_id = ?",
                    (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, scope, key, callerId);
            if (rows.isEmpty() || rows.get(0)[1] == null) {
                throw new ProblemException(HttpStatus.CONFLICT, "idempotency-in-progress", "相同幂等键的请求正在处理",
                        "A request with the same Idempotency-Key is in progress");
            }
            if (!rows.get(0)[0].equals(fingerprint)) {
                throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "幂等键已用于不同的请求",
                        "The Idempotency-Key was already used for a different request",
                        List.of(new org.yiwang.shared.web.FieldViolation("Idempotency-Key", "已用于不同的请求", "already used for a different request")));
            }
            return new Outcome(rows.get(0)[1], true);
        }
        String id = action.get();
        jdbc.update("update idempotency_record set resource_id = ? where scope = ? and idem_key = ? and caller_id = ?", id, scope, key, callerId);
        return new Outcome(id, false);
    }

    /** SHA-256 hex of a canonical request text. */
    public static String fingerprint(String canonicalRequest) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
