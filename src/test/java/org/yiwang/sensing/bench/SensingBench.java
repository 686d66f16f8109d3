package org.yiwang.sensing.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.yiwang.sensing.internal.DemoSecrets;

/**
 * Ingestion throughput (bench/sensing.sh): the 12 demo devices publish batches of readings over MQTT (QoS 1) to a
 * running platform; the figure is readings stored per second, from the first publish until
 * {@code /api/v1/sensing/stats} reports them all stored. Anchor in the same run: a raw JDBC batch insert of the same
 * rows into an in-memory H2 table of the same shape (no parsing, no roll-ups, no MQTT). The demo city's warning rules
 * (scenario packs) are evaluated for every reading during the run.
 * <p>
 * Alert latency: {@code latencyTrials} water gauges are registered near 荷花桥, each with its own threshold rule (红 at
 * 4.0 m, class E0404); each trial publishes one reading of 4.5 m over MQTT and polls the alerts API until the alert
 * carries its city event; the latency is the event's {@code createdAt} minus the wall-clock time just before the
 * publish (same machine). Half of the trials run during the throughput load, half on the idle platform.
 * Args: baseUrl mqttPort demoPassword batchesPerDevice readingsPerBatch [latencyTrials=40].
 */
public final class SensingBench {

    static final String[] DEVICES = {"wl-liuan-01", "wl-liuan-02", "wl-liuan-03", "rg-hubin-01", "rg-wenhua-01", "gas-rest-01",
            "gas-rest-02", "elev-shuxiang-01", "elev-hanlin-01", "aq-donghu-01", "wl-songlin-01", "gas-xs-01"};

    static String metricOf(String device) {
        return switch (device.substring(0, device.indexOf('-'))) {
            case "wl" -> "water_level";
            case "rg" -> "rainfall";
            case "gas" -> "gas_lel";
            case "elev" -> "fault_code";
            default -> "pm25";
        };
    }

    record Row(String device, String metric, Instant ts, double value) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int port = Integer.parseInt(args[1]);
        String password = args[2];
        int batches = Integer.parseInt(args[3]);
        int perBatch = Integer.parseInt(args[4]);
        int trials = args.length > 5 ? Integer.parseInt(args[5]) : 40;
        JsonMapper json = JsonMapper.builder().build();
        HttpClient http = HttpClient.newHttpClient();
        String token = json.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"demo-admin\",\"password\":\"" + password + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("accessToken").asString();

