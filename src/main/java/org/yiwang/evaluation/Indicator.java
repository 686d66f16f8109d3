package org.yiwang.evaluation;

/** The online evaluation indicators (评价指标) of GB/T 39734; {@link #OVERALL} is required in every rating. */
public enum Indicator {
    OVERALL("整体满意度", "Overall satisfaction"),
    EFFICIENCY("办事效率", "Efficiency"),
    GUIDE_ACCURACY("办事指南精确度", "Accuracy of the service guide"),
    CONVENIENCE("办事便捷度", "Convenience"),
    OPERABILITY("平台操作性", "Ease of use of the platform");

    private final String zh;
    private final String en;

    Indicator(String zh, String en) {
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
