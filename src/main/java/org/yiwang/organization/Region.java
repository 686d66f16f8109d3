package org.yiwang.organization;

/**
 * A region (行政区域) of the city.
 *
 * @param code       12-digit 统计用区划代码 (6-digit GB/T 2260 code + 3-digit town + 3-digit village)
 * @param name       name, e.g. 东湖区, 湖滨街道, 柳岸社区
 * @param level      level in the city's hierarchy
 * @param parentCode the parent region's code; null for the city
 */
public record Region(String code, String name, RegionLevel level, String parentCode) {

    /** The 6-digit GB/T 2260 行政区划代码 of a city or district; null below district level. */
    public String divisionCode() {
        return level == RegionLevel.CITY || level == RegionLevel.DISTRICT ? code.substring(0, 6) : null;
    }
}
