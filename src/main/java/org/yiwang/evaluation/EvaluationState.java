package org.yiwang.evaluation;

/** Where an evaluation stands. */
public enum EvaluationState {
    /** 待评价: enabled (e.g. on 办结), the rater has not rated yet. */
    OPEN("待评价", "Awaiting rating"),
    /** 已评价: rated without 差评 — done. */
    RATED("已评价", "Rated"),
    /** 整改中: a 差评 opened a rectification task; 回访 and 整改 are due. */
    RECTIFYING("整改中", "Being rectified"),
    /** 待追评: the department recorded 整改; the rater may rate once more. */
    FOLLOW_UP("待追评", "Awaiting follow-up rating"),
    /** 已追评: the follow-up rating was given — done. */
    CLOSED("已追评", "Follow-up rated");

    private final String zh;
    private final String en;

    EvaluationState(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }
}
