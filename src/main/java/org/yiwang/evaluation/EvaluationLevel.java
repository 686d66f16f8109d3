package org.yiwang.evaluation;

/** The five evaluation levels of GB/T 39734 (评价等级); the last two are 差评. */
public enum EvaluationLevel {
    VERY_SATISFIED(5, "非常满意", "Very satisfied"),
    SATISFIED(4, "满意", "Satisfied"),
    BASICALLY_SATISFIED(3, "基本满意", "Basically satisfied"),
    DISSATISFIED(2, "不满意", "Dissatisfied"),
    VERY_DISSATISFIED(1, "非常不满意", "Very dissatisfied");

    private final int score;
    private final String zh;
    private final String en;

    EvaluationLevel(int score, String zh, String en) {
        this.score = score;
        this.zh = zh;
        this.en = en;
    }

    /** 5 (非常满意) … 1 (非常不满意). */
    public int score() {
        return score;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    /** True for 不满意 and 非常不满意 (差评). */
    public boolean negative() {
        return score <= 2;
    }

    /** The level with this score (1–5). */
    public static EvaluationLevel ofScore(int score) {
        for (EvaluationLevel l : values()) {
            if (l.score == score) {
                return l;
            }
        }
        throw new IllegalArgumentException("score must be 1..5: " + score);
    }
}
