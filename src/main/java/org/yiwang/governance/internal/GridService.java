package org.yiwang.governance.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.yiwang.audit.AuditLog;
import org.yiwang.governance.Grid;
import org.yiwang.organization.Assignment;
import org.yiwang.organization.Officer;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.organization.Region;
import org.yiwang.organization.RegionLevel;
import org.yiwang.organization.Roles;
import org.yiwang.shared.ids.ChineseIds;
import org.yiwang.shared.imports.ImportResult;
import org.yiwang.shared.security.AccessScope;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/**
 * Grids (网格) and areas: GeoJSON import (validate every feature, then write all or nothing) and export, grid-worker
 * assignment. Reading needs {@code region:read} (officers see their scope), changes need {@code region:manage}.
 */
@Service
public class GridService {

    public static final String READ = "region:read";
    public static final String MANAGE = "region:manage";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final GridStore store;
    private final OrganizationDirectory directory;
    private final DefaultGridLocator locator;
    private final AuditLog audit;
    private final double overlapToleranceM2;

    GridService(GridStore store, OrganizationDirectory directory, DefaultGridLocator locator, AuditLog audit,
                @Value("${yiwang.governance.overlap-tolerance-m2:10}") double overlapToleranceM2) {
        this.store = store;
        this.directory = directory;
        this.locator = locator;
        this.audit = audit;
        this.overlapToleranceM2 = overlapToleranceM2;
    }

    /** One feature of an import, once parsed. */
    private record Feature(int number, Map<String, Object> properties, Object geometry) {
        String text(String name) {
            Object v = properties.get(name);
            if (v == null || v instanceof Map<?, ?> || v instanceof List<?>) {
                return null;
            }
            String s = v.toString().trim();
            return s.isEmpty() ? null : s;
        }
    }

    private record Checked(Feature feature, String code, String name, String community, Geometry geometry, boolean active) {
    }

    private static List<Feature> features(byte[] body) {
        Object parsed;
        try {
            parsed = JSON.readValue(body == null ? new byte[0] : body, Object.class);
        } catch (JacksonException e) {
            throw ProblemException.invalidField("file", "不是有效的 GeoJSON", "not valid GeoJSON: " + e.getOriginalMessage());
        }
        if (!(parsed instanceof Map<?, ?> fc) || !"FeatureCollection".equals(fc.get("type")) || !(fc.get("features") instanceof List<?> list)) {
            throw ProblemException.invalidField("file", "应为 GeoJSON FeatureCollection", "must be a GeoJSON FeatureCollection");
        }
        if (list.isEmpty()) {
            throw ProblemException.invalidField("file", "FeatureCollection 中没有要素", "the FeatureCollection has no features");
        }
        if (list.size() > 20_000) {
            throw ProblemException.invalidField("file", "一次最多导入 20000 个要素", "at most 20000 features per import");
        }
        List<Feature> out = new ArrayList<>();
        int n = 0;
        for (Object item : list) {
            n++;
            Map<String, Object> props = new LinkedHashMap<>();
            Object geometry = null;
            if (item instanceof Map<?, ?> f) {
                if (f.get("properties") instanceof Map<?, ?> p) {
                    p.forEach((k, v) -> props.put(String.valueOf(k), v));
                }
                geometry = f.get("geometry");
            }
            out.add(new Feature(n, props, geometry));
        }
        return out;
    }

    /** Reads and validates a feature's geometry (a valid Polygon or MultiPolygon); null after recording an error. */
    private static Geometry geometry(Feature f, GeoImportErrors errors) {
        try {
            Geometry g = GeoJson.read(f.geometry());
            TopologyValidationError invalid = new IsValidOp(g).getValidationError();
            if (invalid != null) {
                errors.add(f.number(), "geometry", "多边形无效：" + invalid.getMessage() + "（" + invalid.getCoordinate() + "）",
                        "invalid polygon: " + invalid.getMessage() + " at " + invalid.getCoordinate());
                return null;
            }
            if (g.isEmpty() || g.getArea() <= 0) {
                errors.add(f.number(), "geometry", "多边形面积为零", "polygon has no area");
                return null;
            }
            return g;
        } catch (GeoJson.BadGeometry e) {
            errors.add(f.number(), "geometry", e.zh, e.getMessage());
            return null;
        } catch (IllegalArgumentException e) {
            errors.add(f.number(), "geometry", "几何无效：" + e.getMessage(), "invalid geometry: " + e.getMessage());
            return null;
        }
    }

