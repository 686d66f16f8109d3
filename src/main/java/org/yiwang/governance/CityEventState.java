package org.yiwang.governance;

/** States of a city event's closed loop (闭环). */
public enum CityEventState {
    /** 信息收集: reported, waiting for 立案 */
    REPORTED,
    /** 立案: filed by the 监督中心 */
    FILED,
    /** 不予立案: rejected with a reason (final) */
    REJECTED,
    /** 派遣: dispatched to a department; the clock runs */
    DISPATCHED,
    /** 处置: the department reported its result, waiting for 核查 */
    HANDLED,
    /** 结案: verified and closed (final; may still be rated) */
    CLOSED,
    /** 缓办: suspended with approval; resumes to the state it left */
    SUSPENDED,
    /** merged into another event (重复案件, final) */
    MERGED
}
