package org.yiwang.governance.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.locationtech.jts.geom.Geometry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.yiwang.governance.Grid;
import org.yiwang.governance.GridDirectory;
import org.yiwang.shared.ids.ChineseIds;

/** JDBC access to grids, areas, grid workers and the grid version counter; also the public {@link GridDirectory}. */
@Repository
class GridStore implements GridDirectory {

    /** A stored grid with its geometry. */
    record StoredGrid(Grid grid, Geometry geometry) {
    }

    /** A stored area with its geometry. */
    record StoredArea(String regionCode, Geometry geometry, double areaM2) {
    }

    private final JdbcClient jdbc;

    GridStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static Grid grid(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Grid(rs.getString("code"), rs.getString("name"), rs.getString("community_code"), rs.getDouble("area_m2"),
                rs.getBoolean("active"));
    }

    @Override
    public Optional<Grid> grid(String code) {
        return jdbc.sql("select code, name, community_code, area_m2, active from gov_grid where code = ?").param(code)
                .query((rs, i) -> grid(rs)).optional();
    }

    @Override
    public List<Grid> grids(String regionCode) {
        String prefix = regionCode == null || regionCode.isBlank() ? "" : ChineseIds.regionPrefix(regionCode);
        return jdbc.sql("select code, name, community_code, area_m2, active from gov_grid where code like ? order by code")
                .param(prefix + "%").query((rs, i) -> grid(rs)).list();
    }

    /** Grids with geometry, filtered by a region prefix and an extra SQL predicate (data scope). */
    List<StoredGrid> gridsWithGeometry(String regionPrefix, String predicate, Object[] params, boolean activeOnly) {
        Object[] all = new Object[params.length + 1];
        all[0] = (regionPrefix == null ? "" : regionPrefix) + "%";
        System.arraycopy(params, 0, all, 1, params.length);
        return jdbc.sql("select code, name, community_code, area_m2, active, geometry_wkt from gov_grid where code like ? and "
                        + predicate + (activeOnly ? " and active = true" : "") + " order by code")
                .params(all)
                .query((rs, i) -> new StoredGrid(grid(rs), GeoJson.fromWkt(rs.getString("geometry_wkt")))).list();
    }

    List<StoredArea> areas() {
        return jdbc.sql("select region_code, geometry_wkt, area_m2 from gov_region_area order by region_code")
                .query((rs, i) -> new StoredArea(rs.getString("region_code"), GeoJson.fromWkt(rs.getString("geometry_wkt")),
                        rs.getDouble("area_m2"))).list();
    }

    /** Upserts a grid; true when it was created. */
    boolean upsertGrid(String code, String name, String community, Geometry g, double areaM2, boolean active, Instant now) {
        int n = jdbc.sql("update gov_grid set name = ?, community_code = ?, geometry_wkt = ?, area_m2 = ?, active = ?, updated_at = ? where code = ?")
                .params(name, community, GeoJson.toWkt(g), areaM2, active, Timestamp.from(now), code).update();
        if (n == 0) {
            jdbc.sql("insert into gov_grid (code, name, community_code, geometry_wkt, area_m2, active, updated_at) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(code, name, community, GeoJson.toWkt(g), areaM2, active, Timestamp.from(now)).update();
            return true;
        }
        return false;
    }

    boolean upsertArea(String regionCode, Geometry g, double areaM2, Instant now) {
        int n = jdbc.sql("update gov_region_area set geometry_wkt = ?, area_m2 = ?, updated_at = ? where region_code = ?")
                .params(GeoJson.toWkt(g), areaM2, Timestamp.from(now), regionCode).update();
        if (n == 0) {
            jdbc.sql("insert into gov_region_area (region_code, geometry_wkt, area_m2, updated_at) values (?, ?, ?, ?)")
                    .params(regionCode, GeoJson.toWkt(g), areaM2, Timestamp.from(now)).update();
            return true;
        }
        return false;
    }

    @Override
    public List<String> workers(String gridCode) {
        return jdbc.sql("select officer_id from gov_grid_worker where grid_code = ? order by officer_id").param(gridCode)
                .query(String.class).list();
    }

    @Override
    public List<String> gridsOfWorker(String officerId) {
        return jdbc.sql("select grid_code from gov_grid_worker where officer_id = ? order by grid_code").param(officerId)
                .query(String.class).list();
    }

    void replaceWorkers(String gridCode, List<String> officerIds, Instant now) {
        jdbc.sql("delete from gov_grid_worker where grid_code = ?").param(gridCode).update();
        for (String id : officerIds) {
            jdbc.sql("insert into gov_grid_worker (grid_code, officer_id, assigned_at) values (?, ?, ?)")
                    .params(gridCode, id, Timestamp.from(now)).update();
        }
    }

    long version() {
        return jdbc.sql("select version from gov_grid_version where id = 1").query(Long.class).single();
    }

    void bumpVersion() {
        jdbc.sql("update gov_grid_version set version = version + 1 where id = 1").update();
    }
}
