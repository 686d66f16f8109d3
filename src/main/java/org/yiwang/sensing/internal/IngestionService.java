package org.yiwang.sensing.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.yiwang.sensing.Reading;

/**
 * The ingestion pipeline shared by MQTT and HTTP: parses a payload ({@code {"metric","value","ts"}} or
 * {@code {"readings":[...]}}), checks each reading against the device type's metrics, hands valid ones to the
 * {@link ReadingWriter} and counts every rejected message or reading per reason. Nothing here throws on bad input:
 * a bad reading never stops the pipeline and the rest of a batch is kept.
 */
@Service
public class IngestionService {

    private static final Logger log = LoggerFactory.getLogger(IngestionService.class);

    /** Reasons a message or reading is rejected (counted in {@code sensing_reject}). */
    public static final String MALFORMED = "malformed";
    public static final String UNKNOWN_DEVICE = "unknown-device";
    public static final String BAD_CREDENTIALS = "bad-credentials";
    public static final String UNKNOWN_METRIC = "unknown-metric";
    public static final String OUT_OF_RANGE = "out-of-range";
    public static final String BAD_TIMESTAMP = "bad-timestamp";
    public static final String BAD_TOPIC = "bad-topic";
    public static final String OVERLOAD = "overload";
    public static final String STORE_FAILED = "store-failed";

    private static final Duration MAX_FUTURE = Duration.ofDays(1);

    private final DeviceService devices;
    private final ReadingWriter writer;
    private final JsonMapper json;
    private final JdbcTemplate jdbc;
    private final SensingProperties properties;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, LongAdder> pendingRejects = new ConcurrentHashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final Object messageMonitor = new Object();
    private long messages;

    public IngestionService(DeviceService devices, ReadingWriter writer, JsonMapper json, JdbcTemplate jdbc,
                            SensingProperties properties) {
        this.devices = devices;
        this.writer = writer;
        this.json = json;
        this.jdbc = jdbc;
        this.properties = properties;
        writer.onFlush(this::persistRejects);
        writer.onStoreFailed(n -> reject(STORE_FAILED, n));
    }

    /** A rejected reading: its position in the batch (0 for a single reading) and why. */
    public record Rejection(int index, String reason) {
    }

    /** What became of one message. */
    public record Outcome(int accepted, List<Rejection> rejected) {
    }

    /** Ingests a message from a device that has already authenticated. */
    public Outcome ingest(String deviceId, byte[] payload) {
        try {
            DeviceService.Credential credential = devices.credential(deviceId);
            if (credential == null) {
                reject(UNKNOWN_DEVICE, 1);
                return new Outcome(0, List.of(new Rejection(0, UNKNOWN_DEVICE)));
            }
            return ingest(credential, payload);
        } finally {
            messageDone();
        }
    }

    /** Ingests a message after checking the device's secret (HTTP uploads); null when the credentials are wrong. */
    public Outcome ingestWithSecret(String deviceId, String secret, byte[] payload) {
        try {
            DeviceService.Credential credential = devices.credential(deviceId);
            if (credential == null) {
                reject(UNKNOWN_DEVICE, 1);
                return null;
            }
            if (!devices.matches(credential, secret)) {
                reject(BAD_CREDENTIALS, 1);
                return null;
            }
            return ingest(credential, payload);
        } finally {
            messageDone();
        }
    }

