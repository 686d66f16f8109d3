package org.yiwang.sensing.internal.warning;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import org.yiwang.sensing.AlertLevel;
import org.yiwang.sensing.Device;
import org.yiwang.sensing.Reading;
import org.yiwang.sensing.internal.DeviceService;
import org.yiwang.sensing.internal.ReadingWriter;

/**
 * Evaluates the warning rules against the readings of every accepted message, in memory, on the ingesting thread as
 * soon as the readings are queued for storage — an alert does not wait behind a backlog of readings to store (one map
 * lookup per reading for a device without rules). State is kept per (rule, subject):
 * subject is the device, or the area for a multi-point rule. Levels rise at once (after the rule's hold time) and
 * never fall while the alert is active; an alert recovers once the value is clear of the lowest threshold by the
 * hysteresis (回差) for {@code recoverSeconds} (debounce, 防抖), or — for missing data — when a reading arrives.
 * Times are the readings' own timestamps (a device may upload a buffered batch), except for missing data, which
 * counts wall-clock time since the last arrival, checked by a ticker every {@code yiwang.sensing.alert-tick-millis}.
 * The transitions go to the {@link AlertService} worker, which stores alerts and opens or updates city events.
 * <p>
 * On start the state is rebuilt: active alerts from {@code sensing_alert}, the devices' last-seen times, and the
 * readings of the last hour at most (the longest hold/window/recovery time of the rules) replayed through the rules.
 */
