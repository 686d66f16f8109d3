package org.yiwang.governance.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.yiwang.audit.AuditLog;
import org.yiwang.governance.GridMatch;
import org.yiwang.governance.MatchRule;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.organization.Region;
import org.yiwang.organization.RegionLevel;
import org.yiwang.shared.imports.ImportResult;
import org.yiwang.shared.imports.ImportRows;
import org.yiwang.shared.imports.RowErrors;
import org.yiwang.shared.security.Callers;

/**
 * Standard addresses (标准地址): CSV/JSON import through {@code shared.imports} (all rows validated, then all written),
 * the grid derived from each address point, prefix search.
 */
@Service
public class AddressService {

    /** Import fields and their accepted column aliases. */
    public static final Map<String, List<String>> FIELDS = Map.of(
            "code", List.of("地址编码", "编码"),
            "address", List.of("地址", "门牌地址"),
            "communityCode", List.of("community_code", "所属社区", "社区代码"),
            "lon", List.of("经度", "longitude", "lng"),
            "lat", List.of("纬度", "latitude"));

    /** An address as stored and shown. */
    public record Address(String code, String address, String fullAddress, String communityCode, String gridCode, double lon, double lat) {
    }

    private final JdbcClient jdbc;
    private final OrganizationDirectory directory;
    private final DefaultGridLocator locator;
    private final AuditLog audit;

    AddressService(JdbcClient jdbc, OrganizationDirectory directory, DefaultGridLocator locator, AuditLog audit) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.locator = locator;
        this.audit = audit;
    }

    @Transactional
    public ImportResult importAddresses(List<ImportRows.Row> rows) {
        Callers.require(GridService.MANAGE);
        RowErrors errors = new RowErrors();
        Map<String, Integer> seen = new HashMap<>();
        record Valid(String code, String address, String full, String community, String grid, double lon, double lat) {
        }
        List<Valid> valid = new java.util.ArrayList<>();
        for (ImportRows.Row row : rows) {
            String code = row.text("code");
            String address = row.text("address");
            String community = row.text("communityCode");
            if (code == null || !code.matches("[A-Za-z0-9_-]{1,40}")) {
                errors.add(row, "code", "地址编码必填（最多 40 位字母数字）", "code is required (up to 40 letters/digits)");
            } else if (seen.putIfAbsent(code, row.number()) != null) {
                errors.add(row, "code", "地址编码与第 " + seen.get(code) + " 行重复", "code repeats row " + seen.get(code));
            }
            if (address == null || address.length() > 300) {
                errors.add(row, "address", "地址必填且不超过 300 字", "address is required (at most 300 characters)");
            }
            Region r = community == null ? null : directory.region(community).orElse(null);
            if (r == null || r.level() != RegionLevel.COMMUNITY) {
                errors.add(row, "communityCode", "村（社区）不存在：" + community, "unknown community: " + community);
            }
            Double lon = number(row, "lon", -180, 180, errors);
            Double lat = number(row, "lat", -90, 90, errors);
            if (lon == null || lat == null || errors.hasErrors(row)) {
                continue;
            }
            GridMatch m = locator.resolve(lon, lat);
            if (m.rule() == MatchRule.OUTSIDE) {
                errors.add(row, "lon", "坐标不在本市范围内", "the point lies outside the city");
                continue;
            }
            if (m.communityCode() != null && !m.communityCode().equals(community)) {
                errors.add(row, "communityCode", "坐标位于 " + m.communityCode() + "，与所属社区 " + community + " 不一致",
                        "the point lies in " + m.communityCode() + ", not in " + community);
                continue;
            }
            valid.add(new Valid(code, address, fullName(community) + address, community, m.gridCode(), lon, lat));
        }
        errors.throwIfAny();
        Instant now = Instant.now();
        int created = 0;
        int updated = 0;
        for (Valid v : valid) {
            int n = jdbc.sql("update gov_address set address = ?, full_address = ?, community_code = ?, grid_code = ?, lon = ?, lat = ?, updated_at = ? where code = ?")
                    .params(v.address(), v.full(), v.community(), v.grid(), v.lon(), v.lat(), Timestamp.from(now), v.code()).update();
            if (n == 0) {
                jdbc.sql("insert into gov_address (code, address, full_address, community_code, grid_code, lon, lat, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(v.code(), v.address(), v.full(), v.community(), v.grid(), v.lon(), v.lat(), Timestamp.from(now)).update();
                created++;
            } else {
                updated++;
            }
        }
        ImportResult result = new ImportResult(rows.size(), created, updated, 0);
        audit.record("address.import", "address:*", true, result.summary());
        return result;
    }

    private static Double number(ImportRows.Row row, String field, double min, double max, RowErrors errors) {
        String t = row.text(field);
        try {
            double d = Double.parseDouble(t);
            if (Double.isFinite(d) && d >= min && d <= max) {
                return d;
            }
        } catch (NullPointerException | NumberFormatException e) {
            // reported below
        }
        errors.add(row, field, "应为 " + min + " 到 " + max + " 之间的数", "must be a number from " + min + " to " + max);
        return null;
    }

    /** City + district + street + community names of a community, e.g. 示例市东湖区湖滨街道柳岸社区. */
    private String fullName(String community) {
        StringBuilder sb = new StringBuilder();
        for (String code = community; code != null; ) {
            Region r = directory.region(code).orElse(null);
            if (r == null) {
                break;
            }
            sb.insert(0, r.name());
            code = r.parentCode();
        }
        return sb.toString();
    }

    /** Addresses whose full text or local part starts with {@code q}, at most {@code limit}, ordered by full address. */
    @Transactional(readOnly = true)
    public List<Address> search(String q, int limit) {
        String prefix = q.replace("\\", "").replace("%", "").replace("_", "") + "%";
        return jdbc.sql("select code, address, full_address, community_code, grid_code, lon, lat from gov_address "
                        + "where full_address like ? or address like ? order by full_address, code limit ?")
                .params(prefix, prefix, limit)
                .query((rs, i) -> new Address(rs.getString("code"), rs.getString("address"), rs.getString("full_address"),
                        rs.getString("community_code"), rs.getString("grid_code"), rs.getDouble("lon"), rs.getDouble("lat")))
                .list();
    }
}