        // the rows: distinct timestamps per device over the last hours, values inside every metric's range
        Instant start = Instant.now().minus(6, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        List<List<String>> payloads = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (String d : DEVICES) {
            List<String> mine = new ArrayList<>();
            String metric = metricOf(d);
            for (int b = 0; b < batches; b++) {
                StringBuilder sb = new StringBuilder("{\"readings\":[");
                for (int i = 0; i < perBatch; i++) {
                    Instant ts = start.plusMillis((long) (b * perBatch + i) * 250);
                    double v = (b * perBatch + i) % 50 / 10.0;
                    rows.add(new Row(d, metric, ts, v));
                    if (i > 0) {
                        sb.append(',');
                    }
                    sb.append(String.format(Locale.ROOT, "{\"metric\":\"%s\",\"value\":%.1f,\"ts\":\"%s\"}", metric, v, ts.atOffset(ZoneOffset.ofHours(8))));
                }
                mine.add(sb.append("]}").toString());
            }
            payloads.add(mine);
        }
        int total = rows.size();

        List<Mqtt3AsyncClient> clients = new ArrayList<>();
        for (String d : DEVICES) {
            Mqtt3AsyncClient c = MqttClient.builder().useMqttVersion3().identifier("bench-" + d).serverHost("127.0.0.1").serverPort(port).buildAsync();
            c.connectWith().simpleAuth().username(d).password(DemoSecrets.secretFor(password, d).getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth().send().join();
            clients.add(c);
        }
        List<Gauge> gauges = trials > 0 ? gauges(http, json, base, token, port, trials) : List.of();
        List<Double> underLoad = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread loadTrials = Thread.ofPlatform().start(() -> {
            for (Gauge g : gauges.subList(0, gauges.size() / 2)) {
                underLoad.add(latency(http, json, base, token, g));
            }
        });
        long stored0 = stats(http, json, base, token).get("storedSinceStart").asLong();
        long t0 = System.nanoTime();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (int k = 0; k < DEVICES.length; k++) {
            for (String p : payloads.get(k)) {
                sent.add(clients.get(k).publishWith().topic("yiwang/devices/" + DEVICES[k] + "/readings").qos(MqttQos.AT_LEAST_ONCE)
                        .payload(p.getBytes(StandardCharsets.UTF_8)).send());
            }
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        long published = System.nanoTime();
        long stored;
        long deadline = System.nanoTime() + 300_000_000_000L;
        JsonNode s;
        do {
            Thread.sleep(50);
            s = stats(http, json, base, token);
            stored = s.get("storedSinceStart").asLong() - stored0;
        } while (stored < total && System.nanoTime() < deadline);
        long t1 = System.nanoTime();
        loadTrials.join();
        List<Double> idle = new ArrayList<>();
        for (Gauge g : gauges.subList(gauges.size() / 2, gauges.size())) {
            idle.add(latency(http, json, base, token, g));
        }
        gauges.forEach(g -> g.client().disconnect());
        clients.forEach(Mqtt3AsyncClient::disconnect);
        if (stored < total) {
            throw new IllegalStateException("only " + stored + " of " + total + " readings stored; stats " + s);
        }

        double anchor = anchor(rows);
        System.out.printf(Locale.ROOT, "MQTT → stored      %,d readings (%d devices × %d batches × %d) in %.2f s (published in %.2f s): %,.0f readings/s%n",
                total, DEVICES.length, batches, perBatch, (t1 - t0) / 1e9, (published - t0) / 1e9, total / ((t1 - t0) / 1e9));
        System.out.printf(Locale.ROOT, "anchor JDBC batch  %,d rows into in-memory H2 sensor_reading: %,.0f rows/s%n", total, anchor);
        System.out.printf(Locale.ROOT, "rejected during run: %s%n", s.get("rejected"));
        if (!gauges.isEmpty()) {
            printLatency("alert latency, reading published → city event created, during the load", underLoad);
            printLatency("alert latency, reading published → city event created, idle platform", idle);
        }
    }

    record Gauge(String deviceId, String ruleId, Mqtt3AsyncClient client) {
    }

    /** Registers the latency gauges (random secrets) with one rule each and connects them. */
    static List<Gauge> gauges(HttpClient http, JsonMapper json, String base, String token, int port, int n) throws Exception {
        List<Gauge> out = new ArrayList<>();
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        for (int i = 0; i < n; i++) {
            String id = "bench-wl-" + run + "-" + i;
            double lon = 120.060 + (i % 10) * 0.001;
            double lat = 30.034 + (i / 10) * 0.001;
            JsonNode created = json.readTree(send(http, base, token, "POST", "/api/v1/devices", String.format(Locale.ROOT,
                    "{\"deviceId\":\"%s\",\"name\":\"延迟测试水位计 %d\",\"typeCode\":\"WATER_LEVEL\",\"lon\":%.4f,\"lat\":%.4f,"
                            + "\"ownerDepartmentId\":\"dh-water\"}", id, i, lon, lat)));
            String secret = created.get("secret").asString();
            String rule = "bench-latency-" + run + "-" + i;
            send(http, base, token, "POST", "/api/v1/warning-rules", String.format(Locale.ROOT,
                    "{\"id\":\"%s\",\"nameZh\":\"延迟测试 %d\",\"nameEn\":\"Latency %d\",\"kind\":\"THRESHOLD\",\"typeCode\":\"WATER_LEVEL\","
                            + "\"metric\":\"water_level\",\"deviceId\":\"%s\",\"thresholds\":{\"RED\":4.0},\"eventClassCode\":\"E0404\"}",
                    rule, i, i, id));
            Mqtt3AsyncClient c = MqttClient.builder().useMqttVersion3().identifier("bench-" + id).serverHost("127.0.0.1").serverPort(port).buildAsync();
            c.connectWith().simpleAuth().username(id).password(secret.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send().join();
            out.add(new Gauge(id, rule, c));
        }
        return out;
    }

    /** One trial: ms from just before the publish until the city event's creation time. */
    static double latency(HttpClient http, JsonMapper json, String base, String token, Gauge g) {
        try {
            Instant sent = Instant.now();
            g.client().publishWith().topic("yiwang/devices/" + g.deviceId() + "/readings").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{\"metric\":\"water_level\",\"value\":4.5}".getBytes(StandardCharsets.UTF_8)).send().join();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline) {
                for (JsonNode a : json.readTree(send(http, base, token, "GET", "/api/v1/sensor-alerts?limit=1000", null))) {
                    if (a.get("ruleId").asString().equals(g.ruleId()) && a.hasNonNull("eventId")) {
                        JsonNode e = json.readTree(send(http, base, token, "GET", "/api/v1/events/" + a.get("eventId").asString(), null));
                        return java.time.Duration.between(sent, java.time.OffsetDateTime.parse(e.get("createdAt").asString()).toInstant())
                                .toNanos() / 1e6;
                    }
                }
                Thread.sleep(5);
            }
            throw new IllegalStateException("no city event for " + g.ruleId() + " within 30 s");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void printLatency(String label, List<Double> ms) {
        List<Double> sorted = new ArrayList<>(ms);
        java.util.Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return;
        }
        System.out.printf(Locale.ROOT, "%s: n=%d p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", label, sorted.size(), pct(sorted, 50), pct(sorted, 99),
                sorted.get(sorted.size() - 1));
    }

    static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    static String send(HttpClient http, String base, String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " → " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static JsonNode stats(HttpClient http, JsonMapper json, String base, String token) throws Exception {
        return json.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sensing/stats"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Raw JDBC batch insert of the same rows, 5,000 per batch and commit, into in-memory H2. */
    static double anchor(List<Row> rows) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE")) {
            try (Statement st = c.createStatement()) {
                st.execute("create table sensor_reading (device_id varchar(64) not null, metric varchar(32) not null,"
                        + " ts timestamp with time zone not null, \"value\" double precision not null)");
                st.execute("create index sensor_reading_series on sensor_reading (device_id, metric, ts)");
            }
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("insert into sensor_reading (device_id, metric, ts, \"value\") values (?, ?, ?, ?)")) {
                int n = 0;
                for (Row r : rows) {
                    ps.setString(1, r.device());
                    ps.setString(2, r.metric());
                    ps.setObject(3, r.ts().atOffset(ZoneOffset.UTC));
                    ps.setDouble(4, r.value());
                    ps.addBatch();
                    if (++n % 5000 == 0) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
                ps.executeBatch();
                c.commit();
            }
            return rows.size() / ((System.nanoTime() - t0) / 1e9);
        }
    }
}