@Component
public class AlertEngine implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertEngine.class);
    static final Duration MAX_REPLAY = Duration.ofHours(1);

    /** What happened to an alert. */
    enum Change {
        RAISE,
        ESCALATE,
        RECOVER
    }

    /** A change of one (rule, subject), handed to the worker. */
    record Transition(WarningRule rule, String subject, Change change, AlertLevel level, AlertLevel previous, Device device,
                      List<Device> devices, Double value, Instant at, String note) {
    }

    /** State of one rule for one subject. */
    static final class Track {
        final WarningRule rule;
        final String subject;
        Device device;
        AlertLevel active;
        Instant clearSince;
        final Instant[] since = new Instant[AlertLevel.values().length];
        final ArrayDeque<Object[]> samples = new ArrayDeque<>(); // {Instant ts, Double value}
        Instant lastArrival;
        final Map<String, Instant[]> lastReached = new LinkedHashMap<>();
        final Map<String, Device> members = new HashMap<>();
        Instant lastTs;

        Track(WarningRule rule, String subject) {
            this.rule = rule;
            this.subject = subject;
        }
    }

    /** The tracks a device's readings feed. */
    record Bindings(Device device, List<Track> tracks) {
    }

    private final WarningRuleService rules;
    private final DeviceService devices;
    private final AlertService alerts;
    private final JdbcTemplate jdbc;
    private final long tickMillis;
    private final Object lock = new Object();
    private final Map<String, WarningRule> ruleById = new LinkedHashMap<>();
    private final Map<String, Track> tracks = new LinkedHashMap<>();
    private final Map<String, Bindings> bindings = new HashMap<>();
    private ScheduledExecutorService ticker;
    private volatile boolean running;

    AlertEngine(WarningRuleService rules, DeviceService devices, AlertService alerts, ReadingWriter writer, JdbcTemplate jdbc,
                @Value("${yiwang.sensing.alert-tick-millis:1000}") long tickMillis) {
        this.rules = rules;
        this.devices = devices;
        this.alerts = alerts;
        this.jdbc = jdbc;
        this.tickMillis = tickMillis;
        writer.addAcceptedListener(this::accepted);
        rules.onChange(this::reload);
    }

    static String key(String ruleId, String subject) {
        return ruleId + "|" + subject;
    }

    static String areaSubject(WarningRule rule) {
        return rule.areaCode() == null ? "*" : rule.areaCode();
    }

    // ------------------------------------------------------------------ readings

    /** Called on the ingesting thread with the readings of one device just queued for storage. */
    void accepted(String deviceId, List<Reading> readings) {
        List<Transition> out = new ArrayList<>();
        Instant now = Instant.now();
        synchronized (lock) {
            if (ruleById.isEmpty()) {
                return;
            }
            Bindings b = bindingsOf(deviceId);
            if (b != null && !b.tracks().isEmpty()) {
                for (Reading r : readings) {
                    evaluate(b, r, now, false, out);
                }
            }
        }
        alerts.submit(out);
    }

    private Bindings bindingsOf(String deviceId) {
        Bindings b = bindings.get(deviceId);
        if (b == null) {
            Optional<Device> d = devices.find(deviceId);
            if (d.isEmpty()) {
                return null;
            }
            b = bind(d.get());
        }
        return b;
    }

    private Bindings bind(Device d) {
        List<Track> mine = new ArrayList<>();
        for (WarningRule rule : ruleById.values()) {
            if (!rule.appliesTo(d)) {
                continue;
            }
            String subject = rule.kind() == WarningRule.Kind.MULTI_POINT ? areaSubject(rule) : d.deviceId();
            Track t = tracks.computeIfAbsent(key(rule.id(), subject), k -> new Track(rule, subject));
            if (rule.kind() == WarningRule.Kind.MULTI_POINT) {
                t.members.put(d.deviceId(), d);
            } else {
                t.device = d;
                if (rule.kind() == WarningRule.Kind.MISSING_DATA && t.lastArrival == null) {
                    t.lastArrival = d.lastSeenAt();
                }
            }
            mine.add(t);
        }
        Bindings b = new Bindings(d, List.copyOf(mine));
        bindings.put(d.deviceId(), b);
        return b;
    }

    private void evaluate(Bindings b, Reading r, Instant now, boolean replay, List<Transition> out) {
        for (Track t : b.tracks()) {
            WarningRule rule = t.rule;
            if (rule.metric() != null && !rule.metric().equals(r.metric())) {
                continue;
            }
            switch (rule.kind()) {
                case THRESHOLD -> threshold(t, b.device(), r, out);
                case RATE_OF_CHANGE -> rate(t, b.device(), r, out);
                case MISSING_DATA -> {
                    if (!replay) {
                        t.lastArrival = now;
                        if (t.active != null) {
                            out.add(new Transition(rule, t.subject, Change.RECOVER, t.active, t.active, b.device(), List.of(b.device()),
                                    0.0, now, "数据恢复上报"));
                            t.active = null;
                        }
                    }
                }
                case MULTI_POINT -> multiPoint(t, b.device(), r, out);
            }
        }
    }

    private void threshold(Track t, Device d, Reading r, List<Transition> out) {
        AlertLevel fired = null;
        for (AlertLevel l : AlertLevel.values()) {
            int i = l.ordinal();
            if (t.rule.reaches(l, r.value())) {
                if (t.since[i] == null || r.ts().isBefore(t.since[i])) {
                    t.since[i] = r.ts();
                }
                if (Duration.between(t.since[i], r.ts()).getSeconds() >= t.rule.holdSeconds()) {
                    fired = l;
                }
            } else {
                t.since[i] = null;
            }
        }
        apply(t, fired, t.rule.clear(r.value()), r.ts(), r.value(), d, List.of(d), out);
    }

    private void rate(Track t, Device d, Reading r, List<Transition> out) {
        t.samples.addLast(new Object[] {r.ts(), r.value()});
        Instant from = r.ts().minusSeconds(t.rule.windowSeconds());
        while (t.samples.size() > 1 && ((Instant) t.samples.peekFirst()[0]).isBefore(from)) {
            t.samples.pollFirst();
        }
        double delta = r.value() - (Double) t.samples.peekFirst()[1]; // change since the oldest reading in the window
        apply(t, t.rule.levelOf(delta), t.rule.clear(delta), r.ts(), delta, d, List.of(d), out);
    }

    private void multiPoint(Track t, Device d, Reading r, List<Transition> out) {
        Instant[] reached = t.lastReached.computeIfAbsent(d.deviceId(), k -> new Instant[AlertLevel.values().length]);
        for (AlertLevel l : AlertLevel.values()) {
            if (t.rule.reaches(l, r.value()) && (reached[l.ordinal()] == null || r.ts().isAfter(reached[l.ordinal()]))) {
                reached[l.ordinal()] = r.ts();
            }
        }
        t.members.put(d.deviceId(), d);
        t.device = t.rule.reaches(t.rule.lowestLevel(), r.value()) || t.device == null ? d : t.device;
        t.lastTs = t.lastTs == null || r.ts().isAfter(t.lastTs) ? r.ts() : t.lastTs;
        countAndApply(t, t.lastTs, out);
    }

    /** Multi-point: the highest level reached by at least minCount devices within the window ending at {@code at}. */
    private void countAndApply(Track t, Instant at, List<Transition> out) {
        Instant from = at.minusSeconds(t.rule.windowSeconds());
        AlertLevel fired = null;
        List<Device> involved = List.of();
        int lowestCount = 0;
        for (AlertLevel l : AlertLevel.values()) {
            List<Device> hit = new ArrayList<>();
            t.lastReached.forEach((id, reached) -> {
                Instant ts = reached[l.ordinal()];
                if (ts != null && !ts.isBefore(from) && !ts.isAfter(at)) {
                    hit.add(t.members.get(id));
                }
            });
            if (l == t.rule.lowestLevel()) {
                lowestCount = hit.size();
                if (fired == null) {
                    involved = hit;
                }
            }
            if (hit.size() >= t.rule.minCount()) {
                fired = l;
                involved = hit;
            }
        }
        Device d = t.device != null ? t.device : (involved.isEmpty() ? null : involved.get(0));
        if (d == null) {
            return;
        }
        apply(t, fired, lowestCount < t.rule.minCount(), at, (double) involved.size(), d, involved, out);
    }

    private void apply(Track t, AlertLevel fired, boolean clear, Instant at, double value, Device d, List<Device> involved,
                       List<Transition> out) {
        if (fired != null && (t.active == null || fired.compareTo(t.active) > 0)) {
            out.add(new Transition(t.rule, t.subject, t.active == null ? Change.RAISE : Change.ESCALATE, fired, t.active, d, involved,
                    value, at, null));
            t.active = fired;
            t.clearSince = null;
            return;
        }
        if (t.active == null) {
            return;
        }
        if (!clear) {
            t.clearSince = null;
            return;
        }
        if (t.clearSince == null || at.isBefore(t.clearSince)) {
            t.clearSince = at;
        }
        if (Duration.between(t.clearSince, at).getSeconds() >= t.rule.recoverSeconds()) {
            out.add(new Transition(t.rule, t.subject, Change.RECOVER, t.active, t.active, d, involved, value, at, null));
            t.active = null;
            t.clearSince = null;
        }
    }

    // ------------------------------------------------------------------ ticks (missing data, multi-point expiry)

    /**
     * Evaluates missing data and the expiry of multi-point windows as of {@code now} (the ticker passes the wall clock;
     * tests pass a later instant instead of waiting).
     */
    public void tick(Instant now) {
        List<Transition> out = new ArrayList<>();
        synchronized (lock) {
            for (Track t : tracks.values()) {
                if (t.rule.kind() == WarningRule.Kind.MISSING_DATA && t.lastArrival != null && t.device != null) {
                    double silence = Duration.between(t.lastArrival, now).getSeconds();
                    AlertLevel fired = t.rule.levelOf(silence);
                    if (fired != null && (t.active == null || fired.compareTo(t.active) > 0)) {
                        out.add(new Transition(t.rule, t.subject, t.active == null ? Change.RAISE : Change.ESCALATE, fired, t.active,
                                t.device, List.of(t.device), silence, now, null));
                        t.active = fired;
                    }
                } else if (t.rule.kind() == WarningRule.Kind.MULTI_POINT && t.active != null && t.lastTs != null
                        && now.isAfter(t.lastTs)) {
                    countAndApply(t, now, out);
                }
            }
        }
        alerts.submit(out);
    }

    // ------------------------------------------------------------------ rules, start-up

    /** Re-reads the rules; tracks of unchanged rules keep their state, an alert of a disabled or deleted rule recovers. */
    public void reload() {
        List<Transition> out = new ArrayList<>();
        List<WarningRule> fresh = rules.all();
        synchronized (lock) {
            Map<String, WarningRule> next = new LinkedHashMap<>();
            fresh.stream().filter(WarningRule::enabled).forEach(r -> next.put(r.id(), r));
            Map<String, Track> kept = new LinkedHashMap<>();
            for (Map.Entry<String, Track> e : tracks.entrySet()) {
                Track t = e.getValue();
                WarningRule now = next.get(t.rule.id());
                if (now != null && now.updatedAt().equals(t.rule.updatedAt())) {
                    kept.put(e.getKey(), t);
                } else if (now != null) {
                    Track n = new Track(now, t.subject); // changed definition: state restarts, the active level stays
                    n.active = t.active;
                    n.device = t.device;
                    n.lastArrival = t.lastArrival;
                    kept.put(e.getKey(), n);
                } else if (t.active != null) {
                    Device d = t.device != null ? t.device : t.members.values().stream().findFirst().orElse(null);
                    if (d != null) {
                        out.add(new Transition(t.rule, t.subject, Change.RECOVER, t.active, t.active, d, List.of(d), null, Instant.now(),
                                "预警规则已停用或修改适用范围"));
                    }
                }
            }
            tracks.clear();
            tracks.putAll(kept);
            ruleById.clear();
            ruleById.putAll(next);
            bindings.clear();
            bindMissingDataDevices();
        }
        alerts.submit(out);
    }

    /** Missing-data tracks exist for every covered device that has reported once, so silence is noticed. */
    private void bindMissingDataDevices() {
        if (ruleById.values().stream().noneMatch(r -> r.kind() == WarningRule.Kind.MISSING_DATA)) {
            return;
        }
        for (Device d : devices.all()) {
            if (d.lastSeenAt() != null) {
                bind(d);
            }
        }
    }

    private void rebuild() {
        reload();
        List<Transition> out = new ArrayList<>();
        synchronized (lock) {
            // active alerts
            jdbc.query("select rule_id, subject, level, device_id from sensing_alert where active = true", rs -> {
                WarningRule rule = ruleById.get(rs.getString(1));
                String subject = rs.getString(2);
                if (rule == null) {
                    return;
                }
                Track t = tracks.computeIfAbsent(key(rule.id(), subject), k -> new Track(rule, subject));
                t.active = AlertLevel.valueOf(rs.getString(3));
                if (t.device == null && rs.getString(4) != null) {
                    devices.find(rs.getString(4)).ifPresent(d -> t.device = d);
                }
            });
            // recent readings of devices with time-based rules
            long longest = ruleById.values().stream().filter(r -> r.kind() != WarningRule.Kind.MISSING_DATA)
                    .mapToLong(r -> Math.max(r.holdSeconds(), Math.max(r.windowSeconds(), r.recoverSeconds()))).max().orElse(-1);
            if (longest >= 0) {
                Instant from = Instant.now().minus(Duration.ofSeconds(Math.max(60, longest)).compareTo(MAX_REPLAY) > 0
                        ? MAX_REPLAY : Duration.ofSeconds(Math.max(60, longest)));
                for (Device d : devices.all()) {
                    Bindings b = bindingsOf(d.deviceId());
                    if (b == null || b.tracks().stream().allMatch(t -> t.rule.kind() == WarningRule.Kind.MISSING_DATA)) {
                        continue;
                    }
                    Instant now = Instant.now();
                    jdbc.query("select metric, ts, \"value\" from sensor_reading where device_id = ? and ts >= ? order by ts",
                            rs -> {
                                evaluate(b, new Reading(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getDouble(3)),
                                        now, true, out);
                            }, d.deviceId(), from.atOffset(java.time.ZoneOffset.UTC));
                }
            }
        }
        alerts.submit(out);
        log.info("Warning rules: {} enabled, {} tracks rebuilt", ruleById.size(), tracks.size());
    }

    /** Active level of (rule, subject) as the engine sees it (null: none), for tests and the stats. */
    AlertLevel activeLevel(String ruleId, String subject) {
        synchronized (lock) {
            Track t = tracks.get(key(ruleId, subject));
            return t == null ? null : t.active;
        }
    }

    int enabledRules() {
        synchronized (lock) {
            return ruleById.size();
        }
    }

    @Override
    public void start() {
        try {
            rebuild();
        } catch (RuntimeException e) {
            log.warn("Warning rules could not be rebuilt: {}", e.toString());
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("sensing-alert-tick").daemon(true).unstarted(r));
        ticker.scheduleWithFixedDelay(() -> {
            try {
                tick(Instant.now());
            } catch (RuntimeException e) {
                log.warn("Warning rule tick: {}", e.toString());
            }
        }, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // starts before the writer (DEFAULT_PHASE - 100) and MQTT ingestion, so the state is rebuilt before readings arrive
        return SmartLifecycle.DEFAULT_PHASE - 200;
    }
}
