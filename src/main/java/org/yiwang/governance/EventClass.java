package org.yiwang.governance;

/**
 * A subclass (小类) of the event/component catalog.
 *
 * @param code             {@code C} (部件) or {@code E} (事件) + 大类 2 digits + 小类 2 digits, e.g. {@code E0101} 暴露垃圾
 * @param kind             部件 or 事件
 * @param majorCode        2-digit 大类 code
 * @param majorName        大类 name, e.g. 市容环境
 * @param minorCode        2-digit 小类 code
 * @param name             小类 name
 * @param filingCondition  立案条件
 * @param deadlineAmount   处置时限 amount (&gt; 0)
 * @param deadlineUnit     处置时限 unit
 * @param closingCondition 结案条件
 * @param active           inactive classes are kept for old cases but not offered for new ones
 */
public record EventClass(String code, EventKind kind, String majorCode, String majorName, String minorCode, String name,
                         String filingCondition, int deadlineAmount, DeadlineUnit deadlineUnit, String closingCondition,
                         boolean active) {

    /** The 4-digit GB/T 30428.2 code (大类 + 小类) without the kind letter. */
    public String standardCode() {
        return majorCode + minorCode;
    }
}