    /**
     * Imports grids from a GeoJSON FeatureCollection: properties {@code code} (15 digits), {@code name},
     * {@code communityCode} (optional: derived from the code), {@code active} (optional, default true). Grids are
     * upserted by code; grids not in the file are kept.
     */
    @Transactional
    public ImportResult importGrids(byte[] geoJson) {
        Callers.require(MANAGE);
        List<Feature> features = features(geoJson);
        GeoImportErrors errors = new GeoImportErrors();
        Map<String, Integer> seen = new HashMap<>();
        List<Checked> checked = new ArrayList<>();
        for (Feature f : features) {
            String code = f.text("code");
            String name = f.text("name");
            String community = f.text("communityCode");
            if (code == null || !code.matches("\\d{15}") || code.endsWith("000")) {
                errors.add(f.number(), "properties.code", "网格编码应为 15 位数字（社区 12 位 + 序号 3 位，序号不为 000）",
                        "the grid code must be 15 digits (12-digit community code + 3-digit sequence other than 000)");
                code = null;
            } else if (seen.putIfAbsent(code, f.number()) != null) {
                errors.add(f.number(), "properties.code", "网格编码与第 " + seen.get(code) + " 个要素重复",
                        "grid code repeats feature " + seen.get(code));
            }
            if (community == null && code != null) {
                community = code.substring(0, 12);
            }
            if (community == null) {
                errors.add(f.number(), "properties.communityCode", "缺少所属社区代码", "communityCode is required");
            } else {
                Region r = directory.region(community).orElse(null);
                if (r == null) {
                    errors.add(f.number(), "properties.communityCode", "社区不存在：" + community, "unknown community: " + community);
                } else if (r.level() != RegionLevel.COMMUNITY) {
                    errors.add(f.number(), "properties.communityCode", "区划 " + community + " 不是村（社区）级",
                            "region " + community + " is not at community level");
                } else if (code != null && !Grid.codeMatches(code, community)) {
                    errors.add(f.number(), "properties.code", "网格编码 " + code + " 与所属社区 " + community + " 不一致（应以社区代码开头）",
                            "grid code " + code + " does not belong to community " + community + " (must start with its code)");
                }
            }
            if (name == null || name.length() > 100) {
                errors.add(f.number(), "properties.name", "名称必填且不超过 100 字", "name is required (at most 100 characters)");
            }
            boolean active = true;
            Object a = f.properties().get("active");
            if (a != null) {
                if (a instanceof Boolean b) {
                    active = b;
                } else if ("true".equalsIgnoreCase(a.toString()) || "false".equalsIgnoreCase(a.toString())) {
                    active = Boolean.parseBoolean(a.toString());
                } else {
                    errors.add(f.number(), "properties.active", "应为 true 或 false", "must be true or false");
                }
            }
            Geometry g = geometry(f, errors);
            if (g != null && code != null) {
                checked.add(new Checked(f, code, name, community, g, active));
            }
        }
        checkOverlaps(checked, errors);
        errors.throwIfAny();
        Instant now = Instant.now();
        int created = 0;
        int updated = 0;
        for (Checked c : checked) {
            if (store.upsertGrid(c.code(), c.name(), c.community(), c.geometry(), LocalProjection.areaM2(c.geometry()), c.active(), now)) {
                created++;
            } else {
                updated++;
            }
        }
        changed();
        ImportResult result = new ImportResult(features.size(), created, updated, 0);
        audit.record("grid.import", "grid:*", true, result.summary());
        return result;
    }

