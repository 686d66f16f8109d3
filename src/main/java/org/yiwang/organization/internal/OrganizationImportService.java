package org.yiwang.organization.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.yiwang.audit.AuditLog;
import org.yiwang.organization.Assignment;
import org.yiwang.organization.Department;
import org.yiwang.organization.Officer;
import org.yiwang.organization.OfficersChanged;
import org.yiwang.organization.Region;
import org.yiwang.organization.RegionLevel;
import org.yiwang.organization.Roles;
import org.yiwang.shared.ids.ChineseIds;
import org.yiwang.shared.imports.ImportResult;
import org.yiwang.shared.imports.ImportRows.Row;
import org.yiwang.shared.imports.RowErrors;
import org.yiwang.shared.security.Callers;

/**
 * Imports regions, departments and officers: validates every row against the database and the rest of the
 * file, reports all row errors at once (nothing written), else upserts every row in one transaction
 * (regions by code, departments by id, officers by employee number). Requires {@code region:manage},
 * {@code department:manage} or {@code officer:manage}.
 */
@Service
public class OrganizationImportService {

    public static final String REGION_MANAGE = "region:manage";
    public static final String DEPARTMENT_MANAGE = "department:manage";
    public static final String OFFICER_MANAGE = "officer:manage";

    /** Region import fields and their accepted column aliases. */
    public static final Map<String, List<String>> REGION_FIELDS = fields(
            "code", List.of("区划代码", "统计用区划代码"),
            "name", List.of("名称", "区划名称"),
            "parentCode", List.of("parent_code", "上级代码", "上级区划代码"),
            "level", List.of("级别", "层级"));
    /** Department import fields and their accepted column aliases. */
    public static final Map<String, List<String>> DEPARTMENT_FIELDS = fields(
            "id", List.of("部门编号", "编号"),
            "name", List.of("名称", "部门名称"),
            "creditCode", List.of("credit_code", "统一社会信用代码"),
            "regionCode", List.of("region_code", "区划代码"),
            "parentId", List.of("parent_id", "上级部门", "上级部门编号"));
    /** Officer import fields and their accepted column aliases. */
    public static final Map<String, List<String>> OFFICER_FIELDS = fields(
            "employeeNo", List.of("employee_no", "工号"),
            "name", List.of("姓名"),
            "reportingTo", List.of("reporting_to", "上级工号", "上级"),
            "active", List.of("在岗"),
            "assignments", List.of("任职", "岗位"));

    static final Pattern DEPARTMENT_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    static final Pattern EMPLOYEE_NO = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final JdbcClient jdbc;
    private final JdbcOrganizationDirectory directory;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    OrganizationImportService(JdbcClient jdbc, JdbcOrganizationDirectory directory, AuditLog audit, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.audit = audit;
        this.events = events;
    }

    // ------------------------------------------------------------------ regions

