package org.yiwang.services;

import java.util.Arrays;
import java.util.Optional;

/** 事项类型: the kind of power or service an item exercises. */
public enum ItemType {
    LICENSING("行政许可", "Administrative licensing"),
    CONFIRMATION("行政确认", "Administrative confirmation"),
    PAYMENT("行政给付", "Administrative payment"),
    LEVY("行政征收", "Administrative levy"),
    ADJUDICATION("行政裁决", "Administrative adjudication"),
    REWARD("行政奖励", "Administrative reward"),
    OTHER_POWER("其他行政权力", "Other administrative power"),
    PUBLIC_SERVICE("公共服务", "Public service");

    private final String zh;
    private final String en;

    ItemType(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() { return zh; }
    public String en() { return en; }

    /** By enum name or Chinese name (e.g. {@code LICENSING} or {@code 行政许可}). */
    public static Optional<ItemType> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String t = s.trim();
        return Arrays.stream(values()).filter(v -> v.name().equalsIgnoreCase(t) || v.zh.equals(t)).findFirst();
    }
}
