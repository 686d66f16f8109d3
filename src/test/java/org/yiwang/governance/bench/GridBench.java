package org.yiwang.governance.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import tools.jackson.databind.json.JsonMapper;

import org.yiwang.governance.internal.GeoJson;
import org.yiwang.governance.internal.GridIndex;

/**
 * Point → grid throughput, run by {@code bench/grids.sh} (not part of the test suite). Builds the demo index
 * (21 grids from the demo GeoJSON) and a synthetic 10,000-grid index (100 × 100 cells over the demo city's box),
 * then measures lookups/s on the calling thread beside the naive anchor measured in the same run: a linear scan that
 * tests every polygon in turn.
 */
public final class GridBench {

    public static void main(String[] args) throws Exception {
        List<GridIndex.GridShape> demo = new ArrayList<>();
        Map<?, ?> fc = JsonMapper.builder().build().readValue(Files.readAllBytes(Path.of("src/main/resources/demo/governance/grids.geojson")), Map.class);
        for (Object f : (List<?>) fc.get("features")) {
            Map<?, ?> p = (Map<?, ?>) ((Map<?, ?>) f).get("properties");
            demo.add(new GridIndex.GridShape((String) p.get("code"), (String) p.get("name"), (String) p.get("communityCode"),
                    GeoJson.read(((Map<?, ?>) f).get("geometry"))));
        }
        List<GridIndex.GridShape> synthetic = new ArrayList<>();
        int n = 100;
        double w = 0.20 / n;
        double h = 0.15 / n;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double x0 = 120.0 + i * w;
                double y0 = 30.0 + j * h;
                Geometry g = GeoJson.FACTORY.createPolygon(new Coordinate[]{new Coordinate(x0, y0), new Coordinate(x0 + w, y0),
                        new Coordinate(x0 + w, y0 + h), new Coordinate(x0 + w * 0.5, y0 + h * 1.0), new Coordinate(x0, y0 + h), new Coordinate(x0, y0)});
                synthetic.add(new GridIndex.GridShape(String.format("339902001001%03d", (i * n + j) % 999 + 1), "g", "339902001001", g));
            }
        }
        run("demo (" + demo.size() + " grids)", demo, 2_000_000);
        run("synthetic (" + synthetic.size() + " grids)", synthetic, 2_000_000);
    }

    private static void run(String label, List<GridIndex.GridShape> grids, int lookups) {
        long t0 = System.nanoTime();
        GridIndex index = new GridIndex(grids, List.of(), 500);
        double buildMs = (System.nanoTime() - t0) / 1e6;
        SplittableRandom rnd = new SplittableRandom(42);
        double[] lon = new double[lookups];
        double[] lat = new double[lookups];
        for (int i = 0; i < lookups; i++) {
            lon[i] = 120.0 + rnd.nextDouble() * 0.2;
            lat[i] = 30.0 + rnd.nextDouble() * 0.15;
        }
        int sink = 0;
        for (int i = 0; i < 200_000; i++) { // warm-up
            sink += index.locate(lon[i % lookups], lat[i % lookups]).rule().ordinal();
        }
        t0 = System.nanoTime();
        for (int i = 0; i < lookups; i++) {
            sink += index.locate(lon[i], lat[i]).rule().ordinal();
        }
        double indexed = lookups / ((System.nanoTime() - t0) / 1e9);
        List<Geometry> projected = grids.stream().map(g -> index.projection().project(g.geometry())).toList();
        List<String> codes = grids.stream().map(GridIndex.GridShape::code).toList();
        int scanLookups = Math.max(200, Math.min(lookups, 20_000_000 / Math.max(1, grids.size())));
        for (int i = 0; i < scanLookups / 10; i++) {
            sink += index.linearScan(projected, codes, lon[i], lat[i]) == null ? 0 : 1;
        }
        t0 = System.nanoTime();
        for (int i = 0; i < scanLookups; i++) {
            sink += index.linearScan(projected, codes, lon[i], lat[i]) == null ? 0 : 1;
        }
        double scan = scanLookups / ((System.nanoTime() - t0) / 1e9);
        System.out.printf("%-26s build %8.1f ms | STRtree+prepared %,12.0f lookups/s | anchor linear scan %,12.0f lookups/s | x%.0f (sink %d)%n",
                label, buildMs, indexed, scan, indexed / scan, sink & 1);
    }
}
