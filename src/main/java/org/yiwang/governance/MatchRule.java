package org.yiwang.governance;

/** Which rule placed a point (属地 rules, tried in this order). */
public enum MatchRule {
    /** The point lies in a unit grid (网格). */
    GRID,
    /** 属地兜底: outside every grid but inside the city; the nearest grid within the configured distance (default 500 m). */
    NEAREST_GRID,
    /** 属地兜底: inside the city, no grid near enough; the community (or street) whose area contains the point. */
    AREA,
    /** Outside the city boundary (the union of the community/street areas). */
    OUTSIDE
}