    @Transactional
    public ImportResult importRegions(List<Row> rows) {
        Callers.require(REGION_MANAGE);
        Map<String, Region> existing = index(directory.regions(), Region::code);
        RowErrors errors = new RowErrors();
        Map<String, Integer> seen = new HashMap<>();
        Set<String> fileCodes = new HashSet<>();
        rows.forEach(r -> {
            if (r.text("code") != null) {
                fileCodes.add(r.text("code"));
            }
        });
        List<Region> valid = new ArrayList<>();
        for (Row row : rows) {
            String code = row.text("code");
            String name = row.text("name");
            String parentCode = row.text("parentCode");
            RegionLevel level = null;
            if (code == null) {
                errors.add(row, "code", "必须填写区划代码", "is required");
            } else if (!ChineseIds.isValidStatisticalRegionCode(code) || RegionLevel.ofCode(code) == null) {
                errors.add(row, "code", "不是有效的 12 位统计用区划代码（市/区县/街道/社区）：" + code,
                        "is not a valid 12-digit statistical region code of a city, district, street or community: " + code);
            } else if (seen.containsKey(code)) {
                errors.add(row, "code", "与第 " + seen.get(code) + " 行重复：" + code, "repeats row " + seen.get(code) + ": " + code);
            } else {
                seen.put(code, row.number());
                level = RegionLevel.ofCode(code);
            }
            checkName(errors, row, name, 100);
            if (level != null && row.text("level") != null) {
                RegionLevel given = parseLevel(row.text("level"));
                if (given == null) {
                    errors.add(row, "level", "级别应为 CITY/DISTRICT/STREET/COMMUNITY（市/区县/街道/社区）",
                            "must be CITY, DISTRICT, STREET or COMMUNITY");
                } else if (given != level) {
                    errors.add(row, "level", "与区划代码表示的级别 " + level + " 不一致", "does not match the level of the code: " + level);
                }
            }
            if (level == RegionLevel.CITY) {
                if (parentCode != null) {
                    errors.add(row, "parentCode", "市级区划不能有上级区划", "a city has no parent region");
                }
            } else if (level != null) {
                String expected = parentOf(code, level);
                if (parentCode == null) {
                    errors.add(row, "parentCode", "必须填写上级区划代码（应为 " + expected + "）", "is required (expected " + expected + ")");
                } else if (!parentCode.equals(expected)) {
                    errors.add(row, "parentCode", "上级区划必须是上一级且与代码前缀一致，应为 " + expected,
                            "the parent must be exactly one level up and share the code's prefix: expected " + expected);
                } else if (!existing.containsKey(parentCode) && !fileCodes.contains(parentCode)) {
                    errors.add(row, "parentCode", "上级区划不存在：" + parentCode, "unknown parent region: " + parentCode);
                }
            }
            if (!errors.hasErrors(row)) {
                valid.add(new Region(code, name, level, parentCode));
            }
        }
        errors.throwIfAny();

        valid.sort(Comparator.comparing(Region::level).thenComparing(Region::code));
        Timestamp now = Timestamp.from(Instant.now());
        int created = 0;
        int updated = 0;
        for (Region r : valid) {
            Region old = existing.get(r.code());
            if (old == null) {
                jdbc.sql("insert into org_region (code, name, level, parent_code, created_at, updated_at) values (?, ?, ?, ?, ?, ?)")
                        .params(r.code(), r.name(), r.level().name(), r.parentCode(), now, now).update();
                created++;
            } else if (!old.equals(r)) {
                jdbc.sql("update org_region set name = ?, level = ?, parent_code = ?, updated_at = ? where code = ?")
                        .params(r.name(), r.level().name(), r.parentCode(), now, r.code()).update();
                updated++;
            }
        }
        ImportResult result = new ImportResult(valid.size(), created, updated, valid.size() - created - updated);
        audit.record("region.import", "region:*", true, result.summary());
        return result;
    }

    static String parentOf(String code, RegionLevel level) {
        int keep = switch (level) {
            case CITY -> 0;
            case DISTRICT -> 4;
            case STREET -> 6;
            case COMMUNITY -> 9;
        };
        return (code.substring(0, keep) + "000000000000").substring(0, 12);
    }

    static RegionLevel parseLevel(String text) {
        String t = text.trim();
        for (RegionLevel l : RegionLevel.values()) {
            if (l.name().equalsIgnoreCase(t)) {
                return l;
            }
        }
        return switch (t) {
            case "市" -> RegionLevel.CITY;
            case "区", "县", "县(区)", "县（区）", "区县" -> RegionLevel.DISTRICT;
            case "街道", "镇", "乡", "镇(街道)", "镇（街道）", "乡镇" -> RegionLevel.STREET;
            case "社区", "村", "村(社区)", "村（社区）" -> RegionLevel.COMMUNITY;
            default -> null;
        };
    }

    // ------------------------------------------------------------------ departments

