package org.yiwang.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/**
 * Searches the audit trail (审计查询). Requires {@code audit:read}. Audit entries are not bound to a region
 * or department: whoever holds {@code audit:read} (auditors, administrators) sees the whole trail.
 */
@Service
public class AuditTrail {

    public static final String READ = "audit:read";
    public static final int MAX_PAGE_SIZE = 200;
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final JdbcTemplate jdbc;

    AuditTrail(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What to look for; every part may be null.
     *
     * @param actor  account id or actor name, exact
     * @param action exact, or a prefix when it ends with {@code *} (e.g. {@code account.*})
     * @param target exact, or a prefix when it ends with {@code *} (e.g. {@code person:*})
     * @param from   occurred at or after
     * @param to     occurred before
     */
    public record Filter(String actor, String action, String target, Instant from, Instant to) {

        public static final Filter NONE = new Filter(null, null, null, null, null);

        /**
         * Reads a filter from request parameters. {@code from}/{@code to} accept a date ({@code 2026-03-01}:
         * the day in Asia/Shanghai, {@code to} inclusive of that whole day), a local date-time
         * ({@code 2026-03-01T08:30}, Asia/Shanghai) or an ISO-8601 instant/offset date-time. All bad fields are
         * reported together (400).
         */
        public static Filter parse(String actor, String action, String target, String from, String to) {
            List<FieldViolation> errors = new ArrayList<>();
            Instant f = time("from", from, false, errors);
            Instant t = time("to", to, true, errors);
            if (f != null && t != null && !f.isBefore(t)) {
                errors.add(new FieldViolation("to", "必须晚于开始时间", "must be after from"));
            }
            if (!errors.isEmpty()) {
                throw ProblemException.invalidFields(errors);
            }
            return new Filter(blankToNull(actor), blankToNull(action), blankToNull(target), f, t);
        }

        private static Instant time(String field, String value, boolean end, List<FieldViolation> errors) {
            String v = blankToNull(value);
            if (v == null) {
                return null;
            }
            try {
                if (v.length() == 10) {
                    LocalDate d = LocalDate.parse(v);
                    return (end ? d.plusDays(1) : d).atStartOfDay(ZONE).toInstant();
                }
                if (v.endsWith("Z") || v.matches(".*[+-]\\d\\d:\\d\\d$")) {
                    return OffsetDateTime.parse(v.endsWith("Z") ? v.substring(0, v.length() - 1) + "+00:00" : v).toInstant();
                }
                return LocalDateTime.parse(v).atZone(ZONE).toInstant();
            } catch (DateTimeParseException e) {
                errors.add(new FieldViolation(field, "日期时间格式应为 2026-03-01 或 2026-03-01T08:30:00+08:00",
                        "must be a date (2026-03-01) or date-time (2026-03-01T08:30:00+08:00)"));
                return null;
            }
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }
    }

    /** One page of entries, newest first. */
    public record Page(List<AuditEntry> entries, int page, int size, long total) {
    }

    /** Entries matching {@code filter}, newest first; {@code page} counts from 0, {@code size} is 1…200. */
    @Transactional(readOnly = true)
    public Page search(Filter filter, int page, int size) {
        Callers.require(READ);
        List<FieldViolation> errors = new ArrayList<>();
        if (page < 0) {
            errors.add(new FieldViolation("page", "不能小于 0", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.add(new FieldViolation("size", "应在 1 到 " + MAX_PAGE_SIZE + " 之间", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields(errors);
        }
        StringBuilder where = new StringBuilder(" where 1=1");
        List<Object> params = new ArrayList<>();
        if (filter.actor() != null) {
            where.append(" and (actor_id = ? or actor_name = ?)");
            params.add(filter.actor());
            params.add(filter.actor());
        }
        matchOrPrefix(where, params, "action", filter.action());
        matchOrPrefix(where, params, "target", filter.target());
        if (filter.from() != null) {
            where.append(" and occurred_at >= ?");
            params.add(OffsetDateTime.ofInstant(filter.from(), ZoneOffset.UTC));
        }
        if (filter.to() != null) {
            where.append(" and occurred_at < ?");
            params.add(OffsetDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
        }
        long total = jdbc.queryForObject("select count(*) from audit_entry" + where, Long.class, params.toArray());
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<AuditEntry> entries = jdbc.query("""
                select seq, occurred_at, actor_id, actor_name, action, target, success, detail, client_ip, user_agent,
                       prev_hash, hash
                from audit_entry""" + where + " order by seq desc limit ? offset ?",
                (rs, i) -> AuditVerifier.map(rs), pageParams.toArray());
        return new Page(entries, page, size, total);
    }

    private static void matchOrPrefix(StringBuilder where, List<Object> params, String column, String value) {
        if (value == null) {
            return;
        }
        if (value.endsWith("*")) {
            String prefix = value.substring(0, value.length() - 1);
            where.append(" and ").append(column).append(" like ? escape '!'");
            params.add(prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        } else {
            where.append(" and ").append(column).append(" = ?");
            params.add(value);
        }
    }
}