    private Outcome ingest(DeviceService.Credential credential, byte[] payload) {
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (JacksonException | IllegalArgumentException e) {
            reject(MALFORMED, 1);
            return new Outcome(0, List.of(new Rejection(0, MALFORMED)));
        }
        if (root == null || !root.isObject()) {
            reject(MALFORMED, 1);
            return new Outcome(0, List.of(new Rejection(0, MALFORMED)));
        }
        List<JsonNode> items = new ArrayList<>();
        if (root.has("readings")) {
            JsonNode arr = root.get("readings");
            if (!arr.isArray()) {
                reject(MALFORMED, 1);
                return new Outcome(0, List.of(new Rejection(0, MALFORMED)));
            }
            arr.forEach(items::add);
        } else {
            items.add(root);
        }
        DeviceType type = devices.types().get(credential.typeCode());
        Instant now = clock.instant();
        Instant oldest = now.minus(Duration.ofDays(properties.retentionDays()));
        List<Reading> good = new ArrayList<>(items.size());
        List<Rejection> bad = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String reason = null;
            Reading reading = null;
            if (!item.isObject() || !item.path("metric").isString() || !item.path("value").isNumber()) {
                reason = MALFORMED;
            } else {
                MetricDef metric = type == null ? null : type.metric(item.get("metric").asString());
                double value = item.get("value").asDouble();
                Instant ts = now;
                if (item.hasNonNull("ts")) {
                    try {
                        ts = item.get("ts").isString() ? OffsetDateTime.parse(item.get("ts").asString()).toInstant() : null;
                    } catch (DateTimeParseException e) {
                        ts = null;
                    }
                }
                if (metric == null) {
                    reason = UNKNOWN_METRIC;
                } else if (!metric.accepts(value)) {
                    reason = OUT_OF_RANGE;
                } else if (ts == null) {
                    reason = MALFORMED;
                } else if (ts.isAfter(now.plus(MAX_FUTURE)) || ts.isBefore(oldest)) {
                    reason = BAD_TIMESTAMP;
                } else {
                    reading = new Reading(metric.code(), ts, value);
                }
            }
            if (reason != null) {
                bad.add(new Rejection(i, reason));
                reject(reason, 1);
            } else {
                good.add(reading);
            }
        }
        int queued = writer.enqueue(credential.deviceId(), good);
        if (queued < good.size()) {
            reject(OVERLOAD, good.size() - queued);
            for (int i = queued; i < good.size(); i++) {
                bad.add(new Rejection(-1, OVERLOAD));
            }
        }
        accepted.addAndGet(queued);
        return new Outcome(queued, bad);
    }

    /** Counts {@code n} rejected messages or readings for {@code reason} (persisted by the writer's next flush). */
    public void reject(String reason, long n) {
        pendingRejects.computeIfAbsent(reason, r -> new LongAdder()).add(n);
    }

    private void messageDone() {
        synchronized (messageMonitor) {
            messages++;
            messageMonitor.notifyAll();
        }
    }

    /** Messages handled since start (accepted or not). */
    public long messages() {
        synchronized (messageMonitor) {
            return messages;
        }
    }

    /** Waits until at least {@code count} messages were handled; false on time-out. */
    public boolean awaitMessages(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (messageMonitor) {
            while (messages < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                messageMonitor.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** Readings accepted into the queue since start. */
    public long accepted() {
        return accepted.get();
    }

    /** Moves counted rejections to {@code sensing_reject} (called by the writer thread). */
    void persistRejects() {
        for (Map.Entry<String, LongAdder> e : pendingRejects.entrySet()) {
            long n = e.getValue().sumThenReset();
            if (n == 0) {
                continue;
            }
            try {
                if (jdbc.update("update sensing_reject set rejected = rejected + ? where reason = ?", n, e.getKey()) == 0) {
                    jdbc.update("insert into sensing_reject (reason, rejected) values (?, ?)", e.getKey(), n);
                }
            } catch (RuntimeException ex) {
                e.getValue().add(n);
                log.warn("Cannot store reject counters: {}", ex.toString());
            }
        }
    }

    /** Rejections per reason: stored counts plus those not yet flushed. */
    public Map<String, Long> rejects() {
        Map<String, Long> out = new TreeMap<>();
        jdbc.query("select reason, rejected from sensing_reject", rs -> {
            out.put(rs.getString(1), rs.getLong(2));
        });
        pendingRejects.forEach((r, n) -> out.merge(r, n.sum(), Long::sum));
        return out;
    }
}
