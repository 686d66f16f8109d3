package org.yiwang.audit;

/**
 * The audit trail (行为监控): who did what, when, from where, with which result. Every sign-in, read of
 * personal data, state change and admin action is recorded here. Entries form an SM3 hash chain; see
 * the audit module's verify API. Entries are written in the caller's transaction (a rolled-back change
 * leaves no audit entry claiming it happened); failed sign-ins are recorded outside any rolled-back work.
 * <p>
 * How an entry is written depends on the caller's transaction:
 * <ul>
 * <li>inside a read-write transaction: the entry is appended to the chain just before that transaction
 * commits (so the chain-head row lock is held only for the commit, not for the caller's whole work) and
 * disappears with it on rollback;</li>
 * <li>inside a read-only transaction (e.g. a query that reveals personal data) or with no transaction:
 * the entry is appended at once in its own transaction;</li>
 * <li>from an after-commit callback (e.g. {@code @TransactionalEventListener}): appended right after the
 * caller's transaction committed, in a transaction of its own;</li>
 * <li>{@link #recordDetached} always appends at once in its own transaction (failed sign-ins, denied access).</li>
 * </ul>
 * Text longer than the columns is shortened (action 100, target 300, actor name 200, detail 2000 characters).
 */
public interface AuditLog {

    /**
     * Records an action by the current caller (from the security context; "anonymous" when none) and
     * the current request's client address.
     *
     * @param action   dotted verb, e.g. {@code account.login}, {@code region.import}, {@code person.read}
     * @param target   what it acted on, e.g. {@code region:339902000000}, {@code person:42}
     * @param success  whether it succeeded
     * @param detail   short free text (no personal data in clear)
     */
    void record(String action, String target, boolean success, String detail);

    /** Same, with an explicit actor (e.g. during sign-in, before there is a security context). */
    void recordAs(String actorId, String actorName, String action, String target, boolean success, String detail);

    /**
     * Records at once in a transaction of its own, kept even when the caller's transaction later rolls
     * back (e.g. a failed sign-in or a refused request). Do not call it while the current transaction has
     * already appended audit entries (it would wait for that transaction's chain lock).
     *
     * @param actorId   who acted; null for the current caller (or "anonymous")
     * @param actorName their display name; ignored when {@code actorId} is null
     */
    void recordDetached(String actorId, String actorName, String action, String target, boolean success, String detail);
}