    @Transactional
    public ImportResult importDepartments(List<Row> rows) {
        Callers.require(DEPARTMENT_MANAGE);
        Map<String, Department> existing = index(directory.departments(), Department::id);
        Map<String, String> creditOwner = new HashMap<>();
        existing.values().forEach(d -> creditOwner.put(d.creditCode(), d.id()));
        Map<String, Region> regions = index(directory.regions(), Region::code);
        Set<String> fileIds = new HashSet<>();
        rows.forEach(r -> {
            if (r.text("id") != null) {
                fileIds.add(r.text("id"));
            }
        });
        RowErrors errors = new RowErrors();
        Map<String, Integer> seenIds = new HashMap<>();
        Map<String, Integer> seenCredit = new HashMap<>();
        Map<String, Department> valid = new LinkedHashMap<>();
        Map<String, Row> rowOf = new HashMap<>();
        Map<String, String> regionOfFileDepartment = new HashMap<>();
        for (Row row : rows) {
            String id = row.text("id");
            String name = row.text("name");
            String credit = row.text("creditCode") == null ? null : row.text("creditCode").toUpperCase(Locale.ROOT);
            String regionCode = row.text("regionCode");
            String parentId = row.text("parentId");
            if (id == null) {
                errors.add(row, "id", "必须填写部门编号", "is required");
            } else if (!DEPARTMENT_ID.matcher(id).matches()) {
                errors.add(row, "id", "部门编号只能包含小写字母、数字和 . _ -，最长 64 位", "may contain only a-z, 0-9, '.', '_', '-' (at most 64)");
            } else if (seenIds.containsKey(id)) {
                errors.add(row, "id", "与第 " + seenIds.get(id) + " 行重复：" + id, "repeats row " + seenIds.get(id) + ": " + id);
            } else {
                seenIds.put(id, row.number());
            }
            checkName(errors, row, name, 200);
            if (credit == null) {
                errors.add(row, "creditCode", "必须填写统一社会信用代码", "is required");
            } else if (!ChineseIds.isValidCreditCode(credit)) {
                errors.add(row, "creditCode", "不是有效的统一社会信用代码（GB 32100 校验失败）：" + credit,
                        "is not a valid unified social credit code (GB 32100 check failed): " + credit);
            } else if (seenCredit.containsKey(credit)) {
                errors.add(row, "creditCode", "与第 " + seenCredit.get(credit) + " 行的统一社会信用代码重复",
                        "repeats the credit code of row " + seenCredit.get(credit));
            } else {
                seenCredit.put(credit, row.number());
                String owner = creditOwner.get(credit);
                if (owner != null && !owner.equals(id) && !fileIds.contains(owner)) {
                    errors.add(row, "creditCode", "该统一社会信用代码已属于部门 " + owner, "already belongs to department " + owner);
                }
            }
            Region region = regionCode == null ? null : regions.get(regionCode);
            if (regionCode == null) {
                errors.add(row, "regionCode", "必须填写所在区划代码", "is required");
            } else if (region == null) {
                errors.add(row, "regionCode", "区划不存在：" + regionCode, "unknown region: " + regionCode);
            } else if (region.level() == RegionLevel.COMMUNITY) {
                errors.add(row, "regionCode", "委办局只能设在市、区县或街道一级", "departments exist at city, district or street level only");
            }
            if (parentId != null && parentId.equals(id)) {
                errors.add(row, "parentId", "上级部门不能是自身", "cannot be the department itself");
            } else if (parentId != null && !existing.containsKey(parentId) && !fileIds.contains(parentId)) {
                errors.add(row, "parentId", "上级部门不存在：" + parentId, "unknown department: " + parentId);
            }
            if (id != null && region != null) {
                regionOfFileDepartment.put(id, regionCode);
            }
            if (!errors.hasErrors(row)) {
                valid.put(id, new Department(id, name, credit, regionCode, region.level(), parentId));
                rowOf.put(id, row);
            }
        }
        // the parent must serve the same region or one above it, and parent lines must not loop
        Map<String, String> parentOf = new HashMap<>();
        existing.values().forEach(d -> parentOf.put(d.id(), d.parentId()));
        valid.values().forEach(d -> parentOf.put(d.id(), d.parentId()));
        for (Department d : valid.values()) {
            if (d.parentId() == null) {
                continue;
            }
            Row row = rowOf.get(d.id());
            String parentRegion = regionOfFileDepartment.containsKey(d.parentId()) ? regionOfFileDepartment.get(d.parentId())
                    : existing.containsKey(d.parentId()) ? existing.get(d.parentId()).regionCode() : null;
            if (parentRegion != null && !d.regionCode().startsWith(ChineseIds.regionPrefix(parentRegion))) {
                errors.add(row, "parentId", "上级部门所在区划 " + parentRegion + " 不包含本部门的区划",
                        "the parent department's region " + parentRegion + " does not contain this department's region");
            }
            List<String> cycle = cycleFrom(d.id(), parentOf);
            if (cycle != null) {
                errors.add(row, "parentId", "上级部门形成循环：" + String.join(" → ", cycle), "the parent line loops: " + String.join(" -> ", cycle));
            }
        }
        errors.throwIfAny();

        Timestamp now = Timestamp.from(Instant.now());
        int created = 0;
        int updated = 0;
        for (Department d : valid.values()) {
            Department old = existing.get(d.id());
            if (old == null) {
                jdbc.sql("""
                        insert into org_department (id, name, credit_code, region_code, level, parent_id, created_at, updated_at)
                        values (?, ?, ?, ?, ?, null, ?, ?)""")
                        .params(d.id(), d.name(), tempCredit(d, existing, valid), d.regionCode(), d.level().name(), now, now).update();
                created++;
            } else if (!old.equals(d)) {
                jdbc.sql("update org_department set name = ?, credit_code = ?, region_code = ?, level = ?, updated_at = ? where id = ?")
                        .params(d.name(), tempCredit(d, existing, valid), d.regionCode(), d.level().name(), now, d.id()).update();
                updated++;
            }
        }
        // second pass: final credit codes (swaps between departments of the same file) and parent lines
        for (Department d : valid.values()) {
            Department old = existing.get(d.id());
            if (old == null || !old.equals(d)) {
                jdbc.sql("update org_department set credit_code = ?, parent_id = ? where id = ?")
                        .params(d.creditCode(), d.parentId(), d.id()).update();
            }
        }
        ImportResult result = new ImportResult(valid.size(), created, updated, valid.size() - created - updated);
        audit.record("department.import", "department:*", true, result.summary());
        return result;
    }

