package org.yiwang.audit;

/**
 * The audit trail (行为监控): who did what, when, from where, with which result. Every sign-in, read of
 * personal data, state change and admin action is recorded here. Entries form an SM3 hash chain; see
 * the audit module's verify API. Entries are written in the caller's transaction (a rolled-back change
 * leaves no audit entry claiming it happened); failed sign-ins are recorded outside any rolled-back work.
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
}
