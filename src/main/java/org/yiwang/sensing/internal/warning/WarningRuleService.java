package org.yiwang.sensing.internal.warning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import org.yiwang.audit.AuditLog;
import org.yiwang.governance.EventCatalog;
import org.yiwang.governance.EventClass;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.sensing.AlertLevel;
import org.yiwang.sensing.Device;
import org.yiwang.sensing.internal.DeviceService;
import org.yiwang.sensing.internal.DeviceType;
import org.yiwang.shared.idempotency.IdempotencyService;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/**
 * Warning rules as data (预警规则): validation, storage and the in-memory copy the {@link AlertEngine} evaluates.
 * After the commit of a rule change the engine re-reads the rules ({@link #onChange}).
 */
@Service
public class WarningRuleService {

    static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{2,63}");
    static final int MAX_SECONDS = 7 * 24 * 3600;
    private static final String COLUMNS = "id, name_zh, name_en, kind, type_code, metric, device_id, area_code, direction, blue_threshold,"
            + " yellow_threshold, orange_threshold, red_threshold, hold_seconds, window_seconds, min_count, hysteresis, recover_seconds,"
            + " event_class_code, enabled, updated_at, updated_by";

    /** A rule as created or updated through the API. */
    public record RuleRequest(String id, String nameZh, String nameEn, String kind, String typeCode, String metric, String deviceId,
                              String areaCode, String direction, Map<String, Double> thresholds, Integer holdSeconds,
                              Integer windowSeconds, Integer minCount, Double hysteresis, Integer recoverSeconds,
                              String eventClassCode, Boolean enabled) {
    }

    private final JdbcTemplate jdbc;
    private final DeviceService devices;
    private final EventCatalog catalog;
    private final OrganizationDirectory organization;
    private final IdempotencyService idempotency;
    private final AuditLog audit;
    private volatile Runnable onChange = () -> { };

    WarningRuleService(JdbcTemplate jdbc, DeviceService devices, EventCatalog catalog, OrganizationDirectory organization,
                       IdempotencyService idempotency, AuditLog audit) {
        this.jdbc = jdbc;
        this.devices = devices;
        this.catalog = catalog;
        this.organization = organization;
        this.idempotency = idempotency;
        this.audit = audit;
    }

    public List<WarningRule> all() {
        return jdbc.query("select " + COLUMNS + " from sensing_warning_rule order by id", WarningRuleService::map);
    }

    public Optional<WarningRule> find(String id) {
        return jdbc.query("select " + COLUMNS + " from sensing_warning_rule where id = ?", WarningRuleService::map, id).stream().findFirst();
    }

    /** Creates a rule (409 {@code rule-exists} for a taken id; a repeated Idempotency-Key returns the first rule). */
    @Transactional
    public WarningRule create(Caller caller, RuleRequest req, String idempotencyKey) {
        String fingerprint = IdempotencyService.fingerprint(String.valueOf(req));
        IdempotencyService.Outcome out = idempotency.execute("warning-rule", idempotencyKey, caller.accountId(), fingerprint, () -> {
            WarningRule rule = validate(req, req.id(), caller);
            if (find(rule.id()).isPresent()) {
                throw ProblemException.conflict("rule-exists", "预警规则编号已存在：" + rule.id(), "Warning rule id already exists: " + rule.id());
            }
            jdbc.update("insert into sensing_warning_rule (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", params(rule));
            audit.record("warning-rule.create", "warning-rule:" + rule.id(), true, rule.kind() + " " + rule.typeCode() + "/" + rule.metric());
            changed();
            return rule.id();
        });
        return find(out.resourceId()).orElseThrow();
    }

    /** Replaces a rule's definition (404 for an unknown id). */
    @Transactional
    public WarningRule update(Caller caller, String id, RuleRequest req) {
        if (find(id).isEmpty()) {
            throw ProblemException.notFound("预警规则", id);
        }
        WarningRule rule = validate(req, id, caller);
        Object[] p = params(rule);
        Object[] shifted = new Object[p.length];
        System.arraycopy(p, 1, shifted, 0, p.length - 1);
        shifted[p.length - 1] = id;
        jdbc.update("update sensing_warning_rule set name_zh = ?, name_en = ?, kind = ?, type_code = ?, metric = ?, device_id = ?,"
                + " area_code = ?, direction = ?, blue_threshold = ?, yellow_threshold = ?, orange_threshold = ?, red_threshold = ?,"
                + " hold_seconds = ?, window_seconds = ?, min_count = ?, hysteresis = ?, recover_seconds = ?, event_class_code = ?,"
                + " enabled = ?, updated_at = ?, updated_by = ? where id = ?", shifted);
        audit.record("warning-rule.update", "warning-rule:" + id, true, rule.kind() + " enabled=" + rule.enabled());
        changed();
        return find(id).orElseThrow();
    }