    /**
     * The credit code to write in the first pass: the real one, unless another department of this file
     * currently holds it (it moves in the second pass); then a unique placeholder.
     */
    private static String tempCredit(Department d, Map<String, Department> existing, Map<String, Department> valid) {
        boolean heldByOther = existing.values().stream().anyMatch(o -> o.creditCode().equals(d.creditCode()) && !o.id().equals(d.id()));
        if (!heldByOther) {
            return d.creditCode();
        }
        return "~" + UUID.randomUUID().toString().replace("-", "").substring(0, 17);
    }

    // ------------------------------------------------------------------ officers

    /** An assignment as read from a row, with its path for errors. */
    record ParsedAssignment(String departmentId, String regionCode, Set<String> roles) {
    }

    @Transactional
    public ImportResult importOfficers(List<Row> rows) {
        Callers.require(OFFICER_MANAGE);
        List<Officer> officers = directory.officers();
        Map<String, Officer> existing = index(officers, Officer::employeeNo);
        Map<String, String> employeeNoOfId = new HashMap<>();
        officers.forEach(o -> employeeNoOfId.put(o.id(), o.employeeNo()));
        Map<String, List<Assignment>> existingAssignments = directory.assignmentsByOfficer(officers.stream().map(Officer::id).toList());
        Map<String, Department> departments = index(directory.departments(), Department::id);
        Map<String, Region> regions = index(directory.regions(), Region::code);
        Set<String> fileNos = new HashSet<>();
        rows.forEach(r -> {
            if (r.text("employeeNo") != null) {
                fileNos.add(r.text("employeeNo"));
            }
        });

        RowErrors errors = new RowErrors();
        Map<String, Integer> seen = new HashMap<>();
        record Valid(String employeeNo, String name, String reportingTo, boolean active, List<Assignment> assignments, Row row) {
        }
        Map<String, Valid> valid = new LinkedHashMap<>();
        for (Row row : rows) {
            String no = row.text("employeeNo");
            String name = row.text("name");
            String reportingTo = row.text("reportingTo");
            if (no == null) {
                errors.add(row, "employeeNo", "必须填写工号", "is required");
            } else if (!EMPLOYEE_NO.matcher(no).matches()) {
                errors.add(row, "employeeNo", "工号只能包含字母、数字和 . _ -，最长 64 位", "may contain only letters, digits, '.', '_', '-' (at most 64)");
            } else if (seen.containsKey(no)) {
                errors.add(row, "employeeNo", "与第 " + seen.get(no) + " 行重复：" + no, "repeats row " + seen.get(no) + ": " + no);
            } else {
                seen.put(no, row.number());
            }
            checkName(errors, row, name, 100);
            Boolean active = parseBoolean(row.text("active"));
            if (row.text("active") != null && active == null) {
                errors.add(row, "active", "应为 true/false（是/否）", "must be true or false");
            }
            if (reportingTo != null && reportingTo.equals(no)) {
                errors.add(row, "reportingTo", "上级不能是本人", "an officer cannot report to themself");
            } else if (reportingTo != null && !existing.containsKey(reportingTo) && !fileNos.contains(reportingTo)) {
                errors.add(row, "reportingTo", "上级工号不存在：" + reportingTo, "unknown employee number: " + reportingTo);
            }
            List<Assignment> assignments = parseAssignments(row, errors, departments, regions);
            if (!errors.hasErrors(row)) {
                valid.put(no, new Valid(no, name, reportingTo, active == null || active, assignments, row));
            }
        }
        // reporting lines must not loop (existing lines, replaced by the file's)
        Map<String, String> boss = new HashMap<>();
        officers.forEach(o -> boss.put(o.employeeNo(), employeeNoOfId.get(o.reportingToId())));
        valid.values().forEach(v -> boss.put(v.employeeNo(), v.reportingTo()));
        for (Valid v : valid.values()) {
            List<String> cycle = cycleFrom(v.employeeNo(), boss);
            if (cycle != null) {
                errors.add(v.row(), "reportingTo", "上级关系形成循环：" + String.join(" → ", cycle),
                        "the reporting line loops: " + String.join(" -> ", cycle));
            }
        }
        errors.throwIfAny();

        Timestamp now = Timestamp.from(Instant.now());
        int created = 0;
        int updated = 0;
        Map<String, String> idOf = new HashMap<>();
        officers.forEach(o -> idOf.put(o.employeeNo(), o.id()));
        Set<String> changed = new LinkedHashSet<>();
        for (Valid v : valid.values()) {
            Officer old = existing.get(v.employeeNo());
            if (old == null) {
                String id = UUID.randomUUID().toString();
                idOf.put(v.employeeNo(), id);
                jdbc.sql("insert into org_officer (id, name, employee_no, reporting_to_id, active, created_at, updated_at) values (?, ?, ?, null, ?, ?, ?)")
                        .params(id, v.name(), v.employeeNo(), v.active(), now, now).update();
                changed.add(id);
                created++;
            } else {
                String oldBoss = employeeNoOfId.get(old.reportingToId());
                boolean same = old.name().equals(v.name()) && old.active() == v.active() && Objects.equals(oldBoss, v.reportingTo())
                        && new HashSet<>(existingAssignments.getOrDefault(old.id(), List.of())).equals(new HashSet<>(v.assignments()));
                if (!same) {
                    jdbc.sql("update org_officer set name = ?, active = ?, updated_at = ? where id = ?")
                            .params(v.name(), v.active(), now, old.id()).update();
                    changed.add(old.id());
                    updated++;
                }
            }
        }
        for (Valid v : valid.values()) {
            String id = idOf.get(v.employeeNo());
            if (!changed.contains(id)) {
                continue;
            }
            jdbc.sql("update org_officer set reporting_to_id = ? where id = ?")
                    .params(v.reportingTo() == null ? null : idOf.get(v.reportingTo()), id).update();
            jdbc.sql("delete from org_assignment where officer_id = ?").param(id).update();
            for (Assignment a : v.assignments()) {
                for (String role : new TreeSet<>(a.roles())) {
                    jdbc.sql("insert into org_assignment (officer_id, department_id, region_code, role_code) values (?, ?, ?, ?)")
                            .params(id, a.departmentId(), a.regionCode(), role).update();
                }
            }
        }
        ImportResult result = new ImportResult(valid.size(), created, updated, valid.size() - created - updated);
        audit.record("officer.import", "officer:*", true, result.summary());
        if (!changed.isEmpty()) {
            events.publishEvent(new OfficersChanged(changed));
        }
        return result;
    }

