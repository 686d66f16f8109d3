package org.yiwang.governance.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.yiwang.audit.AuditLog;
import org.yiwang.calendar.WorkingCalendar;
import org.yiwang.governance.DeadlineUnit;
import org.yiwang.governance.EventCatalog;
import org.yiwang.governance.EventClass;
import org.yiwang.governance.EventKind;
import org.yiwang.organization.Department;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.organization.Region;
import org.yiwang.organization.RegionLevel;
import org.yiwang.shared.imports.ImportResult;
import org.yiwang.shared.imports.ImportRows;
import org.yiwang.shared.imports.RowErrors;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/**
 * The event catalog and 事权清单: {@link EventCatalog} reads, imports and edits (edits need {@code region:manage},
 * audited).
 */
@Service
public class EventCatalogService implements EventCatalog {

    public static final String MANAGE = "region:manage";

    public static final Map<String, List<String>> CLASS_FIELDS = ordered(
            "code", List.of("编码", "分类编码"), "name", List.of("名称", "小类名称"),
            "filingCondition", List.of("立案条件"), "deadlineAmount", List.of("处置时限"),
            "deadlineUnit", List.of("时限单位"), "closingCondition", List.of("结案条件"), "active", List.of("启用"));
    public static final Map<String, List<String>> RULE_FIELDS = ordered(
            "classCode", List.of("分类编码"), "regionCode", List.of("区划代码"), "regionLevel", List.of("区划级别"),
            "departmentType", List.of("部门类型"), "departmentId", List.of("部门编号"));

    /** A 事权清单 rule. */
    public record Rule(String classCode, String regionCode, RegionLevel regionLevel, String departmentType, String departmentId) {
    }

    /** Editable fields of a class. */
    public record ClassEdit(String name, String filingCondition, Integer deadlineAmount, String deadlineUnit, String closingCondition,
                            Boolean active) {
    }

    private final JdbcClient jdbc;
    private final OrganizationDirectory directory;
    private final WorkingCalendar calendar;
    private final AuditLog audit;

