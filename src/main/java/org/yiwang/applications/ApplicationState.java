package org.yiwang.applications;

/**
 * States of an application (办件状态): 申请 → (补正) → 受理 / 不予受理 → 审查 → 决定 → 办结 → 送达. 暂停 (§45) is a flag
 * on top of the state, not a state of its own: the case keeps its step while the clock stands still.
 */
public enum ApplicationState {
    /** 申请: submitted, waiting for the acceptance check (受理审查) at a window or the department. */
    SUBMITTED("申请", "Submitted"),
    /** 补正: a one-time correction notice (一次性告知) was given; waiting for the applicant. */
    CORRECTION("补正", "Correction requested"),
    /** 不予受理: refused at acceptance (final). */
    NOT_ACCEPTED("不予受理", "Not accepted"),
    /** 受理: accepted (or deemed accepted), in the handling department's queue for review. */
    ACCEPTED("受理", "Accepted"),
    /** 审查: claimed by a reviewer and under review. */
    REVIEW("审查", "Under review"),
    /** 决定: reviewed, waiting for the decision 准予 / 不予. */
    DECISION("决定", "Awaiting decision"),
    /** 办结: decided (准予 or 不予); the result is waiting to be delivered. */
    CONCLUDED("办结", "Concluded"),
    /** 送达: the decision or certificate was delivered (final). */
    DELIVERED("送达", "Delivered");

    private final String zh;
    private final String en;

    ApplicationState(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    /** True for NOT_ACCEPTED and DELIVERED. */
    public boolean finished() {
        return this == NOT_ACCEPTED || this == DELIVERED;
    }
}
