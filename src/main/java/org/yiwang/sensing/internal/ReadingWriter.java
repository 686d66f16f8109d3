package org.yiwang.sensing.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import org.yiwang.sensing.DeviceStatus;
import org.yiwang.sensing.Reading;
import org.yiwang.sensing.ReadingsIngested;

/**
 * Stores readings in batches: a bounded queue drained by one writer thread at least every
 * {@code yiwang.sensing.flush-millis} (default 200 ms); each batch is one transaction of JDBC batch inserts into
 * {@code sensor_reading}, upserts of the 1-minute and 1-hour roll-ups, the devices' last-seen time (→ ONLINE) and a
 * {@link ReadingsIngested} event per device. A failing batch is counted as {@code store-failed} and the writer goes on.
 */
@Component
public class ReadingWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReadingWriter.class);
    private static final int MAX_BATCH = 5_000;

    record Pending(String deviceId, Reading reading) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final SensingProperties properties;
    private final BlockingQueue<Pending> queue;
    private final Clock clock = Clock.systemUTC();
    private final Object progress = new Object();
    private long enqueued;
    private long done;
    private long stored;
    private volatile Runnable flushHook = () -> { };
    private volatile boolean running;
    private Thread thread;

    public ReadingWriter(JdbcTemplate jdbc, TransactionTemplate tx, ApplicationEventPublisher events, SensingProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
        this.properties = properties;
        this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
    }

    /**
     * Told about the readings of one device as soon as they are queued, on the ingesting thread, in arrival order per
     * device (the alert engine: an alert must not wait behind a backlog of readings to store).
     */
    public interface AcceptedListener {
        void accepted(String deviceId, List<Reading> readings);
    }

    private final List<AcceptedListener> acceptedListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public void addAcceptedListener(AcceptedListener listener) {
        acceptedListeners.add(listener);
    }

    void onFlush(Runnable hook) {
        this.flushHook = hook;
    }

    /** Queues readings of one device; returns how many fitted (the rest is overload). */
    int enqueue(String deviceId, List<Reading> readings) {
        int n = 0;
        synchronized (progress) {
            for (Reading r : readings) {
                if (!queue.offer(new Pending(deviceId, r))) {
                    break;
                }
                n++;
            }
            enqueued += n;
        }
        if (n > 0) {
            List<Reading> queued = n == readings.size() ? readings : readings.subList(0, n);
            for (AcceptedListener l : acceptedListeners) {
                try {
                    l.accepted(deviceId, queued);
                } catch (RuntimeException e) {
                    log.warn("Sensing listener failed: {}", e.toString());
                }
            }
        }
        return n;
    }

    /** Readings stored since start. */
    public long stored() {
        synchronized (progress) {
            return stored;
        }
    }

    public int queued() {
        return queue.size();
    }

    /**
     * Waits until every reading queued so far has been handled (stored or counted as failed) and the reject counters
     * were flushed; false on time-out.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            long target = enqueued;
            long cycleTarget = cycles + 2; // a whole flush cycle after this call: reject counters included
            while (done < target || cycles < cycleTarget) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                progress.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    private long cycles;

    private void loop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        long interval = properties.flushMillis();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(interval, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH - 1);
                }
                if (!batch.isEmpty()) {
                    write(batch);
                }
                flushHook.run();
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } catch (RuntimeException e) {
                log.warn("Sensing writer: {}", e.toString());
            } finally {
                synchronized (progress) {
                    done += batch.size();
                    cycles++;
                    progress.notifyAll();
                }
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            tx.executeWithoutResult(status -> store(batch));
            synchronized (progress) {
                stored += batch.size();
            }
        } catch (RuntimeException e) {
            log.warn("Sensing writer could not store {} readings: {}", batch.size(), e.toString());
            storeFailed(batch.size());
        }
    }

    private volatile java.util.function.LongConsumer failureCounter = n -> { };

    void onStoreFailed(java.util.function.LongConsumer counter) {
        this.failureCounter = counter;
    }

    private void storeFailed(long n) {
        failureCounter.accept(n);
    }

    private void store(List<Pending> batch) {
        List<Object[]> rows = new ArrayList<>(batch.size());
        Map<String, List<Reading>> byDevice = new LinkedHashMap<>();
        for (Pending p : batch) {
            rows.add(new Object[] {p.deviceId(), p.reading().metric(), DeviceService.at(p.reading().ts()), p.reading().value()});
            byDevice.computeIfAbsent(p.deviceId(), d -> new ArrayList<>()).add(p.reading());
        }
        if (postgres()) {
            insertUnnest(batch);
        } else {
            jdbc.batchUpdate("insert into sensor_reading (device_id, metric, ts, \"value\") values (?, ?, ?, ?)", rows);
        }
        rollUp("sensing_rollup_1m", batch, ChronoUnit.MINUTES);
        rollUp("sensing_rollup_1h", batch, ChronoUnit.HOURS);
        Instant now = clock.instant();
        List<Object[]> seen = byDevice.keySet().stream()
                .map(d -> new Object[] {DeviceService.at(now), DeviceStatus.ONLINE.name(), d}).toList();
        jdbc.batchUpdate("update sensing_device set last_seen_at = ?, status = ? where device_id = ?", seen);
        byDevice.forEach((device, readings) -> events.publishEvent(new ReadingsIngested(device, readings)));
    }

    private volatile Boolean postgres;

    private boolean postgres() {
        Boolean p = postgres;
        if (p == null) {
            p = jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Boolean>) c ->
                    "PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName()));
            postgres = p;
        }
        return p;
    }

    /**
     * PostgreSQL: the whole batch as one statement over four arrays ({@code unnest}) instead of one insert per row —
     * one parse/plan and one executor run per batch (times travel as exact epoch microseconds).
     */
    private void insertUnnest(List<Pending> batch) {
        int n = batch.size();
        String[] devices = new String[n];
        String[] metrics = new String[n];
        Long[] micros = new Long[n];
        Double[] values = new Double[n];
        for (int i = 0; i < n; i++) {
            Pending p = batch.get(i);
            devices[i] = p.deviceId();
            metrics[i] = p.reading().metric();
            Instant ts = p.reading().ts();
            micros[i] = Math.addExact(Math.multiplyExact(ts.getEpochSecond(), 1_000_000L), ts.getNano() / 1_000);
            values[i] = p.reading().value();
        }
        jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Integer>) c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement("insert into sensor_reading (device_id, metric, ts, \"value\")"
                    + " select d, m, timestamptz 'epoch' + t * interval '1 microsecond', v from unnest(?, ?, ?, ?) as u(d, m, t, v)")) {
                ps.setArray(1, c.createArrayOf("varchar", devices));
                ps.setArray(2, c.createArrayOf("varchar", metrics));
                ps.setArray(3, c.createArrayOf("int8", micros));
                ps.setArray(4, c.createArrayOf("float8", values));
                return ps.executeUpdate();
            }
        });
    }

    /** Aggregates the batch per (device, metric, bucket) and merges it into a roll-up table. */
    private void rollUp(String table, List<Pending> batch, ChronoUnit unit) {
        record Key(String device, String metric, Instant bucket) {
        }
        Map<Key, double[]> agg = new LinkedHashMap<>(); // min, max, sum, n
        for (Pending p : batch) {
            Key k = new Key(p.deviceId(), p.reading().metric(), p.reading().ts().truncatedTo(unit));
            double v = p.reading().value();
            double[] a = agg.get(k);
            if (a == null) {
                agg.put(k, new double[] {v, v, v, 1});
            } else {
                a[0] = Math.min(a[0], v);
                a[1] = Math.max(a[1], v);
                a[2] += v;
                a[3] += 1;
            }
        }
        List<Key> keys = new ArrayList<>(agg.keySet());
        List<Object[]> updates = new ArrayList<>(keys.size());
        for (Key k : keys) {
            double[] a = agg.get(k);
            updates.add(new Object[] {a[0], a[1], a[2], (long) a[3], k.device(), k.metric(), DeviceService.at(k.bucket())});
        }
        int[] counts = jdbc.batchUpdate("update " + table + " set min_value = least(min_value, ?), max_value = greatest(max_value, ?),"
                + " sum_value = sum_value + ?, n = n + ? where device_id = ? and metric = ? and bucket = ?", updates);
        List<Object[]> inserts = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (counts[i] == 0) {
                Key k = keys.get(i);
                double[] a = agg.get(k);
                inserts.add(new Object[] {k.device(), k.metric(), DeviceService.at(k.bucket()), a[0], a[1], a[2], (long) a[3]});
            }
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("insert into " + table + " (device_id, metric, bucket, min_value, max_value, sum_value, n)"
                    + " values (?, ?, ?, ?, ?, ?, ?)", inserts);
        }
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("sensing-writer").daemon(true).start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
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
        // stops after the MQTT broker (which stops first) so queued readings are still written
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }
}
