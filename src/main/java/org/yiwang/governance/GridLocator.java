package org.yiwang.governance;

import java.util.Optional;

/**
 * Point → grid (属地定位) over an in-memory R-tree of the active grids, rebuilt when grids or areas change (other
 * nodes notice within a few seconds through a version counter). Coordinates are WGS-84 longitude/latitude in
 * degrees (天地图 uses CGCS2000, which agrees with WGS-84 to well under a metre; GCJ-02 coordinates from 高德/腾讯
 * maps must be converted by the caller first).
 */
public interface GridLocator {

    /**
     * Where the point belongs: {@link MatchRule#GRID}, {@link MatchRule#NEAREST_GRID} or {@link MatchRule#AREA};
     * empty when the point is outside the city.
     *
     * @throws IllegalArgumentException when lon/lat are not finite or out of range (±180, ±90)
     */
    Optional<GridMatch> locate(double lon, double lat);

    /** Same as {@link #locate} but returns {@link GridMatch#OUTSIDE} instead of empty. */
    GridMatch resolve(double lon, double lat);
}