    /** Active grids overlapping by more than the tolerance: among the file's grids and with stored grids not in the file. */
    private void checkOverlaps(List<Checked> checked, GeoImportErrors errors) {
        Set<String> inFile = new HashSet<>();
        checked.forEach(c -> inFile.add(c.code()));
        record Item(String code, Integer feature, Geometry projected) {
        }
        List<Geometry> all = new ArrayList<>();
        checked.forEach(c -> all.add(c.geometry()));
        List<GridStore.StoredGrid> stored = store.gridsWithGeometry("", "1=1", new Object[0], true).stream()
                .filter(s -> !inFile.contains(s.grid().code())).toList();
        stored.forEach(s -> all.add(s.geometry()));
        if (all.isEmpty()) {
            return;
        }
        LocalProjection projection = LocalProjection.around(GeoJson.FACTORY.buildGeometry(all));
        STRtree tree = new STRtree();
        List<Item> items = new ArrayList<>();
        for (Checked c : checked) {
            if (c.active()) {
                items.add(new Item(c.code(), c.feature().number(), projection.project(c.geometry())));
            }
        }
        for (GridStore.StoredGrid s : stored) {
            items.add(new Item(s.grid().code(), null, projection.project(s.geometry())));
        }
        items.forEach(i -> tree.insert(i.projected().getEnvelopeInternal(), i));
        for (Item i : items) {
            if (i.feature() == null) {
                continue;
            }
            for (Object o : tree.query(i.projected().getEnvelopeInternal())) {
                Item other = (Item) o;
                if (other == i) {
                    continue;
                }
                double overlap = i.projected().intersection(other.projected()).getArea();
                if (overlap > overlapToleranceM2) {
                    String zh = other.feature() != null ? "第 " + other.feature() + " 个要素（" + other.code() + "）" : "已有网格 " + other.code();
                    String en = other.feature() != null ? "feature " + other.feature() + " (" + other.code() + ")" : "existing grid " + other.code();
                    errors.add(i.feature(), "geometry", "与" + zh + "重叠约 " + Math.round(overlap) + " 平方米（容差 " + overlapToleranceM2 + " 平方米）",
                            "overlaps " + en + " by about " + Math.round(overlap) + " m² (tolerance " + overlapToleranceM2 + " m²)");
                }
            }
        }
    }

