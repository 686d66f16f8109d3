package org.yiwang.sensing.internal.warning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import org.yiwang.calendar.WorkingCalendar;
import org.yiwang.governance.CityEventIntake;
import org.yiwang.notification.NotificationRequested;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.organization.Region;
import org.yiwang.sensing.AlertChanged;
import org.yiwang.sensing.AlertLevel;
import org.yiwang.sensing.Device;
import org.yiwang.sensing.SensorAlert;
import org.yiwang.sensing.SensorAlerts;
import org.yiwang.sensing.internal.DeviceService;
import org.yiwang.sensing.internal.DeviceType;
import org.yiwang.sensing.internal.MetricDef;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.web.ProblemException;

/**
 * Turns the engine's transitions into alerts (预警), one worker thread in arrival order: a raise opens a city event
 * through {@link CityEventIntake} (class from the rule, position of the device → its grid, department from the
 * 事权清单) — or updates the event of the previous alert of the same rule and device while that event is still open;
 * an escalation and a recovery add a note to the event. Each change is stored in {@code sensing_alert}, published as
 * {@link AlertChanged} and, on raise and escalation, sent to the subscribers ({@code alert.raised}, in-app).
 */
@Service
public class AlertService implements SensorAlerts, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertService.class);
    private static final String COLUMNS = "a.id, a.rule_id, r.name_zh, r.kind, a.level, a.active, a.device_id, a.device_ids, a.metric,"
            + " a.\"value\", a.lon, a.lat, a.grid_code, a.region_code, a.event_id, a.raised_at, a.updated_at, a.recovered_at";
    private static final String FROM = " from sensing_alert a left join sensing_warning_rule r on r.id = a.rule_id";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final CityEventIntake intake;
    private final DeviceService devices;
    private final OrganizationDirectory organization;
    private final WorkingCalendar calendar;
    private final BlockingQueue<AlertEngine.Transition> queue = new LinkedBlockingQueue<>();
    private final Object progress = new Object();
    private long submitted;
    private long handled;
    private volatile boolean running;
    private Thread worker;

    AlertService(JdbcTemplate jdbc, TransactionTemplate tx, ApplicationEventPublisher events, CityEventIntake intake,
                 DeviceService devices, OrganizationDirectory organization, WorkingCalendar calendar) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
        this.intake = intake;
        this.devices = devices;
        this.organization = organization;
        this.calendar = calendar;
    }

    void submit(List<AlertEngine.Transition> transitions) {
        if (transitions.isEmpty()) {
            return;
        }
        synchronized (progress) {
            submitted += transitions.size();
        }
        queue.addAll(transitions);
    }

    /** Waits until every transition submitted so far was handled; false on time-out. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            long target = submitted;
            while (handled < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                progress.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    private void loop() {
        while (running || !queue.isEmpty()) {
            AlertEngine.Transition t;
            try {
                t = queue.take();
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
                continue;
            }
            try {
                handle(t);
            } catch (RuntimeException e) {
                log.warn("Alert {} of rule {} for {} not stored: {}", t.change(), t.rule().id(), t.subject(), e.toString());
            } finally {
                synchronized (progress) {
                    handled++;
                    progress.notifyAll();
                }
            }
        }
    }

    // ------------------------------------------------------------------ transitions

    record ActiveRow(String id, String eventId, AlertLevel level) {
    }

    private Optional<ActiveRow> active(String ruleId, String subject) {
        return jdbc.query("select id, event_id, level from sensing_alert where rule_id = ? and subject = ? and active = true"
                        + " order by raised_at desc", (rs, i) -> new ActiveRow(rs.getString(1), rs.getString(2), AlertLevel.valueOf(rs.getString(3))),
                ruleId, subject).stream().findFirst();
    }

    void handle(AlertEngine.Transition t) {
        WarningRule rule = t.rule();
        Device d = t.device();
        Instant now = Instant.now();
        Optional<ActiveRow> current = active(rule.id(), t.subject());
        String ids = String.join(",", t.devices().stream().map(Device::deviceId).distinct().toList());
        if (ids.length() > 2000) {
            ids = ids.substring(0, ids.lastIndexOf(',', 1990)) + ",…";
        }
        String idList = ids;
        switch (t.change()) {
            case RAISE, ESCALATE -> {
                boolean raise = current.isEmpty();
                String alertId = raise ? UUID.randomUUID().toString() : current.get().id();
                AlertLevel previous = raise ? null : current.get().level();
                if (!raise && t.level().compareTo(previous) <= 0) {
                    return; // already at this level (e.g. replayed after a restart)
                }
                String note = describe(t, previous);
                String eventId = raise ? null : current.get().eventId();
                if (rule.eventClassCode() != null) {
                    String earlier = eventId;
                    if (raise) {
                        earlier = jdbc.query("select event_id from sensing_alert where rule_id = ? and subject = ? and event_id is not null"
                                + " order by raised_at desc fetch first 1 rows only", (rs, i) -> rs.getString(1), rule.id(), t.subject())
                                .stream().findFirst().orElse(null);
                    }
                    eventId = linkEvent(rule, d, alertId, t.level(), earlier, note);
                }
                String event = eventId;
                tx.executeWithoutResult(s -> {
                    if (raise) {
                        jdbc.update("insert into sensing_alert (id, rule_id, subject, device_id, device_ids, metric, level, active, \"value\", lon, lat,"
                                        + " grid_code, region_code, event_id, raised_at, updated_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                                alertId, rule.id(), t.subject(), d.deviceId(), idList, rule.metric(), t.level().name(), true, t.value(),
                                d.lon(), d.lat(), d.gridCode(), d.regionCode(), event, at(now), at(now));
                    } else {
                        jdbc.update("update sensing_alert set level = ?, \"value\" = ?, device_id = ?, device_ids = ?, lon = ?, lat = ?,"
                                        + " grid_code = ?, region_code = ?, event_id = ?, updated_at = ? where id = ?",
                                t.level().name(), t.value(), d.deviceId(), idList, d.lon(), d.lat(), d.gridCode(), d.regionCode(), event,
                                at(now), alertId);
                    }
                    events.publishEvent(new AlertChanged(alertId, rule.id(), raise ? AlertChanged.RAISED : AlertChanged.ESCALATED,
                            t.level(), previous, true, d.deviceId(), d.lon(), d.lat(), d.gridCode(), d.regionCode(), event, now));
                    notifySubscribers(rule, d, t.level(), note, now);
                });
            }
            case RECOVER -> {
                if (current.isEmpty()) {
                    return;
                }
                ActiveRow row = current.get();
                String note = "预警解除：" + rule.nameZh() + "，" + d.name() + "（" + d.deviceId() + "）" + (t.note() == null ? "" : "，" + t.note());
                tx.executeWithoutResult(s -> {
                    jdbc.update("update sensing_alert set active = false, recovered_at = ?, updated_at = ? where id = ?", at(now), at(now), row.id());
                    events.publishEvent(new AlertChanged(row.id(), rule.id(), AlertChanged.RECOVERED, row.level(), row.level(), false,
                            d.deviceId(), d.lon(), d.lat(), d.gridCode(), d.regionCode(), row.eventId(), now));
                });
                if (row.eventId() != null) {
                    try {
                        intake.updateFromSystem(row.eventId(), note, false);
                    } catch (RuntimeException e) {
                        log.warn("City event {} not updated on recovery: {}", row.eventId(), e.toString());
                    }
                }
            }
        }
    }

    /** Adds the note to the earlier alert's event while it is open, else reports a new city event; null when that fails. */
    private String linkEvent(WarningRule rule, Device d, String alertId, AlertLevel level, String earlier, String note) {
        try {
            if (earlier != null && intake.updateFromSystem(earlier, note, true)) {
                return earlier;
            }
            return intake.reportFromSystem("SENSOR", rule.eventClassCode(), note, d.lon(), d.lat(), "alert:" + alertId,
                    "sensing-alert:" + alertId + ":" + level.name());
        } catch (RuntimeException e) {
            log.warn("No city event for alert {} of rule {}: {}", alertId, rule.id(), e.toString());
            return earlier;
        }
    }

    /** The text of a raise or escalation (event description, history note, notification detail). */
    String describe(AlertEngine.Transition t, AlertLevel previous) {
        WarningRule rule = t.rule();
        Device d = t.device();
        String head = previous == null ? "【" + t.level().zh() + "预警】" : "【预警升级 " + previous.zh() + "→" + t.level().zh() + "】";
        DeviceType type = devices.types().get(rule.typeCode());
        MetricDef metric = type == null || rule.metric() == null ? null : type.metric(rule.metric());
        String metricName = metric == null ? "" : metric.nameZh();
        String unit = metric == null ? "" : metric.unit();
        Double threshold = rule.thresholds()[t.level().ordinal()];
        String where = d.name() + "（" + d.deviceId() + "）";
        String body = switch (rule.kind()) {
            case THRESHOLD -> where + metricName + " " + num(t.value()) + unit + "，达到" + t.level().zh() + "阈值 " + num(threshold) + unit
                    + (rule.holdSeconds() > 0 ? "，持续 " + duration(rule.holdSeconds()) + "以上" : "");
            case RATE_OF_CHANGE -> where + metricName + " " + duration(rule.windowSeconds()) + "内变化 " + num(t.value()) + unit + "，达到"
                    + t.level().zh() + "阈值 " + num(threshold) + unit;
            case MISSING_DATA -> where + "已 " + duration(t.value() == null ? 0 : t.value().intValue()) + "无数据上报";
            case MULTI_POINT -> {
                long total = devices.all().stream().filter(rule::appliesTo).count();
                String area = rule.areaCode() == null ? "全市" : organization.region(rule.areaCode()).map(Region::name)
                        .orElse("网格 " + rule.areaCode());
                yield area + " " + duration(rule.windowSeconds()) + "内 " + num(t.value()) + "/" + total + " 台设备" + metricName + "达到"
                        + t.level().zh() + "阈值 " + num(threshold) + unit + "（多点触发，最近：" + where + "）";
            }
        };
        return head + rule.nameZh() + "：" + body;
    }

    private static String num(Double v) {
        if (v == null) {
            return "-";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf(v.longValue()) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String duration(int seconds) {
        if (seconds % 3600 == 0 && seconds > 0) {
            return seconds / 3600 + " 小时";
        }
        if (seconds % 60 == 0 && seconds > 0) {
            return seconds / 60 + " 分钟";
        }
        return seconds + " 秒";
    }

    private void notifySubscribers(WarningRule rule, Device d, AlertLevel level, String note, Instant now) {
        List<String> accounts = new ArrayList<>();
        jdbc.query("select account_id, rule_id, area_code from sensing_alert_subscription", rs -> {
            String ruleId = rs.getString(2);
            String area = rs.getString(3);
            if ((ruleId == null || ruleId.equals(rule.id())) && WarningRule.inArea(area, d)) {
                accounts.add(rs.getString(1));
            }
        });
        if (accounts.isEmpty()) {
            return;
        }
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("level", level.zh());
        vars.put("alertTitle", rule.nameZh());
        vars.put("detail", note);
        vars.put("location", d.name() + (d.gridCode() == null ? "" : "，网格 " + d.gridCode()));
        vars.put("time", TIME.format(now.atZone(calendar.zone())));
        events.publishEvent(NotificationRequested.inApp("alert.raised", accounts, vars, "/workbench/devices/" + d.deviceId()));
    }

    private static OffsetDateTime at(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    // ------------------------------------------------------------------ reads (SensorAlerts)

    @Override
    public List<SensorAlert> active() {
        List<SensorAlert> out = new ArrayList<>(jdbc.query("select " + COLUMNS + FROM + " where a.active = true", AlertService::map));
        out.sort(Comparator.comparing(SensorAlert::level).reversed().thenComparing(SensorAlert::raisedAt, Comparator.reverseOrder()));
        return out;
    }

    @Override
    public List<SensorAlert> recent(Instant since, int limit) {
        int n = Math.max(1, Math.min(limit, 1000));
        return jdbc.query("select " + COLUMNS + FROM + " where a.updated_at >= ? order by a.updated_at desc, a.id fetch first " + n + " rows only",
                AlertService::map, at(since == null ? Instant.EPOCH : since));
    }

    @Override
    public Optional<SensorAlert> find(String alertId) {
        return jdbc.query("select " + COLUMNS + FROM + " where a.id = ?", AlertService::map, alertId).stream().findFirst();
    }

    static SensorAlert map(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(10);
        Double value = rs.wasNull() ? null : v;
        String ids = rs.getString(8);
        OffsetDateTime recovered = rs.getObject(18, OffsetDateTime.class);
        return new SensorAlert(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), AlertLevel.valueOf(rs.getString(5)),
                rs.getBoolean(6), rs.getString(7), ids == null || ids.isEmpty() ? List.of() : Arrays.asList(ids.split(",")), rs.getString(9),
                value, rs.getDouble(11), rs.getDouble(12), rs.getString(13), rs.getString(14), rs.getString(15),
                rs.getObject(16, OffsetDateTime.class).toInstant(), rs.getObject(17, OffsetDateTime.class).toInstant(),
                recovered == null ? null : recovered.toInstant());
    }

    // ------------------------------------------------------------------ subscriptions (订阅)

    /** A subscription of an account to alerts of a rule and/or an area. */
    public record Subscription(String id, String ruleId, String areaCode, Instant createdAt) {
    }

    public List<Subscription> subscriptions(Caller c) {
        return jdbc.query("select id, rule_id, area_code, created_at from sensing_alert_subscription where account_id = ? order by created_at",
                (rs, i) -> new Subscription(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class).toInstant()),
                c.accountId());
    }

    public Subscription subscribe(Caller c, String ruleId, String areaCode, WarningRuleService rules) {
        List<org.yiwang.shared.web.FieldViolation> bad = new ArrayList<>();
        String rule = ruleId == null || ruleId.isBlank() ? null : ruleId.trim();
        String area = areaCode == null || areaCode.isBlank() ? null : areaCode.trim();
        if (rule != null && rules.find(rule).isEmpty()) {
            bad.add(new org.yiwang.shared.web.FieldViolation("ruleId", "未知的预警规则", "unknown warning rule"));
        }
        if (area != null && !(area.matches("\\d{15}") || (area.matches("\\d{12}") && organization.region(area).isPresent()))) {
            bad.add(new org.yiwang.shared.web.FieldViolation("areaCode", "须为已有的 12 位区划代码或 15 位网格编码",
                    "must be an existing 12-digit region code or a 15-digit grid code"));
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalidFields(bad);
        }
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        jdbc.update("insert into sensing_alert_subscription (id, account_id, rule_id, area_code, created_at) values (?,?,?,?,?)",
                id, c.accountId(), rule, area, at(now));
        return new Subscription(id, rule, area, now);
    }

    public boolean unsubscribe(Caller c, String id) {
        return jdbc.update("delete from sensing_alert_subscription where id = ? and account_id = ?", id, c.accountId()) > 0;
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("sensing-alerts").daemon(true).start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 300;
    }
}
