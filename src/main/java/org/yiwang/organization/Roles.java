package org.yiwang.organization;

import java.util.List;
import java.util.Set;

/** The officer role codes an assignment may carry. */
public final class Roles {

    /** 窗口受理 */
    public static final String CLERK = "CLERK";
    /** 审查 */
    public static final String REVIEWER = "REVIEWER";
    /** 决定 */
    public static final String DECIDER = "DECIDER";
    /** 部门处置 */
    public static final String DEPT_HANDLER = "DEPT_HANDLER";
    /** 监督中心 */
    public static final String SUPERVISOR = "SUPERVISOR";
    /** 指挥中心 */
    public static final String DISPATCHER = "DISPATCHER";
    /** 网格员 */
    public static final String GRID_WORKER = "GRID_WORKER";
    /** 区域管理员 */
    public static final String REGION_ADMIN = "REGION_ADMIN";
    /** 审计员 */
    public static final String AUDITOR = "AUDITOR";

    /** Every role code, in the order above. */
    public static final List<String> ORDERED = List.of(CLERK, REVIEWER, DECIDER, DEPT_HANDLER, SUPERVISOR, DISPATCHER,
            GRID_WORKER, REGION_ADMIN, AUDITOR);

    /** Every role code. */
    public static final Set<String> ALL = Set.copyOf(ORDERED);

    private Roles() {
    }
}
