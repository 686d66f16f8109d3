package org.yiwang.identity;

import org.yiwang.shared.security.CallerType;

/**
 * What other modules may know about an account (no personal data).
 *
 * @param id          account id (as in {@link org.yiwang.shared.security.Caller#accountId()})
 * @param username    sign-in name
 * @param type        kind of account
 * @param displayName name to show (masked for citizens)
 * @param subjectId   citizen: person registry id; enterprise: legal-entity registry id (may be null)
 * @param creditCode  enterprise: 统一社会信用代码; otherwise null
 * @param officerId   officer: the organization officer's id; otherwise null
 * @param active      false when the account is disabled
 */
public record AccountInfo(String id, String username, CallerType type, String displayName, String subjectId, String creditCode,
                          String officerId, boolean active) {
}
