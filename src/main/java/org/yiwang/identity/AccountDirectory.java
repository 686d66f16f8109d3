package org.yiwang.identity;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Read access to accounts for other modules: who an account is, and who may act for an enterprise (企业授权经办人). */
public interface AccountDirectory {

    /** The account with this id. */
    Optional<AccountInfo> account(String accountId);

    /** The account linked to this organization officer, if any. */
    Optional<AccountInfo> accountOfOfficer(String officerId);

    /**
     * True when {@code actorAccountId} may act for the enterprise account {@code enterpriseAccountId} on {@code day}:
     * the enterprise account itself, or a citizen it authorised as agent for a period containing {@code day}.
     */
    boolean mayActFor(String actorAccountId, String enterpriseAccountId, LocalDate day);

    /** The enterprise accounts the citizen {@code agentAccountId} is an authorised agent of on {@code day}. */
    List<AccountInfo> enterprisesRepresentedBy(String agentAccountId, LocalDate day);
}
