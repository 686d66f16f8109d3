package org.yiwang.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.yiwang.crypto.CryptoProvider;

/**
 * Verifies the audit hash chain (审计日志完整性校验): walks {@code audit_entry} in sequence order,
 * recomputes each entry's SM3 hash from its stored fields and checks that it links to the previous
 * entry, then checks that the chain ends where the chain head says. Reports the first broken link:
 * <ul>
 * <li>{@code gap} — a sequence number is missing (an entry was deleted);</li>
 * <li>{@code content-changed} — an entry's fields no longer hash to its stored hash (it was edited);</li>
 * <li>{@code link-broken} — an entry's {@code prev_hash} is not the previous entry's hash (entries were
 * re-hashed, reordered or inserted);</li>
 * <li>{@code truncated} — the chain ends before the head's last sequence number or with another hash
 * (the newest entries were deleted).</li>
 * </ul>
 * Safe while entries are being appended: it checks the entries up to the head as read at the start.
 * Streams the table (constant memory).
 */
@Service
public class AuditVerifier {

    public static final String GAP = "gap";
    public static final String CONTENT_CHANGED = "content-changed";
    public static final String LINK_BROKEN = "link-broken";
    public static final String TRUNCATED = "truncated";

    private final JdbcTemplate jdbc;
    private final CryptoProvider crypto;

    AuditVerifier(JdbcTemplate jdbc, CryptoProvider crypto) {
        this.jdbc = jdbc;
        this.crypto = crypto;
    }

    /**
     * The result of a verification.
     *
     * @param ok             true when the whole chain is intact
     * @param entriesChecked how many entries were found intact before the first broken link (all of them when ok)
     * @param firstBroken    the first broken link, null when ok
     */
    public record Result(boolean ok, long entriesChecked, BrokenLink firstBroken) {
    }

    /**
     * The first broken link of the chain.
     *
     * @param sequence the sequence number where the chain breaks (for a gap: the missing one)
     * @param reason   {@code content-changed}, {@code link-broken}, {@code gap} or {@code truncated}
     * @param expected the hash that should be there
     * @param stored   the hash found (null when the entry is missing)
     * @param message  an English explanation
     */
    public record BrokenLink(long sequence, String reason, String expected, String stored, String message) {
    }

    @Transactional(readOnly = true)
    public Result verify() {
        Map<String, Object> head = jdbc.queryForMap("select last_seq, last_hash from audit_chain_head where id = 1");
        long headSeq = ((Number) head.get("last_seq")).longValue();
        String headHash = (String) head.get("last_hash");
        Walk walk = jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement("""
                    select seq, occurred_at, actor_id, actor_name, action, target, success, detail, client_ip, user_agent,
                           prev_hash, hash
                    from audit_entry where seq <= ? order by seq""");
            ps.setFetchSize(500);
            ps.setLong(1, headSeq);
            return ps;
        }, this::walk);
        if (walk.broken != null) {
            return new Result(false, walk.checked, walk.broken);
        }
        if (walk.checked != headSeq) {
            return new Result(false, walk.checked, new BrokenLink(walk.checked + 1, TRUNCATED, headHash, null,
                    "The chain ends at entry " + walk.checked + " but its head records " + headSeq + " entries"));
        }
        if (!walk.prevHash.equals(headHash)) {
            return new Result(false, walk.checked, new BrokenLink(headSeq, LINK_BROKEN, headHash, walk.prevHash,
                    "The last entry's hash differs from the hash recorded in the chain head"));
        }
        return new Result(true, walk.checked, null);
    }

    private static final class Walk {
        long checked;
        String prevHash = AuditHashing.GENESIS;
        BrokenLink broken;
    }

    private Walk walk(ResultSet rs) throws SQLException {
        Walk w = new Walk();
        while (rs.next()) {
            AuditEntry e = map(rs);
            long expectedSeq = w.checked + 1;
            if (e.seq() != expectedSeq) {
                w.broken = new BrokenLink(expectedSeq, GAP, w.prevHash, e.prevHash(),
                        "Entry " + expectedSeq + " is missing (the next stored entry is " + e.seq() + ")");
                break;
            }
            String recomputed = AuditHashing.hash(crypto, e);
            if (!recomputed.equals(e.hash())) {
                w.broken = new BrokenLink(e.seq(), CONTENT_CHANGED, recomputed, e.hash(),
                        "Entry " + e.seq() + " was changed after it was written: its fields no longer match its hash");
                break;
            }
            if (!w.prevHash.equals(e.prevHash())) {
                w.broken = new BrokenLink(e.seq(), LINK_BROKEN, w.prevHash, e.prevHash(),
                        "Entry " + e.seq() + " does not link to the hash of entry " + (e.seq() - 1));
                break;
            }
            w.prevHash = e.hash();
            w.checked++;
        }
        return w;
    }

    static AuditEntry map(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("actor_id"), rs.getString("actor_name"), rs.getString("action"), rs.getString("target"),
                rs.getBoolean("success"), rs.getString("detail"), rs.getString("client_ip"), rs.getString("user_agent"),
                rs.getString("prev_hash"), rs.getString("hash"));
    }
}
