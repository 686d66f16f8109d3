package org.yiwang.governance.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

import org.yiwang.governance.Grid;
import org.yiwang.governance.GridMatch;
import org.yiwang.governance.MatchRule;

class GridIndexTest {

    static Geometry rect(double x0, double x1, double y0, double y1) {
        return GeoJson.FACTORY.createPolygon(new Coordinate[]{new Coordinate(x0, y0), new Coordinate(x1, y0), new Coordinate(x1, y1),
                new Coordinate(x0, y1), new Coordinate(x0, y0)});
    }

    // one community 120.00–120.05 × 30.00–30.05 with two grids that leave a gap in the middle (120.02–120.03)
    final GridIndex index = new GridIndex(
            List.of(new GridIndex.GridShape("339902001001001", "一", "339902001001", rect(120.00, 120.02, 30.00, 30.05)),
                    new GridIndex.GridShape("339902001001002", "二", "339902001001", rect(120.03, 120.05, 30.00, 30.02))),
            List.of(new GridIndex.AreaShape("339902001001", rect(120.00, 120.05, 30.00, 30.05))), 500);

    @Test
    void pointInsideAGridIsThatGrid() {
        GridMatch m = index.locate(120.01, 30.01);
        assertThat(m.rule()).isEqualTo(MatchRule.GRID);
        assertThat(m.gridCode()).isEqualTo("339902001001001");
        assertThat(m.communityCode()).isEqualTo("339902001001");
        assertThat(m.streetCode()).isEqualTo("339902001000");
        assertThat(m.districtCode()).isEqualTo("339902000000");
        assertThat(index.locate(120.04, 30.01).gridCode()).isEqualTo("339902001001002");
    }

    @Test
    void pointInAGapFallsBackToTheNearestGridWithin500m() {
        // 0.003° east of grid one's edge at latitude 30.01: 0.003 × 111.2 km × cos 30° ≈ 289 m; grid two is ≈ 674 m away
        GridMatch m = index.locate(120.023, 30.01);
        assertThat(m.rule()).isEqualTo(MatchRule.NEAREST_GRID);
        assertThat(m.gridCode()).isEqualTo("339902001001001");
        assertThat(m.distanceMeters()).isBetween(280.0, 300.0);
    }

    @Test
    void pointFarFromEveryGridButInsideTheCommunityFallsBackToTheArea() {
        GridMatch m = index.locate(120.04, 30.04); // ≈ 960 m east of grid one, ≈ 2.2 km north of grid two
        assertThat(m.rule()).isEqualTo(MatchRule.AREA);
        assertThat(m.gridCode()).isNull();
        assertThat(m.communityCode()).isEqualTo("339902001001");
    }

    @Test
    void pointOutsideTheCityIsOutsideEvenNearAGrid() {
        assertThat(index.locate(119.999, 30.01).rule()).isEqualTo(MatchRule.OUTSIDE); // ≈ 96 m west of the city
        assertThat(index.locate(121.0, 31.0)).isEqualTo(GridMatch.OUTSIDE);
    }

    @Test
    void gridCodesDeriveFromTheCommunityCode() {
        assertThat(Grid.codeOf("339902001001", 7)).isEqualTo("339902001001007");
        assertThat(Grid.codeMatches("339902001001007", "339902001001")).isTrue();
        assertThat(Grid.codeMatches("339902001002007", "339902001001")).isFalse();
        assertThat(Grid.codeMatches("339902001001000", "339902001001")).isFalse();
        Grid g = new Grid("339903100201002", "x", "339903100201", 1, true);
        assertThat(g.streetCode()).isEqualTo("339903100000");
        assertThat(g.districtCode()).isEqualTo("339903000000");
        assertThatThrownBy(() -> Grid.codeOf("339902001000", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Grid.codeOf("339902001001", 1000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void areasAreMeasuredInSquareMetres() {
        // 0.01° × 0.01° at 30° N ≈ 1113 m × 964 m
        assertThat(LocalProjection.areaM2(rect(120.00, 120.01, 30.00, 30.01))).isBetween(1.06e6, 1.09e6);
    }
}
