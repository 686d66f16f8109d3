package org.yiwang.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import org.yiwang.crypto.CryptoProvider;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.Callers;

/**
 * {@link AuditLog} on the {@code audit_entry} table. Appends lock the single {@code audit_chain_head} row
 * ({@code select … for update}), so concurrent writers, also on several application nodes sharing one
 * PostgreSQL database, extend one unbroken chain. In a read-write transaction the entries wait in a
 * transaction synchronization and are appended in {@code beforeCommit}: the row lock is then held only
 * while the caller's transaction commits, which keeps audited transactions from queueing behind each
 * other and avoids lock-order deadlocks with the caller's own row locks.
 */
@Service
class JdbcAuditLog implements AuditLog {

    static final String ANONYMOUS = "anonymous";

    private final JdbcTemplate jdbc;
    private final CryptoProvider crypto;
    private final TransactionTemplate ownTransaction;
    private final Clock clock = Clock.systemUTC();

    JdbcAuditLog(JdbcTemplate jdbc, CryptoProvider crypto, PlatformTransactionManager txManager) {
        this.jdbc = jdbc;
        this.crypto = crypto;
        this.ownTransaction = new TransactionTemplate(txManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** An entry waiting to be chained. */
    record Pending(Instant occurredAt, String actorId, String actorName, String action, String target, boolean success,
                   String detail, String clientIp, String userAgent) {
    }

    @Override
    public void record(String action, String target, boolean success, String detail) {
        submit(pending(null, null, action, target, success, detail));
    }

    @Override
    public void recordAs(String actorId, String actorName, String action, String target, boolean success, String detail) {
        submit(pending(actorId == null ? ANONYMOUS : actorId, actorName, action, target, success, detail));
    }

    @Override
    public void recordDetached(String actorId, String actorName, String action, String target, boolean success, String detail) {
        Pending p = pending(actorId, actorName, action, target, success, detail);
        ownTransaction.executeWithoutResult(status -> append(List.of(p)));
    }

    private Pending pending(String actorId, String actorName, String action, String target, boolean success, String detail) {
        if (action == null || action.isBlank()) {
            throw new IllegalArgumentException("An audit entry needs an action");
        }
        String id = actorId;
        String name = actorName;
        if (id == null) {
            Caller caller = Callers.find().orElse(null);
            id = caller == null ? ANONYMOUS : caller.accountId();
            name = caller == null ? null : caller.displayName();
        }
        String ip = null;
        String agent = null;
        RequestAttributes attrs = RequestContextHolder.getRequestAttributes();
        if (attrs instanceof ServletRequestAttributes sra) {
            HttpServletRequest request = sra.getRequest();
            ip = request.getRemoteAddr();
            agent = request.getHeader("User-Agent");
        }
        return new Pending(clock.instant().truncatedTo(ChronoUnit.MICROS), clip(id, 64), clip(name, 200), clip(action, 100),
                clip(target, 300), success, clip(detail, 2000), clip(ip, 64), clip(agent, 300));
    }

    private void submit(Pending p) {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isSynchronizationActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            Batch batch = null;
            for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
                if (s instanceof Batch b && b.owner() == this) {
                    batch = b;
                    break;
                }
            }
            if (batch == null) {
                batch = new Batch();
                TransactionSynchronizationManager.registerSynchronization(batch);
            }
            batch.add(p);
        } else {
            // read-only or no transaction: the entry must not depend on (or be refused by) the caller's transaction
            ownTransaction.executeWithoutResult(status -> append(List.of(p)));
        }
    }

    /** Appends entries to the chain in the current transaction, holding the chain-head row lock until it ends. */
    void append(List<Pending> entries) {
        if (entries.isEmpty()) {
            return;
        }
        var head = jdbc.queryForMap("select last_seq, last_hash from audit_chain_head where id = 1 for update");
        long seq = ((Number) head.get("last_seq")).longValue();
        String prev = (String) head.get("last_hash");
        for (Pending p : entries) {
            seq++;
            String hash = AuditHashing.hash(crypto, seq, p.occurredAt(), p.actorId(), p.actorName(), p.action(), p.target(),
                    p.success(), p.detail(), p.clientIp(), p.userAgent(), prev);
            jdbc.update("""
                    insert into audit_entry (seq, occurred_at, actor_id, actor_name, action, target, success, detail,
                                             client_ip, user_agent, prev_hash, hash)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    seq, OffsetDateTime.ofInstant(p.occurredAt(), ZoneOffset.UTC), p.actorId(), p.actorName(), p.action(),
                    p.target(), p.success(), p.detail(), p.clientIp(), p.userAgent(), prev, hash);
            prev = hash;
        }
        jdbc.update("update audit_chain_head set last_seq = ?, last_hash = ? where id = 1", seq, prev);
    }

    /** Shortens to at most {@code max} UTF-16 units without splitting a surrogate pair; drops NUL (PostgreSQL refuses it). */
    static String clip(String v, int max) {
        if (v == null) {
            return null;
        }
        String s = v.indexOf('\0') >= 0 ? v.replace("\0", "") : v;
        if (s.length() <= max) {
            return s;
        }
        int end = max;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** The entries of one read-write transaction, appended just before it commits. */
    private final class Batch implements TransactionSynchronization {
        private final List<Pending> pending = new ArrayList<>();
        private boolean flushed;

        JdbcAuditLog owner() {
            return JdbcAuditLog.this;
        }

        void add(Pending p) {
            if (flushed) {
                // recorded by a later before-commit callback: this transaction already holds the chain lock
                append(List.of(p));
            } else {
                pending.add(p);
            }
        }

        @Override
        public int getOrder() {
            return LOWEST_PRECEDENCE;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            flushed = true;
            append(List.copyOf(pending));
            pending.clear();
        }

        /**
         * Entries recorded too late for {@link #beforeCommit} — from another synchronization's before-commit or
         * after-commit callback (e.g. a {@code @TransactionalEventListener}) — are written once the caller's
         * transaction has committed, in a transaction of their own; after a rollback they are dropped.
         */
        @Override
        public void afterCompletion(int status) {
            if (status == STATUS_COMMITTED && !pending.isEmpty()) {
                List<Pending> late = List.copyOf(pending);
                ownTransaction.executeWithoutResult(s -> append(late));
            }
            pending.clear();
        }
    }
}