    /**
     * Reads a row's assignments: in CSV {@code departmentId@regionCode:ROLE|ROLE;...}; in JSON either that text
     * or an array of {@code {"departmentId", "regionCode", "roles": [...]}}.
     */
    static List<Assignment> parseAssignments(Row row, RowErrors errors, Map<String, Department> departments, Map<String, Region> regions) {
        List<Object[]> raw = new ArrayList<>(); // {departmentId, regionCode, roles (List<String>)}
        Object value = row.raw("assignments");
        if (value instanceof List<?> list) {
            int i = 0;
            for (Object item : list) {
                i++;
                String path = row.path("assignments") + "[" + i + "]";
                if (!(item instanceof Map<?, ?> m)) {
                    errors.add(row.number(), path, "应为 {departmentId, regionCode, roles}", "must be an object {departmentId, regionCode, roles}");
                    raw.add(null);
                    continue;
                }
                Object roles = m.get("roles");
                List<String> roleList = new ArrayList<>();
                if (roles instanceof List<?> rl) {
                    rl.forEach(r -> roleList.add(String.valueOf(r)));
                } else if (roles != null) {
                    roleList.addAll(List.of(String.valueOf(roles).split("[|,+\\s]+")));
                }
                raw.add(new Object[] {str(m.get("departmentId")), str(m.get("regionCode")), roleList});
            }
        } else if (row.text("assignments") != null) {
            for (String part : row.text("assignments").split(";")) {
                if (part.isBlank()) {
                    continue;
                }
                String p = part.trim();
                int at = p.indexOf('@');
                int colon = p.indexOf(':', Math.max(at, 0));
                if (at <= 0 || colon < at) {
                    raw.add(new Object[] {null, null, null, p});
                    continue;
                }
                raw.add(new Object[] {p.substring(0, at).trim(), p.substring(at + 1, colon).trim(),
                        List.of(p.substring(colon + 1).trim().split("\\s*[|,+]\\s*"))});
            }
        } else if (value != null && !(value instanceof String)) {
            errors.add(row, "assignments", "应为任职数组", "must be an array of assignments");
        }
        List<Assignment> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int i = 0;
        for (Object[] a : raw) {
            i++;
            String path = row.path("assignments") + "[" + i + "]";
            if (a == null) {
                continue;
            }
            if (a.length == 4) {
                errors.add(row.number(), path, "格式应为 部门编号@区划代码:角色|角色，多项以 ; 分隔：" + a[3],
                        "must read departmentId@regionCode:ROLE|ROLE, several separated by ';': " + a[3]);
                continue;
            }
            String departmentId = (String) a[0];
            String regionCode = (String) a[1];
            @SuppressWarnings("unchecked")
            List<String> roles = (List<String>) a[2];
            Department department = departmentId == null ? null : departments.get(departmentId);
            boolean ok = true;
            if (department == null) {
                errors.add(row.number(), path + ".departmentId", departmentId == null ? "必须填写部门编号" : "部门不存在：" + departmentId,
                        departmentId == null ? "is required" : "unknown department: " + departmentId);
                ok = false;
            }
            if (regionCode == null || !regions.containsKey(regionCode)) {
                errors.add(row.number(), path + ".regionCode", regionCode == null ? "必须填写区划代码" : "区划不存在：" + regionCode,
                        regionCode == null ? "is required" : "unknown region: " + regionCode);
                ok = false;
            } else if (department != null && !regionCode.startsWith(ChineseIds.regionPrefix(department.regionCode()))) {
                errors.add(row.number(), path + ".regionCode", "区划 " + regionCode + " 不在部门 " + department.id() + " 的辖区内",
                        "region " + regionCode + " lies outside the area of department " + department.id());
                ok = false;
            }
            Set<String> roleSet = new TreeSet<>();
            for (String r : roles) {
                String code = r.trim().toUpperCase(Locale.ROOT);
                if (code.isEmpty()) {
                    continue;
                }
                if (!Roles.ALL.contains(code)) {
                    errors.add(row.number(), path + ".roles", "未知角色：" + r.trim() + "（可用：" + String.join("、", Roles.ORDERED) + "）",
                            "unknown role: " + r.trim() + " (known: " + String.join(", ", Roles.ORDERED) + ")");
                    ok = false;
                }
                roleSet.add(code);
            }
            if (roleSet.isEmpty()) {
                errors.add(row.number(), path + ".roles", "至少需要一个角色", "at least one role is required");
                ok = false;
            }
            if (ok && !seen.add(departmentId + "@" + regionCode)) {
                errors.add(row.number(), path, "重复的任职：" + departmentId + "@" + regionCode, "repeated assignment: " + departmentId + "@" + regionCode);
                ok = false;
            }
            if (ok) {
                result.add(new Assignment(departmentId, regionCode, roleSet));
            }
        }
        return result;
    }