    /** Runs {@code hook} after the commit of every rule change (the engine reloads). */
    void onChange(Runnable hook) {
        this.onChange = hook;
    }

    private void changed() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    onChange.run();
                }
            });
        } else {
            onChange.run();
        }
    }

    private static Object[] params(WarningRule r) {
        Double[] t = r.thresholds();
        return new Object[] {r.id(), r.nameZh(), r.nameEn(), r.kind().name(), r.typeCode(), r.metric(), r.deviceId(), r.areaCode(),
                r.direction().name(), t[0], t[1], t[2], t[3], r.holdSeconds(), r.windowSeconds(), r.minCount(), r.hysteresis(),
                r.recoverSeconds(), r.eventClassCode(), r.enabled(), r.updatedAt().atOffset(ZoneOffset.UTC), r.updatedBy()};
    }

    /** Checks a request; every problem is named by its field (problem+json, zh-CN and English). */
    WarningRule validate(RuleRequest req, String id, Caller caller) {
        List<FieldViolation> bad = new ArrayList<>();
        if (id == null || !RULE_ID.matcher(id).matches()) {
            bad.add(new FieldViolation("id", "须为 3–64 位小写字母、数字、- 或 _", "must be 3–64 lower-case letters, digits, - or _"));
        }
        String nameZh = trim(req.nameZh());
        String nameEn = trim(req.nameEn());
        if (nameZh == null || nameZh.length() > 200) {
            bad.add(new FieldViolation("nameZh", "必填，不超过 200 字", "required, at most 200 characters"));
        }
        if (nameEn == null || nameEn.length() > 200) {
            bad.add(new FieldViolation("nameEn", "必填，不超过 200 字", "required, at most 200 characters"));
        }
        WarningRule.Kind kind = enumOf(WarningRule.Kind.class, req.kind());
        if (kind == null) {
            bad.add(new FieldViolation("kind", "须为 THRESHOLD、RATE_OF_CHANGE、MISSING_DATA 或 MULTI_POINT",
                    "must be THRESHOLD, RATE_OF_CHANGE, MISSING_DATA or MULTI_POINT"));
        }
        DeviceType type = req.typeCode() == null ? null : devices.types().get(req.typeCode());
        if (type == null) {
            bad.add(new FieldViolation("typeCode", "未知的设备类型", "unknown device type"));
        }
        String metric = trim(req.metric());
        if (metric == null && kind != WarningRule.Kind.MISSING_DATA) {
            bad.add(new FieldViolation("metric", "必填", "required"));
        } else if (metric != null && type != null && type.metric(metric) == null) {
            bad.add(new FieldViolation("metric", "该设备类型没有此指标", "the device type has no such metric"));
        }
        String deviceId = trim(req.deviceId());
        Device device = null;
        if (deviceId != null) {
            device = devices.find(deviceId).orElse(null);
            if (device == null) {
                bad.add(new FieldViolation("deviceId", "未知的设备", "unknown device"));
            } else if (type != null && !device.typeCode().equals(type.code())) {
                bad.add(new FieldViolation("deviceId", "设备类型与规则不符", "the device is not of the rule's type"));
            }
        }
        String area = trim(req.areaCode());
        if (area != null && !(area.matches("\\d{15}") || (area.matches("\\d{12}") && organization.region(area).isPresent()))) {
            bad.add(new FieldViolation("areaCode", "须为已有的 12 位区划代码或 15 位网格编码", "must be an existing 12-digit region code or a 15-digit grid code"));
        }
        WarningRule.Direction direction = req.direction() == null ? WarningRule.Direction.ABOVE
                : enumOf(WarningRule.Direction.class, req.direction());
        if (direction == null) {
            bad.add(new FieldViolation("direction", "须为 ABOVE 或 BELOW", "must be ABOVE or BELOW"));
        }
        Double[] thresholds = new Double[AlertLevel.values().length];
        Map<String, Double> given = req.thresholds() == null ? Map.of() : req.thresholds();
        for (Map.Entry<String, Double> e : given.entrySet()) {
            AlertLevel level = enumOf(AlertLevel.class, e.getKey());
            if (level == null) {
                bad.add(new FieldViolation("thresholds." + e.getKey(), "等级须为 BLUE、YELLOW、ORANGE 或 RED", "level must be BLUE, YELLOW, ORANGE or RED"));
            } else if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                bad.add(new FieldViolation("thresholds." + level.name(), "须为数值", "must be a number"));
            } else {
                thresholds[level.ordinal()] = e.getValue();
            }
        }
        Double previous = null;
        boolean any = false;
        for (AlertLevel l : AlertLevel.values()) {
            Double t = thresholds[l.ordinal()];
            if (t == null) {
                continue;
            }
            any = true;
            if (kind == WarningRule.Kind.MISSING_DATA && (t <= 0 || t > MAX_SECONDS)) {
                bad.add(new FieldViolation("thresholds." + l.name(), "无数据时长须为 1 到 604800 秒", "silence must be 1 to 604800 seconds"));
            }
            if (previous != null && direction != null
                    && (direction == WarningRule.Direction.ABOVE ? t < previous : t > previous)) {
                bad.add(new FieldViolation("thresholds." + l.name(), "阈值须随等级单调（ABOVE 递增，BELOW 递减）",
                        "thresholds must be monotonic by level (rising for ABOVE, falling for BELOW)"));
            }
            previous = t;
        }
        if (!any) {
            bad.add(new FieldViolation("thresholds", "至少设置一个等级的阈值", "at least one level needs a threshold"));
        }
        if (kind == WarningRule.Kind.MISSING_DATA && direction == WarningRule.Direction.BELOW) {
            bad.add(new FieldViolation("direction", "无数据规则须为 ABOVE", "must be ABOVE for MISSING_DATA"));
        }
        int hold = seconds(bad, "holdSeconds", req.holdSeconds(), 0);
        int window = seconds(bad, "windowSeconds", req.windowSeconds(), 0);
        int recover = seconds(bad, "recoverSeconds", req.recoverSeconds(), 0);
        if ((kind == WarningRule.Kind.RATE_OF_CHANGE || kind == WarningRule.Kind.MULTI_POINT) && window <= 0) {
            bad.add(new FieldViolation("windowSeconds", "变化率与多点触发规则须设置时间窗口", "a time window is required for RATE_OF_CHANGE and MULTI_POINT"));
        }
        Integer minCount = req.minCount();
        if (kind == WarningRule.Kind.MULTI_POINT && (minCount == null || minCount < 2 || minCount > 1000)) {
            bad.add(new FieldViolation("minCount", "多点触发须为 2 到 1000 个设备", "MULTI_POINT needs 2 to 1000 devices"));
        } else if (kind != WarningRule.Kind.MULTI_POINT) {
            minCount = null;
        }
        if (kind == WarningRule.Kind.MULTI_POINT && deviceId != null) {
            bad.add(new FieldViolation("deviceId", "多点触发规则针对区域而非单个设备", "a MULTI_POINT rule covers an area, not one device"));
        }
        double hysteresis = req.hysteresis() == null ? 0 : req.hysteresis();
        if (!Double.isFinite(hysteresis) || hysteresis < 0) {
            bad.add(new FieldViolation("hysteresis", "回差须为非负数", "must be zero or positive"));
        }
        String eventClass = trim(req.eventClassCode());
        if (eventClass != null && catalog.find(eventClass).filter(EventClass::active).isEmpty()) {
            bad.add(new FieldViolation("eventClassCode", "未知或已停用的事件分类", "unknown or inactive event class"));
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalidFields(bad);
        }
        if (device != null && !caller.scope().allows(device.regionCode(), device.ownerDepartmentId(), null)) {
            throw ProblemException.forbidden("无权为该设备设置预警规则", "You may not set warning rules for this device");
        }
        if (area != null && area.length() == 12 && !caller.scope().allows(area, null, null)) {
            throw ProblemException.forbidden("无权为该区域设置预警规则", "You may not set warning rules for this area");
        }
        return new WarningRule(id, nameZh, nameEn, kind, type.code(), metric, deviceId, area, direction, thresholds, hold, window,
                minCount, hysteresis, recover, eventClass, req.enabled() == null || req.enabled(), Instant.now(), caller.accountId());
    }

    private static int seconds(List<FieldViolation> bad, String field, Integer value, int def) {
        if (value == null) {
            return def;
        }
        if (value < 0 || value > MAX_SECONDS) {
            bad.add(new FieldViolation(field, "须为 0 到 604800 秒", "must be 0 to 604800 seconds"));
            return def;
        }
        return value;
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static WarningRule map(ResultSet rs, int i) throws SQLException {
        Double[] t = new Double[4];
        for (int k = 0; k < 4; k++) {
            double v = rs.getDouble(10 + k);
            t[k] = rs.wasNull() ? null : v;
        }
        int mc = rs.getInt(16);
        Integer minCount = rs.wasNull() ? null : mc;
        return new WarningRule(rs.getString(1), rs.getString(2), rs.getString(3), WarningRule.Kind.valueOf(rs.getString(4)),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), WarningRule.Direction.valueOf(rs.getString(9)), t,
                rs.getInt(14), rs.getInt(15), minCount, rs.getDouble(17), rs.getInt(18), rs.getString(19), rs.getBoolean(20),
                rs.getObject(21, OffsetDateTime.class).toInstant(), rs.getString(22));
    }
}
