package org.yiwang.governance.internal;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;

/**
 * A local equirectangular projection of WGS-84 lon/lat (degrees) to metres around a reference latitude:
 * {@code x = R·Δλ·cos φ0}, {@code y = R·Δφ} with the mean earth radius R = 6 371 008.8 m. Over a city-sized extent
 * (tens of km) the scale error is below 0.2 % — plenty for "nearest grid within 500 m", overlap tolerances and
 * areas; it is not a survey-grade projection.
 */
public final class LocalProjection {

    static final double EARTH_RADIUS_M = 6_371_008.8;

    private final double lon0;
    private final double lat0;
    private final double kx;
    private final double ky;

    public LocalProjection(double lon0, double lat0) {
        this.lon0 = lon0;
        this.lat0 = lat0;
        this.ky = Math.toRadians(1) * EARTH_RADIUS_M;
        this.kx = ky * Math.cos(Math.toRadians(lat0));
    }

    /** A projection centred on a geometry's envelope. */
    public static LocalProjection around(Geometry g) {
        var e = g.getEnvelopeInternal();
        return new LocalProjection((e.getMinX() + e.getMaxX()) / 2, (e.getMinY() + e.getMaxY()) / 2);
    }

    public double x(double lon) {
        return (lon - lon0) * kx;
    }

    public double y(double lat) {
        return (lat - lat0) * ky;
    }

    public double lon(double x) {
        return x / kx + lon0;
    }

    public double lat(double y) {
        return y / ky + lat0;
    }

    /** A projected copy of a lon/lat geometry (metres). */
    public Geometry project(Geometry lonLat) {
        Geometry copy = lonLat.copy();
        copy.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                seq.setOrdinate(i, Coordinate.X, x(seq.getX(i)));
                seq.setOrdinate(i, Coordinate.Y, y(seq.getY(i)));
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        copy.geometryChanged();
        return copy;
    }

    /** Area in square metres of a lon/lat geometry. */
    public static double areaM2(Geometry lonLat) {
        return around(lonLat).project(lonLat).getArea();
    }
}
