package org.yiwang.registries;

import java.util.List;

/**
 * Kinds of legal entity, with the registering-authority + type prefixes of their 统一社会信用代码 (GB 32100:
 * 1x 机构编制, 5x 民政, 9x 市场监管).
 */
public enum EntityType {
    /** 公司 (有限责任公司 / 股份有限公司) */
    COMPANY("公司", "91"),
    /** 个人独资企业 */
    SOLE_PROPRIETORSHIP("个人独资企业", "91"),
    /** 合伙企业 */
    PARTNERSHIP("合伙企业", "91"),
    /** 个体工商户 */
    INDIVIDUAL_BUSINESS("个体工商户", "92"),
    /** 农民专业合作社 */
    FARMER_COOPERATIVE("农民专业合作社", "93"),
    /** 机关 */
    GOVERNMENT_ORGAN("机关", "11"),
    /** 事业单位 */
    PUBLIC_INSTITUTION("事业单位", "12"),
    /** 社会团体 */
    SOCIAL_ORGANIZATION("社会团体", "51"),
    /** 民办非企业单位 (社会服务机构) */
    PRIVATE_NON_ENTERPRISE("民办非企业单位", "52"),
    /** 基金会 */
    FOUNDATION("基金会", "53"),
    /** 其他 */
    OTHER("其他");

    private final String label;
    private final List<String> creditPrefixes;

    EntityType(String label, String... creditPrefixes) {
        this.label = label;
        this.creditPrefixes = List.of(creditPrefixes);
    }

    /** Chinese name. */
    public String label() {
        return label;
    }

    /** True when a credit code's first two characters fit this kind (any code fits {@link #OTHER}). */
    public boolean fitsCreditCode(String creditCode) {
        return creditPrefixes.isEmpty() || creditPrefixes.stream().anyMatch(creditCode::startsWith);
    }

    /** Parses the code (any case) or the Chinese name; null when neither. */
    public static EntityType parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        for (EntityType e : values()) {
            if (e.name().equalsIgnoreCase(t) || e.label.equals(t)) {
                return e;
            }
        }
        return switch (t) {
            case "有限责任公司", "股份有限公司", "企业法人" -> COMPANY;
            case "社会服务机构" -> PRIVATE_NON_ENTERPRISE;
            default -> null;
        };
    }
}