    EventCatalogService(JdbcClient jdbc, OrganizationDirectory directory, WorkingCalendar calendar, AuditLog audit) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.calendar = calendar;
        this.audit = audit;
    }

    private static Map<String, List<String>> ordered(Object... kv) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            @SuppressWarnings("unchecked") List<String> aliases = (List<String>) kv[i + 1];
            m.put((String) kv[i], aliases);
        }
        return m;
    }

    private static final String SELECT = "select c.code, c.kind, c.major_code, m.name as major_name, c.minor_code, c.name, c.filing_condition, "
            + "c.deadline_amount, c.deadline_unit, c.closing_condition, c.active from gov_event_class c "
            + "join gov_event_major m on m.kind = c.kind and m.code = c.major_code ";

    private static EventClass row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new EventClass(rs.getString("code"), EventKind.valueOf(rs.getString("kind")), rs.getString("major_code"),
                rs.getString("major_name"), rs.getString("minor_code"), rs.getString("name"), rs.getString("filing_condition"),
                rs.getInt("deadline_amount"), DeadlineUnit.valueOf(rs.getString("deadline_unit")), rs.getString("closing_condition"),
                rs.getBoolean("active"));
    }

    @Override
    public Optional<EventClass> find(String classCode) {
        return jdbc.sql(SELECT + "where c.code = ?").param(classCode).query((rs, i) -> row(rs)).optional();
    }

    @Override
    public List<EventClass> list() {
        return jdbc.sql(SELECT + "order by c.code").query((rs, i) -> row(rs)).list();
    }

    /** 大类 names by kind and code. */
    public Map<String, String> majors() {
        Map<String, String> m = new LinkedHashMap<>();
        jdbc.sql("select kind, code, name from gov_event_major order by kind, code")
                .query(rs -> {
                    m.put(rs.getString("kind") + ":" + rs.getString("code"), rs.getString("name"));
                });
        return m;
    }

    public List<Rule> rules(String classCode) {
        return jdbc.sql("select class_code, region_code, region_level, department_type, department_id from gov_responsibility_rule "
                        + "where class_code = ? order by region_level, region_code, department_id").param(classCode)
                .query((rs, i) -> new Rule(rs.getString("class_code"), rs.getString("region_code"),
                        rs.getString("region_level") == null ? null : RegionLevel.valueOf(rs.getString("region_level")),
                        rs.getString("department_type"), rs.getString("department_id"))).list();
    }

    @Override
    public Optional<String> responsibleDepartment(String classCode, String regionCode) {
        List<Rule> rules = rules(classCode);
        if (rules.isEmpty() || regionCode == null) {
            return Optional.empty();
        }
        List<Region> chain = new ArrayList<>(); // region … city
        for (String code = regionCode; code != null; ) {
            Region r = directory.region(code).orElse(null);
            if (r == null) {
                break;
            }
            chain.add(r);
            code = r.parentCode();
        }
        if (chain.isEmpty()) {
            return Optional.empty();
        }
        List<Department> departments = directory.departments();
        String best = null;
        int bestDepth = -1;
        boolean bestExplicit = false;
        for (Rule rule : rules) {
            for (int i = 0; i < chain.size(); i++) {
                Region at = chain.get(i);
                int depth = chain.size() - 1 - i;
                String dept = null;
                boolean explicit = rule.regionCode() != null;
                if (explicit && rule.regionCode().equals(at.code())) {
                    dept = rule.departmentId();
                } else if (!explicit && rule.regionLevel() == at.level()) {
                    dept = departmentOfType(departments, at, rule.departmentType());
                }
                if (dept != null && (depth > bestDepth || (depth == bestDepth && explicit && !bestExplicit))) {
                    best = dept;
                    bestDepth = depth;
                    bestExplicit = explicit;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The department serving exactly {@code region} whose name ends with {@code type} (shortest name first). */
    static String departmentOfType(List<Department> departments, Region region, String type) {
        return departments.stream().filter(d -> d.regionCode().equals(region.code()) && d.name().endsWith(type))
                .min(Comparator.comparingInt((Department d) -> d.name().length()).thenComparing(Department::id))
                .map(Department::id).orElse(null);
    }

    @Override
    public Instant deadline(String classCode, Instant dispatchedAt) {
        EventClass c = find(classCode).orElseThrow(() -> new IllegalArgumentException("Unknown event class: " + classCode));
        return c.deadlineUnit() == DeadlineUnit.WORKING_HOURS
                ? calendar.addWorkingHours(dispatchedAt, Duration.ofHours(c.deadlineAmount()))
                : calendar.addWorkingDays(dispatchedAt, c.deadlineAmount());
    }

    private record ValidClass(String code, EventKind kind, String major, String minor, String name, String filing, int amount,
                              DeadlineUnit unit, String closing, boolean active) {
    }

    /** Validates a class's fields; adds violations (field names relative) via {@code bad}. */
    private ValidClass validate(String code, String name, String filing, String amountText, String unitText, String closing,
                                String activeText, java.util.function.BiConsumer<String, String[]> bad) {
        EventKind kind = EventKind.ofCode(code);
        String major = null;
        String minor = null;
        if (code == null || kind == null || !code.matches("[CE]\\d{4}") || code.endsWith("00")) {
            bad.accept("code", new String[]{"分类编码应为 C（部件）或 E（事件）+ 大类 2 位 + 小类 2 位，如 E0101",
                    "the class code must be C (component) or E (event) + 2-digit major + 2-digit minor, e.g. E0101"});
        } else {
            major = code.substring(1, 3);
            minor = code.substring(3, 5);
            if (!majors().containsKey(kind.name() + ":" + major)) {
                bad.accept("code", new String[]{"大类 " + major + " 不存在", "unknown major class " + major});
            }
        }
        if (name == null || name.length() > 100) {
            bad.accept("name", new String[]{"名称必填且不超过 100 字", "name is required (at most 100 characters)"});
        }
        if (filing == null || filing.length() > 1000) {
            bad.accept("filingCondition", new String[]{"立案条件必填且不超过 1000 字", "filing condition is required (at most 1000 characters)"});
        }
        if (closing == null || closing.length() > 1000) {
            bad.accept("closingCondition", new String[]{"结案条件必填且不超过 1000 字", "closing condition is required (at most 1000 characters)"});
        }
        int amount = 0;
        try {
            amount = Integer.parseInt(amountText == null ? "" : amountText.trim());
        } catch (NumberFormatException e) {
            amount = 0;
        }
        if (amount < 1 || amount > 1000) {
            bad.accept("deadlineAmount", new String[]{"处置时限应为 1 到 1000 的整数", "the time limit must be a whole number from 1 to 1000"});
        }
        DeadlineUnit unit = null;
        try {
            unit = DeadlineUnit.valueOf(unitText == null ? "" : unitText.trim());
        } catch (IllegalArgumentException e) {
            bad.accept("deadlineUnit", new String[]{"时限单位应为 WORKING_HOURS 或 WORKING_DAYS", "the unit must be WORKING_HOURS or WORKING_DAYS"});
        }
        boolean active = true;
        if (activeText != null) {
            if (!activeText.equalsIgnoreCase("true") && !activeText.equalsIgnoreCase("false")) {
                bad.accept("active", new String[]{"应为 true 或 false", "must be true or false"});
            }
            active = Boolean.parseBoolean(activeText);
        }
        return new ValidClass(code, kind, major, minor, name, filing, amount, unit, closing, active);
    }

    /** Upserts classes (CSV/JSON rows); all rows validated first. */
    @Transactional
    public ImportResult importClasses(List<ImportRows.Row> rows) {
        Callers.require(MANAGE);
        RowErrors errors = new RowErrors();
        List<ValidClass> valid = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (ImportRows.Row row : rows) {
            ValidClass v = validate(row.text("code"), row.text("name"), row.text("filingCondition"), row.text("deadlineAmount"),
                    row.text("deadlineUnit"), row.text("closingCondition"), row.text("active"),
                    (field, msg) -> errors.add(row, field, msg[0], msg[1]));
            if (v.code() != null && seen.putIfAbsent(v.code(), row.number()) != null) {
                errors.add(row, "code", "分类编码与第 " + seen.get(v.code()) + " 行重复", "code repeats row " + seen.get(v.code()));
            }
            valid.add(v);
        }
        errors.throwIfAny();
        int created = 0;
        for (ValidClass v : valid) {
            if (write(v)) {
                created++;
            }
        }
        ImportResult result = new ImportResult(rows.size(), created, rows.size() - created, 0);
        audit.record("event-class.import", "event-class:*", true, result.summary());
        return result;
    }

    private boolean write(ValidClass v) {
        Timestamp now = Timestamp.from(Instant.now());
        int n = jdbc.sql("update gov_event_class set name = ?, filing_condition = ?, deadline_amount = ?, deadline_unit = ?, "
                        + "closing_condition = ?, active = ?, updated_at = ? where code = ?")
                .params(v.name(), v.filing(), v.amount(), v.unit().name(), v.closing(), v.active(), now, v.code()).update();
        if (n == 0) {
            jdbc.sql("insert into gov_event_class (code, kind, major_code, minor_code, name, filing_condition, deadline_amount, "
                            + "deadline_unit, closing_condition, active, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(v.code(), v.kind().name(), v.major(), v.minor(), v.name(), v.filing(), v.amount(), v.unit().name(),
                            v.closing(), v.active(), now).update();
            return true;
        }
        return false;
    }

    /** Creates or replaces one class (PUT); 400 naming each bad field. */
    @Transactional
    public EventClass put(String code, ClassEdit edit) {
        Callers.require(MANAGE);
        List<FieldViolation> bad = new ArrayList<>();
        ValidClass v = validate(code, trim(edit.name()), trim(edit.filingCondition()),
                edit.deadlineAmount() == null ? null : edit.deadlineAmount().toString(), edit.deadlineUnit(), trim(edit.closingCondition()),
                edit.active() == null ? null : edit.active().toString(),
                (field, msg) -> bad.add(new FieldViolation(field, msg[0], msg[1])));
        if (!bad.isEmpty()) {
            throw ProblemException.invalidFields(bad);
        }
        EventClass before = find(code).orElse(null);
        boolean created = write(v);
        EventClass after = find(code).orElseThrow();
        audit.record(created ? "event-class.create" : "event-class.update", "event-class:" + code, true,
                before == null ? "created" : "before=" + before.name() + "/" + before.deadlineAmount() + " " + before.deadlineUnit()
                        + " after=" + after.name() + "/" + after.deadlineAmount() + " " + after.deadlineUnit());
        return after;
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /**
     * Imports 事权清单 rules: every class named in the file gets exactly the file's rules (its other rules are
     * removed). A row names either {@code regionCode} + {@code departmentId} or {@code regionLevel} + {@code departmentType}.
     */
    @Transactional
    public ImportResult importRules(List<ImportRows.Row> rows) {
        Callers.require(MANAGE);
        RowErrors errors = new RowErrors();
        List<Rule> valid = new ArrayList<>();
        Set<String> classes = new LinkedHashSet<>();
        for (ImportRows.Row row : rows) {
            String cls = row.text("classCode");
            String region = row.text("regionCode");
            String level = row.text("regionLevel");
            String type = row.text("departmentType");
            String dept = row.text("departmentId");
            if (cls == null || find(cls).isEmpty()) {
                errors.add(row, "classCode", "分类不存在：" + cls, "unknown class: " + cls);
            }
            RegionLevel lvl = null;
            if (region != null) {
                Region r = directory.region(region).orElse(null);
                if (r == null) {
                    errors.add(row, "regionCode", "区划不存在：" + region, "unknown region: " + region);
                }
                if (level != null || type != null) {
                    errors.add(row, "regionLevel", "指定区划时不填级别和部门类型", "give either regionCode + departmentId or regionLevel + departmentType");
                }
                Department d = dept == null ? null : directory.department(dept).orElse(null);
                if (d == null) {
                    errors.add(row, "departmentId", "部门不存在：" + dept, "unknown department: " + dept);
                }
            } else {
                try {
                    lvl = RegionLevel.valueOf(level == null ? "" : level);
                    if (lvl == RegionLevel.COMMUNITY) {
                        errors.add(row, "regionLevel", "级别应为 CITY、DISTRICT 或 STREET", "level must be CITY, DISTRICT or STREET");
                    }
                } catch (IllegalArgumentException e) {
                    errors.add(row, "regionLevel", "应填区划代码，或级别 CITY/DISTRICT/STREET", "give a regionCode, or a level CITY/DISTRICT/STREET");
                }
                if (type == null || type.length() > 100) {
                    errors.add(row, "departmentType", "按级别规定时须填部门类型（如 城市管理局）", "a level rule needs a department type (e.g. 城市管理局)");
                }
                if (dept != null) {
                    errors.add(row, "departmentId", "按级别规定时不填部门编号", "a level rule takes a department type, not an id");
                }
            }
            if (!errors.hasErrors(row)) {
                valid.add(new Rule(cls, region, lvl, region == null ? type : null, region == null ? null : dept));
                classes.add(cls);
            }
        }
        errors.throwIfAny();
        for (String c : classes) {
            jdbc.sql("delete from gov_responsibility_rule where class_code = ?").param(c).update();
        }
        for (Rule r : valid) {
            jdbc.sql("insert into gov_responsibility_rule (id, class_code, region_code, region_level, department_id, department_type) values (?, ?, ?, ?, ?, ?)")
                    .params(UUID.randomUUID().toString(), r.classCode(), r.regionCode(), r.regionLevel() == null ? null : r.regionLevel().name(),
                            r.departmentId(), r.departmentType()).update();
        }
        ImportResult result = new ImportResult(rows.size(), rows.size(), 0, 0);
        audit.record("responsibility-rule.import", "event-class:" + String.join(",", classes), true, result.summary());
        return result;
    }
}
