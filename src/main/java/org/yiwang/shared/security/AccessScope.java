package org.yiwang.shared.security;

import java.util.ArrayList;
import java.util.List;

/**
 * The one mechanism that scopes every query of cases and records (分级授权):
 * <ul>
 * <li>an officer sees rows whose region code lies in the subtree of one of the regions of the
 * officer's assignments (prefix match on 12-digit 统计用区划代码), and — when the row belongs to a
 * department and the officer does not hold {@code scope:all-departments} — only rows of the officer's departments;</li>
 * <li>an administrator or the system sees everything;</li>
 * <li>a citizen or enterprise sees only rows it owns.</li>
 * </ul>
 * Use {@link #where(String, String, String)} to get a SQL predicate and its parameters, and
 * {@link #allows(String, String, String)} to check one loaded row (for direct-id reads).
 */
public final class AccessScope {

    public static final String ALL_DEPARTMENTS = "scope:all-departments";

    private final Caller caller;

    private AccessScope(Caller caller) {
        this.caller = caller;
    }

    public static AccessScope of(Caller caller) {
        return new AccessScope(caller);
    }

    public Caller caller() {
        return caller;
    }

    private boolean unrestricted() {
        return caller.type() == CallerType.ADMIN || caller.type() == CallerType.SYSTEM;
    }

    private boolean allDepartments() {
        return caller.can(ALL_DEPARTMENTS);
    }

    /**
     * True when the caller may see a row with these attributes.
     *
     * @param regionCode   the row's 12-digit region code (may be null)
     * @param departmentId the row's department (may be null: not department-bound)
     * @param ownerId      the account id that owns the row (may be null)
     */
    public boolean allows(String regionCode, String departmentId, String ownerId) {
        if (unrestricted()) {
            return true;
        }
        if (caller.type() == CallerType.OFFICER) {
            boolean inRegion = regionCode != null && caller.regionPrefixes().stream().anyMatch(regionCode::startsWith);
            boolean inDepartment = departmentId == null || allDepartments() || caller.departmentIds().contains(departmentId);
            return inRegion && inDepartment;
        }
        return ownerId != null && ownerId.equals(caller.accountId());
    }

    /**
     * A SQL predicate restricting rows to this scope. Column arguments may be null when the table has no
     * such column; a null owner column makes the table invisible to citizens and enterprises.
     */
    public Predicate where(String regionColumn, String departmentColumn, String ownerColumn) {
        if (unrestricted()) {
            return new Predicate("1=1", List.of());
        }
        if (caller.type() == CallerType.OFFICER) {
            if (regionColumn == null || caller.regionPrefixes().isEmpty()) {
                return new Predicate("1=0", List.of());
            }
            List<Object> params = new ArrayList<>();
            StringBuilder sql = new StringBuilder("(");
            int i = 0;
            for (String prefix : caller.regionPrefixes()) {
                if (i++ > 0) {
                    sql.append(" or ");
                }
                sql.append(regionColumn).append(" like ?");
                params.add(prefix.replace("%", "").replace("_", "") + "%");
            }
            sql.append(')');
            if (departmentColumn != null && !allDepartments()) {
                if (caller.departmentIds().isEmpty()) {
                    sql.append(" and ").append(departmentColumn).append(" is null");
                } else {
                    sql.append(" and (").append(departmentColumn).append(" is null or ").append(departmentColumn).append(" in (");
                    sql.append(String.join(",", caller.departmentIds().stream().map(d -> "?").toList())).append("))");
                    params.addAll(caller.departmentIds());
                }
            }
            return new Predicate(sql.toString(), params);
        }
        if (ownerColumn == null) {
            return new Predicate("1=0", List.of());
        }
        return new Predicate(ownerColumn + " = ?", List.of(caller.accountId()));
    }

    /** A SQL fragment and its positional parameters. */
    public record Predicate(String sql, List<Object> params) {
        public Object[] paramArray() {
            return params.toArray();
        }
    }
}
