package org.yiwang.registries;

/** Registration status (登记状态) of a legal entity. */
public enum EntityStatus {
    /** 存续 (在业) */
    ACTIVE("存续"),
    /** 注销 */
    DEREGISTERED("注销"),
    /** 吊销 */
    REVOKED("吊销"),
    /** 迁出 */
    MOVED_OUT("迁出"),
    /** 撤销 */
    CANCELLED("撤销");

    private final String label;

    EntityStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Parses the code (any case) or the Chinese name (在业 = 存续); null when neither. */
    public static EntityStatus parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        for (EntityStatus s : values()) {
            if (s.name().equalsIgnoreCase(t) || s.label.equals(t)) {
                return s;
            }
        }
        return "在业".equals(t) || "开业".equals(t) ? ACTIVE : null;
    }
}
