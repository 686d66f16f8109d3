package org.yiwang.organization;

import java.util.Set;

/**
 * What an officer does where: roles held in one department for one region (and its subtree).
 *
 * @param departmentId the department
 * @param regionCode   the 12-digit code of the region the roles apply to
 * @param roles        role codes, e.g. {@code CLERK}, {@code REVIEWER}, {@code GRID_WORKER} (see {@link Roles})
 */
public record Assignment(String departmentId, String regionCode, Set<String> roles) {

    public Assignment {
        roles = Set.copyOf(roles);
    }
}
