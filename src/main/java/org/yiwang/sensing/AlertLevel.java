package org.yiwang.sensing;

/** Early-warning levels (预警等级), lowest first: 蓝 &lt; 黄 &lt; 橙 &lt; 红. */
public enum AlertLevel {
    BLUE("蓝色", "Blue"),
    YELLOW("黄色", "Yellow"),
    ORANGE("橙色", "Orange"),
    RED("红色", "Red");

    private final String zh;
    private final String en;

    AlertLevel(String zh, String en) {
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
