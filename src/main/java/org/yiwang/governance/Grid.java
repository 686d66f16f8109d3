package org.yiwang.governance;

/**
 * A unit grid (单元网格).
 *
 * @param code          15 digits: the community's 12-digit 统计用区划代码 + 3-digit sequence (GB/T 30428.1 practice:
 *                      region 6 + street 3 + community 3 + grid 3)
 * @param name          name, e.g. 柳岸社区第1网格
 * @param communityCode the community (村/社区) it belongs to
 * @param areaM2        area in square metres
 * @param active        inactive grids are kept but not used for location
 */
public record Grid(String code, String name, String communityCode, double areaM2, boolean active) {

    /** The 12-digit code of the grid's street (街道/镇). */
    public String streetCode() {
        return code.substring(0, 9) + "000";
    }

    /** The 12-digit code of the grid's district (县/区). */
    public String districtCode() {
        return code.substring(0, 6) + "000000";
    }

    /** The grid code for the {@code sequence}-th grid (1–999) of a community. */
    public static String codeOf(String communityCode, int sequence) {
        if (communityCode == null || !communityCode.matches("\\d{12}") || communityCode.endsWith("000")) {
            throw new IllegalArgumentException("Not a 12-digit community code: " + communityCode);
        }
        if (sequence < 1 || sequence > 999) {
            throw new IllegalArgumentException("Grid sequence must be 1–999: " + sequence);
        }
        return communityCode + String.format("%03d", sequence);
    }

    /** True when {@code gridCode} is 15 digits whose first 12 are {@code communityCode} and whose sequence is not 000. */
    public static boolean codeMatches(String gridCode, String communityCode) {
        return gridCode != null && gridCode.matches("\\d{15}") && gridCode.startsWith(communityCode) && !gridCode.endsWith("000");
    }
}
