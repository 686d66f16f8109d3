package org.yiwang.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import org.yiwang.sensing.internal.DemoSecrets;
import org.yiwang.sensing.internal.DeviceService;
import org.yiwang.sensing.internal.IngestionService;
import org.yiwang.sensing.internal.MqttIngestion;
import org.yiwang.sensing.internal.ReadingWriter;
import org.yiwang.sensing.internal.SensingJobs;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;
import org.yiwang.support.IntegrationTest;

class SensingIngestionTest extends IntegrationTest {

    @Autowired MqttIngestion mqtt;
    @Autowired IngestionService ingestion;
    @Autowired ReadingWriter writer;
    @Autowired DeviceService devices;
    @Autowired SensorReadings readings;
    @Autowired SensingJobs jobs;
    @Value("${yiwang.demo.password}") String demoPassword;

    private final HttpClient http = HttpClient.newHttpClient();

    private Mqtt3BlockingClient connect(String deviceId, String secret) {
        Mqtt3BlockingClient client = MqttClient.builder().useMqttVersion3().identifier("test-" + deviceId + "-" + System.nanoTime())
                .serverHost("127.0.0.1").serverPort(mqtt.port()).buildBlocking();
        client.connectWith().simpleAuth().username(deviceId).password(secret.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
        return client;
    }

    private long rejected(String reason) {
        return ingestion.rejects().getOrDefault(reason, 0L);
    }

    private void settle(long messagesBefore, int messages) throws InterruptedException {
        assertThat(ingestion.awaitMessages(messagesBefore + messages, Duration.ofSeconds(10))).isTrue();
        assertThat(writer.awaitIdle(Duration.ofSeconds(10))).isTrue();
    }

    private HttpResponse<String> upload(String deviceId, String secret, String body) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/devices/" + deviceId + "/readings"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            req.header("X-Device-Secret", secret);
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void deviceWithRightSecretPublishesOverMqttAndBadReadingsAreCountedWhileTheRestIsKept() throws Exception {
        assertThat(mqtt.port()).isPositive().isNotEqualTo(1883);
        String id = "wl-liuan-02";
        Instant t0 = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        long unknownMetric = rejected(IngestionService.UNKNOWN_METRIC);
        long outOfRange = rejected(IngestionService.OUT_OF_RANGE);
        long malformed = rejected(IngestionService.MALFORMED);
        long before = ingestion.messages();
        Mqtt3BlockingClient client = connect(id, DemoSecrets.secretFor(demoPassword, id));
        try {
            String topic = "yiwang/devices/" + id + "/readings";
            client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(("{\"metric\":\"water_level\",\"value\":3.2,\"ts\":\"" + t0 + "\"}").getBytes(StandardCharsets.UTF_8)).send();
            client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(("{\"readings\":[{\"metric\":\"water_level\",\"value\":3.4,\"ts\":\"" + t0.plusSeconds(60) + "\"},"
                            + "{\"metric\":\"rainfall\",\"value\":1},"
                            + "{\"metric\":\"water_level\",\"value\":1000},"
                            + "{\"metric\":\"water_level\",\"value\":3.6,\"ts\":\"" + t0.plusSeconds(120) + "\"}]}").getBytes(StandardCharsets.UTF_8)).send();
            client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload("not json".getBytes(StandardCharsets.UTF_8)).send();
        } finally {
            client.disconnect();
        }
        settle(before, 3);

        List<SeriesPoint> series = readings.series(id, "water_level", t0.minusSeconds(1), t0.plusSeconds(600), SeriesStep.RAW);
        assertThat(series).extracting(SeriesPoint::avg).containsExactly(3.2, 3.4, 3.6);
        assertThat(rejected(IngestionService.UNKNOWN_METRIC)).isEqualTo(unknownMetric + 1);
        assertThat(rejected(IngestionService.OUT_OF_RANGE)).isEqualTo(outOfRange + 1);
        assertThat(rejected(IngestionService.MALFORMED)).isEqualTo(malformed + 1);
        assertThat(devices.find(id).orElseThrow().status()).isEqualTo(DeviceStatus.ONLINE);
        assertThat(readings.latest(id, "water_level")).map(Reading::value).contains(3.6);
    }

    @Test
    void wrongSecretIsRefusedAtConnectAndCounted() {
        long bad = rejected(IngestionService.BAD_CREDENTIALS);
        long unknown = rejected(IngestionService.UNKNOWN_DEVICE);
        assertThatThrownBy(() -> connect("wl-liuan-01", "wrong-secret")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> connect("no-such-device", "whatever")).isInstanceOf(RuntimeException.class);
        assertThat(rejected(IngestionService.BAD_CREDENTIALS)).isEqualTo(bad + 1);
        assertThat(rejected(IngestionService.UNKNOWN_DEVICE)).isEqualTo(unknown + 1);
    }

    @Test
    void httpBatchFollowsTheSameRulesAndRollUpsAreCorrect() throws Exception {
        String id = "rg-hubin-01";
        String secret = DemoSecrets.secretFor(demoPassword, id);
        Instant minute = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS).plus(5, ChronoUnit.MINUTES);
        long outOfRange = rejected(IngestionService.OUT_OF_RANGE);
        long bad = rejected(IngestionService.BAD_CREDENTIALS);
        long before = ingestion.messages();
        StringBuilder body = new StringBuilder("{\"readings\":[");
        double[] values = {1, 2, 3, 6};
        for (int i = 0; i < values.length; i++) {
            body.append("{\"metric\":\"rainfall\",\"value\":").append(values[i]).append(",\"ts\":\"").append(minute.plusSeconds(i * 10L)).append("\"},");
        }
        body.append("{\"metric\":\"rainfall\",\"value\":-5,\"ts\":\"").append(minute).append("\"},");
        body.append("{\"metric\":\"rainfall\",\"value\":4,\"ts\":\"").append(minute.plus(20, ChronoUnit.MINUTES)).append("\"}]}");

        HttpResponse<String> ok = upload(id, secret, body.toString());
        assertThat(ok.statusCode()).isEqualTo(202);
        assertThat(ok.body()).contains("\"accepted\":5").contains("out-of-range");
        assertThat(upload(id, "wrong", "{\"metric\":\"rainfall\",\"value\":1}").statusCode()).isEqualTo(401);
        assertThat(upload(id, secret, "{oops").statusCode()).isEqualTo(400);
        settle(before, 3);

        assertThat(rejected(IngestionService.OUT_OF_RANGE)).isEqualTo(outOfRange + 1);
        assertThat(rejected(IngestionService.BAD_CREDENTIALS)).isEqualTo(bad + 1);
        List<SeriesPoint> perMinute = readings.series(id, "rainfall", minute, minute.plus(1, ChronoUnit.HOURS), SeriesStep.MINUTE);
        assertThat(perMinute).hasSize(2);
        SeriesPoint first = perMinute.get(0);
        assertThat(first.ts()).isEqualTo(minute);
        assertThat(first.min()).isEqualTo(1.0);
        assertThat(first.max()).isEqualTo(6.0);
        assertThat(first.avg()).isEqualTo(3.0);
        assertThat(first.count()).isEqualTo(4);
        List<SeriesPoint> perHour = readings.series(id, "rainfall", minute.truncatedTo(ChronoUnit.HOURS), minute.plus(1, ChronoUnit.HOURS),
                SeriesStep.HOUR);
        assertThat(perHour).singleElement().satisfies(p -> {
            assertThat(p.count()).isEqualTo(5);
            assertThat(p.avg()).isEqualTo(3.2);
            assertThat(p.max()).isEqualTo(6.0);
        });
    }