    /**
     * Imports community/street areas (属地 boundaries) from a GeoJSON FeatureCollection: properties {@code regionCode}
     * (a COMMUNITY or STREET region); upserted by region code. Their union is the city boundary for 属地兜底.
     */
    @Transactional
    public ImportResult importAreas(byte[] geoJson) {
        Callers.require(MANAGE);
        List<Feature> features = features(geoJson);
        GeoImportErrors errors = new GeoImportErrors();
        Map<String, Geometry> valid = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Feature f : features) {
            String code = f.text("regionCode");
            if (code == null) {
                code = f.text("code");
            }
            Region r = code == null ? null : directory.region(code).orElse(null);
            if (r == null) {
                errors.add(f.number(), "properties.regionCode", "区划不存在：" + code, "unknown region: " + code);
            } else if (r.level() != RegionLevel.COMMUNITY && r.level() != RegionLevel.STREET) {
                errors.add(f.number(), "properties.regionCode", "只接受村（社区）或镇（街道）级区划", "only community or street regions are accepted");
            } else if (!seen.add(code)) {
                errors.add(f.number(), "properties.regionCode", "区划重复：" + code, "repeated region: " + code);
            }
            Geometry g = geometry(f, errors);
            if (g != null && r != null && !errors.has(f.number())) {
                valid.put(code, g);
            }
        }
        errors.throwIfAny();
        Instant now = Instant.now();
        int created = 0;
        for (var e : valid.entrySet()) {
            if (store.upsertArea(e.getKey(), e.getValue(), LocalProjection.areaM2(e.getValue()), now)) {
                created++;
            }
        }
        changed();
        ImportResult result = new ImportResult(features.size(), created, valid.size() - created, 0);
        audit.record("grid-area.import", "region-area:*", true, result.summary());
        return result;
    }

    private void changed() {
        store.bumpVersion();
        locator.invalidate();
    }

    /** The grids the current caller may read as a GeoJSON FeatureCollection (map for Jackson). */
    @Transactional(readOnly = true)
    public Map<String, Object> exportGeoJson(String regionCode) {
        Caller c = requireReader();
        String prefix = "";
        if (regionCode != null && !regionCode.isBlank()) {
            if (!ChineseIds.isValidStatisticalRegionCode(regionCode.trim())) {
                throw ProblemException.invalidField("regionCode", "应为 12 位区划代码", "must be a 12-digit region code");
            }
            prefix = ChineseIds.regionPrefix(regionCode.trim());
        }
        AccessScope.Predicate scope = c.scope().where("community_code", null, null);
        List<Map<String, Object>> features = new ArrayList<>();
        for (GridStore.StoredGrid s : store.gridsWithGeometry(prefix, scope.sql(), scope.paramArray(), false)) {
            Map<String, Object> props = new LinkedHashMap<>();
            Grid g = s.grid();
            props.put("code", g.code());
            props.put("name", g.name());
            props.put("communityCode", g.communityCode());
            props.put("streetCode", g.streetCode());
            props.put("districtCode", g.districtCode());
            props.put("areaM2", Math.round(g.areaM2()));
            props.put("active", g.active());
            props.put("workers", store.workers(g.code()));
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("type", "Feature");
            f.put("id", g.code());
            f.put("properties", props);
            f.put("geometry", GeoJson.write(s.geometry()));
            features.add(f);
        }
        Map<String, Object> fc = new LinkedHashMap<>();
        fc.put("type", "FeatureCollection");
        fc.put("features", features);
        return fc;
    }

    /** Officers (scoped) and administrators with {@code region:read}; 403 for citizens and enterprises. */
    static Caller requireReader() {
        Caller c = Callers.require(READ);
        if (!c.isOfficerOrAdmin()) {
            throw ProblemException.forbidden("仅工作人员可查看网格", "Only officers and administrators may read grids");
        }
        return c;
    }

    /**
     * Replaces a grid's workers (网格员). Each entry is an officer id or employee number; the officer must be active
     * and hold {@link Roles#GRID_WORKER} in an assignment whose region contains the grid.
     */
    @Transactional
    public List<String> assignWorkers(String gridCode, List<String> officers) {
        Callers.require(MANAGE);
        Grid grid = store.grid(gridCode).orElseThrow(() -> ProblemException.notFound("网格 grid", gridCode));
        List<FieldViolation> problems = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < (officers == null ? 0 : officers.size()); i++) {
            String ref = officers.get(i) == null ? "" : officers.get(i).trim();
            String field = "officerIds[" + i + "]";
            Officer o = directory.officer(ref).or(() -> directory.officerByEmployeeNo(ref)).orElse(null);
            if (o == null) {
                problems.add(new FieldViolation(field, "工作人员不存在：" + ref, "unknown officer: " + ref));
            } else if (!o.active()) {
                problems.add(new FieldViolation(field, "工作人员已离岗：" + ref, "officer is no longer active: " + ref));
            } else if (directory.assignments(o.id()).stream().noneMatch(a -> coversGrid(a, grid))) {
                problems.add(new FieldViolation(field, "工作人员 " + ref + " 在该网格所属区域没有网格员（GRID_WORKER）任职",
                        "officer " + ref + " holds no GRID_WORKER assignment covering this grid"));
            } else {
                ids.add(o.id());
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalidFields(problems);
        }
        store.replaceWorkers(gridCode, List.copyOf(ids), Instant.now());
        audit.record("grid.workers", "grid:" + gridCode, true, "officers=" + String.join(",", ids));
        return List.copyOf(ids);
    }

    private static boolean coversGrid(Assignment a, Grid grid) {
        return a.roles().contains(Roles.GRID_WORKER) && grid.communityCode().startsWith(ChineseIds.regionPrefix(a.regionCode()));
    }

    /** True when the caller is an officer whose scope contains the grid, or an administrator/system. */
    static boolean visible(Caller c, Grid g) {
        return c.type() != CallerType.OFFICER || c.scope().allows(g.communityCode(), null, null);
    }
}
