package org.yiwang.organization;

/** Levels of the city's regions, top down. */
public enum RegionLevel {
    /** 市 (prefecture-level city): code {@code PPCC00000000}. */
    CITY,
    /** 县(区) (county or district): code {@code PPCCDD000000}. */
    DISTRICT,
    /** 镇(街道) (town or sub-district): code {@code PPCCDDTTT000}. */
    STREET,
    /** 村(社区) (village or residents' community): code {@code PPCCDDTTTVVV}. */
    COMMUNITY;

    /**
     * The level a well-formed 12-digit code denotes, or null when the code is not one of the city's levels
     * (e.g. a province, {@code PP0000000000}).
     */
    public static RegionLevel ofCode(String code12) {
        if (code12 == null || !code12.matches("\\d{12}") || code12.startsWith("00", 2)) {
            return null;
        }
        if (code12.endsWith("00000000")) {
            return CITY;
        }
        if (code12.endsWith("000000")) {
            return DISTRICT;
        }
        if (code12.endsWith("000")) {
            return code12.startsWith("000", 6) ? null : STREET;
        }
        return code12.startsWith("000", 6) ? null : COMMUNITY;
    }

    /** The level directly above, or null for {@link #CITY}. */
    public RegionLevel parent() {
        return this == CITY ? null : values()[ordinal() - 1];
    }
}