    @Test
    void devicesAreListedWithTheirGridAndScopedByRegionAndDepartment() {
        Caller dhWater = new Caller("t1", "t1", "东湖水利", CallerType.OFFICER, Set.of("DEPT_HANDLER"), Set.of(), Set.of("339902"),
                Set.of("dh-water"), null);
        Caller xsWater = new Caller("t2", "t2", "西山水利", CallerType.OFFICER, Set.of("DEPT_HANDLER"), Set.of(), Set.of("339903"),
                Set.of("xs-water"), null);
        List<Device> dh = devices.list(dhWater, null);
        assertThat(dh).extracting(Device::deviceId).contains("wl-liuan-01", "rg-hubin-01").doesNotContain("gas-rest-01", "wl-songlin-01");
        Device gauge = dh.stream().filter(d -> d.deviceId().equals("wl-liuan-01")).findFirst().orElseThrow();
        assertThat(gauge.gridCode()).isEqualTo("339902001001001");
        assertThat(gauge.regionCode()).isEqualTo("339902001001");
        assertThat(devices.list(xsWater, null)).extracting(Device::deviceId).containsExactly("wl-songlin-01");
        assertThatThrownBy(() -> devices.get(xsWater, "wl-liuan-01")).hasMessageContaining("not found");
    }

