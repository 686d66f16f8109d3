package org.yiwang.identity.internal;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

import org.yiwang.organization.Assignment;
import org.yiwang.organization.Officer;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.shared.ids.ChineseIds;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;

/**
 * Builds the {@link Caller} of an account: roles (officers: the union of their assignments' roles; admins
 * {@code ADMIN}; citizens {@code CITIZEN}; enterprises {@code ENTERPRISE}), permissions from the role →
 * permission table, region prefixes and departments from the officer's assignments, and the subject id
 * (citizen: person registry id; enterprise: legal-entity registry id).
 */
@Component
class CallerFactory {

    private final AccountStore accounts;
    private final OrganizationDirectory organization;

    CallerFactory(AccountStore accounts, OrganizationDirectory organization) {
        this.accounts = accounts;
        this.organization = organization;
    }

    Caller build(Account a) {
        Set<String> roles = new TreeSet<>();
        Set<String> regionPrefixes = new LinkedHashSet<>();
        Set<String> departments = new LinkedHashSet<>();
        String displayName = a.displayName();
        String subjectId = null;
        switch (a.type()) {
            case CITIZEN -> {
                roles.add("CITIZEN");
                subjectId = a.personId();
            }
            case ENTERPRISE -> {
                roles.add("ENTERPRISE");
                subjectId = a.legalEntityId();
            }
            case ADMIN -> roles.add("ADMIN");
            case OFFICER -> {
                if (a.officerId() != null) {
                    Officer officer = organization.officer(a.officerId()).orElse(null);
                    if (officer != null && officer.active()) {
                        displayName = officer.name();
                        for (Assignment as : organization.assignments(officer.id())) {
                            roles.addAll(as.roles());
                            regionPrefixes.add(ChineseIds.regionPrefix(as.regionCode()));
                            departments.add(as.departmentId());
                        }
                    }
                }
            }
            default -> throw new IllegalStateException("No accounts of type " + a.type());
        }
        Set<String> permissions = new TreeSet<>(accounts.permissionsOf(roles));
        return new Caller(a.id(), a.username(), displayName, a.type(), roles, permissions, regionPrefixes, departments, subjectId);
    }

    AccountPrincipal principal(Account a) {
        return new AccountPrincipal(build(a));
    }

    static boolean isOfficer(Caller c) {
        return c.type() == CallerType.OFFICER;
    }
}
