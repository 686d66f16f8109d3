package org.yiwang.audit;

import java.time.Instant;

/**
 * One stored entry of the audit trail (审计记录).
 *
 * @param seq        position in the hash chain (1, 2, 3 … without gaps)
 * @param occurredAt when the action happened (microsecond precision)
 * @param actorId    account id of who acted ({@code anonymous} when nobody was signed in, {@code system} for the platform)
 * @param actorName  display name of the actor (already masked where needed)
 * @param action     dotted verb, e.g. {@code account.login}
 * @param target     what was acted on, e.g. {@code region:339902000000}
 * @param success    whether it succeeded
 * @param detail     short free text
 * @param clientIp   the client address of the request, null outside requests
 * @param userAgent  the client's User-Agent, null outside requests
 * @param prevHash   hash of the previous entry (64 zeros for the first)
 * @param hash       SM3 of this entry's canonical form (see {@link AuditVerifier})
 */
public record AuditEntry(long seq, Instant occurredAt, String actorId, String actorName, String action, String target,
                         boolean success, String detail, String clientIp, String userAgent, String prevHash, String hash) {
}