    @Test
    void silentDeviceGoesOfflineAfterTheHeartbeatTimeout() {
        jdbc.update("update sensing_device set status = 'ONLINE', last_seen_at = ? where device_id = 'aq-donghu-01'",
                java.time.OffsetDateTime.now().minusMinutes(30));
        jdbc.update("update sensing_device set status = 'ONLINE', last_seen_at = ? where device_id = 'elev-hanlin-01'",
                java.time.OffsetDateTime.now());
        assertThat(jobs.heartbeat()).isGreaterThanOrEqualTo(1);
        assertThat(devices.find("aq-donghu-01").orElseThrow().status()).isEqualTo(DeviceStatus.OFFLINE);
        assertThat(devices.find("elev-hanlin-01").orElseThrow().status()).isEqualTo(DeviceStatus.ONLINE);
    }

    @Test
    void partitionsAreCreatedAheadAndRetentionRemovesOldReadings() {
        boolean postgres = jdbc.queryForObject("select count(*) from information_schema.tables where table_name = 'sensor_reading_default'",
                Integer.class) > 0;
        java.time.OffsetDateTime old = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusDays(500).truncatedTo(ChronoUnit.SECONDS);
        java.time.OffsetDateTime recent = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.SECONDS);
        jdbc.update("insert into sensor_reading (device_id, metric, ts, \"value\") values ('wl-liuan-01', 'water_level', ?, 1.0)", old);
        jdbc.update("insert into sensor_reading (device_id, metric, ts, \"value\") values ('wl-liuan-01', 'water_level', ?, 7.0)", recent);
        jobs.ensurePartitions();
        if (postgres) {
            java.time.YearMonth month = java.time.YearMonth.from(recent);
            String current = String.format("sensor_reading_y%04dm%02d", month.getYear(), month.getMonthValue());
            String next = String.format("sensor_reading_y%04dm%02d", month.plusMonths(1).getYear(), month.plusMonths(1).getMonthValue());
            assertThat(jdbc.queryForObject("select count(*) from pg_inherits i join pg_class c on c.oid = i.inhrelid where c.relname in (?, ?)",
                    Integer.class, current, next)).isEqualTo(2);
            // this month's readings live in their partition, not in the default one
            assertThat(jdbc.queryForObject("select count(*) from " + current + " where ts = ?", Integer.class, recent)).isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from sensor_reading_default where ts >= ?", Integer.class,
                    month.atDay(1).atStartOfDay().atOffset(java.time.ZoneOffset.UTC))).isZero();
        } else {
            assertThat(jobs.ensurePartitions()).isZero();
        }
        assertThat(jdbc.queryForObject("select count(*) from sensor_reading where ts = ?", Integer.class, old)).isEqualTo(1);
        jobs.retention();
        assertThat(jdbc.queryForObject("select count(*) from sensor_reading where ts = ?", Integer.class, old)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from sensor_reading where ts = ?", Integer.class, recent)).isEqualTo(1);
    }

    @Test
    void statsEndpointNeedsSignIn() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/sensing/stats")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
    }
}
