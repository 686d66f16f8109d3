package org.yiwang.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

import org.yiwang.crypto.CryptoProvider;

/**
 * The canonical serialisation of an audit entry and its SM3 hash. Version 1 layout, UTF-8:
 * <pre>
 * yiwang-audit-v1|seq|occurredAtEpochMicros|actorId|actorName|action|target|success|detail|clientIp|userAgent|prevHash
 * </pre>
 * where every text field is written as {@code <length in UTF-16 units>:<value>} (null as {@code ~}) so
 * that no choice of field contents can make two different entries serialise alike; {@code success} is
 * {@code 1} or {@code 0}. The hash is the lower-case hex SM3 digest of those bytes.
 */
final class AuditHashing {

    /** The previous hash of the first entry. */
    static final String GENESIS = "0".repeat(64);

    private AuditHashing() {
    }

    static String hash(CryptoProvider crypto, long seq, Instant occurredAt, String actorId, String actorName, String action,
                       String target, boolean success, String detail, String clientIp, String userAgent, String prevHash) {
        StringBuilder sb = new StringBuilder(256).append("yiwang-audit-v1");
        sb.append('|').append(seq);
        sb.append('|').append(epochMicros(occurredAt));
        field(sb, actorId);
        field(sb, actorName);
        field(sb, action);
        field(sb, target);
        sb.append('|').append(success ? '1' : '0');
        field(sb, detail);
        field(sb, clientIp);
        field(sb, userAgent);
        field(sb, prevHash);
        return HexFormat.of().formatHex(crypto.sm3(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static String hash(CryptoProvider crypto, AuditEntry e) {
        return hash(crypto, e.seq(), e.occurredAt(), e.actorId(), e.actorName(), e.action(), e.target(), e.success(),
                e.detail(), e.clientIp(), e.userAgent(), e.prevHash());
    }

    static long epochMicros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    private static void field(StringBuilder sb, String v) {
        sb.append('|');
        if (v == null) {
            sb.append('~');
        } else {
            sb.append(v.length()).append(':').append(v);
        }
    }
}
