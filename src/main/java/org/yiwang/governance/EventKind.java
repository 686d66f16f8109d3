package org.yiwang.governance;

/** The two trees of the GB/T 30428.2 classification. */
public enum EventKind {
    /** 部件 (city components: facilities and objects); class codes start with {@code C}. */
    COMPONENT('C'),
    /** 事件 (events: behaviours and situations); class codes start with {@code E}. */
    EVENT('E');

    private final char prefix;

    EventKind(char prefix) {
        this.prefix = prefix;
    }

    public char prefix() {
        return prefix;
    }

    /** The kind of a class code by its first letter, or null. */
    public static EventKind ofCode(String code) {
        if (code == null || code.isEmpty()) {
            return null;
        }
        for (EventKind k : values()) {
            if (k.prefix == code.charAt(0)) {
                return k;
            }
        }
        return null;
    }
}
