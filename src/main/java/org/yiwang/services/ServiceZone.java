package org.yiwang.services;

import java.util.Arrays;
import java.util.Optional;

/** 主题专区: the theme zones the portal groups items by. */
public enum ServiceZone {
    BUSINESS_START("企业开办", "Starting a business"),
    BIRTH("出生", "Birth"),
    EDUCATION("教育", "Education"),
    EMPLOYMENT("就业", "Employment"),
    SOCIAL_SECURITY("社保", "Social security"),
    MEDICAL("医疗", "Medical care"),
    ELDERLY("养老", "Elderly care"),
    DISABILITY("助残", "Disability support"),
    TRANSPORT("交通", "Transport"),
    HOUSING("住房", "Housing"),
    CONSTRUCTION("工程建设", "Construction projects"),
    RESIDENCE("户籍居住", "Residence and household");

    private final String zh;
    private final String en;

    ServiceZone(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() { return zh; }
    public String en() { return en; }

    /** By enum name or Chinese name (e.g. {@code BIRTH} or {@code 出生}). */
    public static Optional<ServiceZone> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String t = s.trim();
        return Arrays.stream(values()).filter(v -> v.name().equalsIgnoreCase(t) || v.zh.equals(t)).findFirst();
    }
}
