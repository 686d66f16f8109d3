package org.yiwang.governance;

/**
 * Where a point belongs (属地).
 *
 * @param rule           which rule applied
 * @param gridCode       the 15-digit grid code; null for {@link MatchRule#AREA} and {@link MatchRule#OUTSIDE}
 * @param gridName       the grid's name, or null
 * @param communityCode  12-digit code of the community (村/社区); null when only a street area matched, or outside
 * @param streetCode     12-digit code of the street/town (街道/镇), derived from the codes; null outside
 * @param districtCode   12-digit code of the district (县/区), derived from the codes; null outside
 * @param distanceMeters distance to the grid (0 inside it; &gt; 0 for {@link MatchRule#NEAREST_GRID}); null otherwise
 */
public record GridMatch(MatchRule rule, String gridCode, String gridName, String communityCode, String streetCode,
                        String districtCode, Double distanceMeters) {

    /** The result for a point outside the city. */
    public static final GridMatch OUTSIDE = new GridMatch(MatchRule.OUTSIDE, null, null, null, null, null, null);

    /** The most specific region code known for the point (community, else street); null outside. */
    public String regionCode() {
        return communityCode != null ? communityCode : streetCode;
    }
}
