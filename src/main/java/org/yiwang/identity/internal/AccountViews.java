package org.yiwang.identity.internal;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.stereotype.Component;

import org.yiwang.crypto.PersonalDataKind;
import org.yiwang.crypto.PersonalDataVault;
import org.yiwang.shared.security.Caller;

/** JSON views of accounts: personal data in full only to the account's own holder, masked (or full with the permission) to others. */
@Component
class AccountViews {

    private final PersonalDataVault vault;
    private final CallerFactory callers;

    AccountViews(PersonalDataVault vault, CallerFactory callers) {
        this.vault = vault;
        this.callers = callers;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AccountView(String id, String username, String type, String displayName, String status, List<String> roles,
                       List<String> permissions, List<String> regionPrefixes, List<String> departmentIds, String subjectId,
                       String realNameLevel, String name, String idNumber, String phone, String creditCode, String entityName,
                       String legalRepresentativeName, String legalRepresentativeIdNumber, String officerId, boolean totpEnabled,
                       Instant createdAt) {
    }

    /** Summary for the sign-in response: who, with which roles and permissions. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AccountSummary(String id, String username, String type, String displayName, List<String> roles, List<String> permissions,
                          List<String> regionPrefixes, List<String> departmentIds, String subjectId) {
    }

    AccountSummary summary(Caller c) {
        return new AccountSummary(c.accountId(), c.username(), c.type().name(), c.displayName(), sorted(c.roles()),
                sorted(c.permissions()), sorted(c.regionPrefixes()), sorted(c.departmentIds()), c.subjectId());
    }

    /** The account as {@code viewer} may see it. */
    AccountView view(Account a, Caller viewer) {
        Caller c = callers.build(a);
        boolean own = viewer != null && a.id().equals(viewer.accountId());
        String ref = "account:" + a.id();
        return new AccountView(a.id(), a.username(), a.type().name(), c.displayName(), a.status(), sorted(c.roles()),
                sorted(c.permissions()), sorted(c.regionPrefixes()), sorted(c.departmentIds()), c.subjectId(), a.realNameLevel(),
                show(PersonalDataKind.NAME, a.nameEnc(), ref, own, viewer), show(PersonalDataKind.ID_NUMBER, a.idNumberEnc(), ref, own, viewer),
                show(PersonalDataKind.PHONE, a.phoneEnc(), ref, own, viewer), a.creditCode(), a.entityName(),
                show(PersonalDataKind.NAME, a.legalRepNameEnc(), ref, own, viewer),
                show(PersonalDataKind.ID_NUMBER, a.legalRepIdEnc(), ref, own, viewer), a.officerId(), a.totpEnabled(), a.createdAt());
    }

    private String show(PersonalDataKind kind, String enc, String ref, boolean own, Caller viewer) {
        if (enc == null) {
            return null;
        }
        return own ? vault.revealOwn(kind, enc, ref) : vault.display(kind, enc, ref, "account-view", viewer);
    }

    private static List<String> sorted(java.util.Collection<String> s) {
        return s.stream().sorted().toList();
    }
}
