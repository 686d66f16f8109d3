package org.yiwang.shared.security;

import java.io.Serializable;
import java.util.Set;

/**
 * Who is calling: the authenticated account with what it may do and over which data. Built by the
 * identity module at sign-in; every module reads it through {@link Callers#current()} and scopes its
 * queries with {@link AccessScope}.
 *
 * @param accountId     the account's id
 * @param username      the sign-in name
 * @param displayName   name to show (already masked where needed)
 * @param type          kind of account
 * @param roles         role codes (e.g. {@code CLERK}, {@code REGION_ADMIN})
 * @param permissions   permission codes granted through the roles (e.g. {@code region:read})
 * @param regionPrefixes significant prefixes of the region codes of the officer's assignments (see
 *                      {@link org.yiwang.shared.ids.ChineseIds#regionPrefix}); empty for non-officers
 * @param departmentIds ids of the officer's departments; empty for non-officers
 * @param subjectId     for a citizen the person's registry id, for an enterprise the entity's id (may be null)
 */
public record Caller(String accountId, String username, String displayName, CallerType type, Set<String> roles,
                     Set<String> permissions, Set<String> regionPrefixes, Set<String> departmentIds,
                     String subjectId) implements Serializable {

    public Caller {
        roles = Set.copyOf(roles);
        permissions = Set.copyOf(permissions);
        regionPrefixes = Set.copyOf(regionPrefixes);
        departmentIds = Set.copyOf(departmentIds);
    }

    /** The caller used by the platform's own background work (schedulers, demo load, imports run at start). */
    public static final Caller SYSTEM = new Caller("system", "system", "系统", CallerType.SYSTEM, Set.of("SYSTEM"),
            Set.of("*"), Set.of(""), Set.of(), null);

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean can(String permission) {
        return permissions.contains("*") || permissions.contains(permission);
    }

    public boolean isOfficerOrAdmin() {
        return type == CallerType.OFFICER || type == CallerType.ADMIN || type == CallerType.SYSTEM;
    }

    /** The data scope of this caller. */
    public AccessScope scope() {
        return AccessScope.of(this);
    }
}
