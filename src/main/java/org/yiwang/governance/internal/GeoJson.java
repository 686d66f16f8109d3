package org.yiwang.governance.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.WKTWriter;

/**
 * GeoJSON (RFC 7946) Polygon / MultiPolygon geometries ↔ JTS, and WKT for storage. Coordinates are
 * {@code [longitude, latitude]} in WGS-84 degrees.
 */
public final class GeoJson {

    public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private GeoJson() {
    }

    /** Thrown for a geometry that cannot be read; the message says why (English) and {@link #zh} in Chinese. */
    public static final class BadGeometry extends Exception {
        public final String zh;

        BadGeometry(String zh, String en) {
            super(en);
            this.zh = zh;
        }
    }

    /** Reads a parsed GeoJSON geometry object (a map from Jackson) into a JTS Polygon or MultiPolygon. */
    public static Geometry read(Object geometry) throws BadGeometry {
        if (!(geometry instanceof Map<?, ?> g)) {
            throw new BadGeometry("缺少几何对象", "geometry is missing");
        }
        Object type = g.get("type");
        Object coordinates = g.get("coordinates");
        if ("Polygon".equals(type)) {
            return polygon(coordinates);
        }
        if ("MultiPolygon".equals(type)) {
            if (!(coordinates instanceof List<?> list) || list.isEmpty()) {
                throw new BadGeometry("MultiPolygon 坐标为空", "MultiPolygon has no coordinates");
            }
            List<Polygon> parts = new ArrayList<>();
            for (Object p : list) {
                parts.add(polygon(p));
            }
            return FACTORY.createMultiPolygon(parts.toArray(Polygon[]::new));
        }
        throw new BadGeometry("几何类型须为 Polygon 或 MultiPolygon，而不是 " + type,
                "geometry type must be Polygon or MultiPolygon, not " + type);
    }

    private static Polygon polygon(Object coordinates) throws BadGeometry {
        if (!(coordinates instanceof List<?> rings) || rings.isEmpty()) {
            throw new BadGeometry("Polygon 坐标为空", "Polygon has no rings");
        }
        LinearRing shell = ring(rings.get(0));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i));
        }
        return FACTORY.createPolygon(shell, holes);
    }

    private static LinearRing ring(Object positions) throws BadGeometry {
        if (!(positions instanceof List<?> list)) {
            throw new BadGeometry("环坐标应为数组", "a ring must be an array of positions");
        }
        List<Coordinate> coords = new ArrayList<>();
        for (Object p : list) {
            if (!(p instanceof List<?> pos) || pos.size() < 2 || !(pos.get(0) instanceof Number x) || !(pos.get(1) instanceof Number y)) {
                throw new BadGeometry("坐标应为 [经度, 纬度]", "a position must be [longitude, latitude]");
            }
            double lon = x.doubleValue();
            double lat = y.doubleValue();
            if (!Double.isFinite(lon) || !Double.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
                throw new BadGeometry("坐标超出范围：" + lon + "," + lat, "position out of range: " + lon + "," + lat);
            }
            coords.add(new Coordinate(lon, lat));
        }
        if (coords.size() < 4) {
            throw new BadGeometry("环至少需要 4 个坐标（首尾相同）", "a ring needs at least 4 positions (first = last)");
        }
        if (!coords.getFirst().equals2D(coords.getLast())) {
            throw new BadGeometry("环未闭合（首尾坐标不同）", "ring is not closed (first and last positions differ)");
        }
        return FACTORY.createLinearRing(coords.toArray(Coordinate[]::new));
    }

    /** The GeoJSON geometry object (for Jackson) of a Polygon or MultiPolygon. */
    public static Map<String, Object> write(Geometry g) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (g instanceof Polygon p) {
            out.put("type", "Polygon");
            out.put("coordinates", rings(p));
        } else if (g instanceof MultiPolygon mp) {
            out.put("type", "MultiPolygon");
            List<Object> parts = new ArrayList<>();
            for (int i = 0; i < mp.getNumGeometries(); i++) {
                parts.add(rings((Polygon) mp.getGeometryN(i)));
            }
            out.put("coordinates", parts);
        } else {
            throw new IllegalArgumentException("Not a polygon: " + g.getGeometryType());
        }
        return out;
    }

    private static List<Object> rings(Polygon p) {
        List<Object> rings = new ArrayList<>();
        rings.add(positions(p.getExteriorRing().getCoordinates()));
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            rings.add(positions(p.getInteriorRingN(i).getCoordinates()));
        }
        return rings;
    }

    private static List<Object> positions(Coordinate[] cs) {
        List<Object> out = new ArrayList<>(cs.length);
        for (Coordinate c : cs) {
            out.add(List.of(c.x, c.y));
        }
        return out;
    }

    public static String toWkt(Geometry g) {
        return new WKTWriter().write(g);
    }

    public static Geometry fromWkt(String wkt) {
        try {
            return new WKTReader(FACTORY).read(wkt);
        } catch (ParseException e) {
            throw new IllegalStateException("Stored geometry is not valid WKT", e);
        }
    }
}
