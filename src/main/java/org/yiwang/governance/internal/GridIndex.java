package org.yiwang.governance.internal;

import java.util.List;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

import org.yiwang.governance.GridMatch;
import org.yiwang.governance.MatchRule;

/**
 * An immutable in-memory index for point → grid: a JTS {@link STRtree} over prepared grid polygons and a second one
 * over community/street areas, all in a {@link LocalProjection} (metres) centred on the data. Thread-safe for
 * lookups once built (the trees are built eagerly).
 * <p>
 * Rules: a grid covering the point ({@link MatchRule#GRID}); else, when the point lies inside the city boundary (any
 * area; with no areas loaded, every point counts as inside), the nearest grid within {@code nearestMeters}
 * ({@link MatchRule#NEAREST_GRID}); else the area containing it ({@link MatchRule#AREA}); else
 * {@link MatchRule#OUTSIDE}.
 */
public final class GridIndex {

    /** A grid to index (lon/lat geometry). */
    public record GridShape(String code, String name, String communityCode, Geometry geometry) {
    }

    /** A community or street area to index (lon/lat geometry). */
    public record AreaShape(String regionCode, Geometry geometry) {
    }

    private record Entry(String code, String name, String regionCode, PreparedGeometry prepared, Geometry geometry) {
    }

    private final LocalProjection projection;
    private final STRtree grids = new STRtree();
    private final STRtree areas = new STRtree();
    private final boolean hasAreas;
    private final double nearestMeters;
    private final int gridCount;
    private final GeometryFactory factory = new GeometryFactory();

    public GridIndex(List<GridShape> gridShapes, List<AreaShape> areaShapes, double nearestMeters) {
        this.nearestMeters = nearestMeters;
        Envelope extent = new Envelope();
        gridShapes.forEach(g -> extent.expandToInclude(g.geometry().getEnvelopeInternal()));
        areaShapes.forEach(a -> extent.expandToInclude(a.geometry().getEnvelopeInternal()));
        this.projection = extent.isNull() ? new LocalProjection(0, 0)
                : new LocalProjection(extent.centre().x, extent.centre().y);
        for (GridShape g : gridShapes) {
            Geometry m = projection.project(g.geometry());
            grids.insert(m.getEnvelopeInternal(), new Entry(g.code(), g.name(), g.communityCode(), PreparedGeometryFactory.prepare(m), m));
        }
        for (AreaShape a : areaShapes) {
            Geometry m = projection.project(a.geometry());
            areas.insert(m.getEnvelopeInternal(), new Entry(null, null, a.regionCode(), PreparedGeometryFactory.prepare(m), m));
        }
        grids.build();
        areas.build();
        this.hasAreas = !areaShapes.isEmpty();
        this.gridCount = gridShapes.size();
    }

    public int size() {
        return gridCount;
    }

    public LocalProjection projection() {
        return projection;
    }

    /** Applies the rules to a WGS-84 point. */
    public GridMatch locate(double lon, double lat) {
        double x = projection.x(lon);
        double y = projection.y(lat);
        Point p = factory.createPoint(new Coordinate(x, y));
        Envelope at = new Envelope(x, x, y, y);
        for (Object o : grids.query(at)) {
            Entry e = (Entry) o;
            if (e.prepared().covers(p)) {
                return match(MatchRule.GRID, e.code(), e.name(), e.regionCode(), 0.0);
            }
        }
        Entry area = null;
        if (hasAreas) {
            for (Object o : areas.query(at)) {
                Entry e = (Entry) o;
                if (e.prepared().covers(p) && (area == null || e.regionCode().compareTo(area.regionCode()) > 0)) {
                    area = e; // prefer the community over a street when both are indexed
                }
            }
            if (area == null) {
                return GridMatch.OUTSIDE;
            }
        }
        Entry nearest = null;
        double best = Double.MAX_VALUE;
        Envelope around = new Envelope(at);
        around.expandBy(nearestMeters);
        for (Object o : grids.query(around)) {
            Entry e = (Entry) o;
            double d = e.geometry().distance(p);
            if (d <= nearestMeters && (d < best || (d == best && e.code().compareTo(nearest.code()) < 0))) {
                best = d;
                nearest = e;
            }
        }
        if (nearest != null) {
            return match(MatchRule.NEAREST_GRID, nearest.code(), nearest.name(), nearest.regionCode(), Math.round(best * 10) / 10.0);
        }
        if (area == null) {
            return GridMatch.OUTSIDE;
        }
        String region = area.regionCode();
        boolean community = !region.endsWith("000");
        return new GridMatch(MatchRule.AREA, null, null, community ? region : null, region.substring(0, 9) + "000",
                region.substring(0, 6) + "000000", null);
    }

    /** The naive anchor for benchmarks: test every grid polygon in turn (no index, no preparation). */
    public String linearScan(List<Geometry> projectedGrids, List<String> codes, double lon, double lat) {
        Point p = factory.createPoint(new Coordinate(projection.x(lon), projection.y(lat)));
        for (int i = 0; i < projectedGrids.size(); i++) {
            if (projectedGrids.get(i).covers(p)) {
                return codes.get(i);
            }
        }
        return null;
    }

    private static GridMatch match(MatchRule rule, String code, String name, String community, double distance) {
        return new GridMatch(rule, code, name, community, code.substring(0, 9) + "000", code.substring(0, 6) + "000000", distance);
    }
}