    // ------------------------------------------------------------------ helpers

    private static String str(Object o) {
        if (o == null) {
            return null;
        }
        String s = o.toString().trim();
        return s.isEmpty() ? null : s;
    }

    static Boolean parseBoolean(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "y", "是", "在岗" -> Boolean.TRUE;
            case "false", "0", "no", "n", "否", "离岗" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static void checkName(RowErrors errors, Row row, String name, int max) {
        if (name == null) {
            errors.add(row, "name", "必须填写名称", "is required");
        } else if (name.codePointCount(0, name.length()) > max) {
            errors.add(row, "name", "最长 " + max + " 个字符", "must be at most " + max + " characters");
        }
    }

    /** The loop through {@code start} in a parent map, as a path start → … → start, or null when there is none. */
    static List<String> cycleFrom(String start, Map<String, String> parentOf) {
        List<String> path = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        String current = start;
        while (current != null && visited.add(current)) {
            path.add(current);
            current = parentOf.get(current);
        }
        if (current != null && current.equals(start)) {
            path.add(start);
            return path;
        }
        return null;
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(i -> map.put(key.apply(i), i));
        return map;
    }

    private static Map<String, List<String>> fields(Object... pairs) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> aliases = (List<String>) pairs[i + 1];
            map.put((String) pairs[i], aliases);
        }
        return map;
    }
}
