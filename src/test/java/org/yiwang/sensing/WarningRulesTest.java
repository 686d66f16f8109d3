package org.yiwang.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.yiwang.governance.CityEvent;
import org.yiwang.governance.CityEventState;
import org.yiwang.governance.CityEvents;
import org.yiwang.sensing.internal.IngestionService;
import org.yiwang.sensing.internal.ReadingWriter;
import org.yiwang.sensing.internal.warning.AlertEngine;
import org.yiwang.sensing.internal.warning.AlertService;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

/**
 * Early-warning rules (预警规则): each kind fires, debounces and recovers; an alert opens one city event in the device's
 * grid routed to the water department, and a later alert updates that event instead of opening a second; subscribers
 * are notified; bad payloads are still counted; the rules API validates. Readings carry their own timestamps, so
 * hold and recovery times are exercised without waiting; missing data is evaluated at a given instant.
 */
class WarningRulesTest extends IntegrationTest {

    @Autowired ReadingWriter writer;
    @Autowired AlertService alerts;
    @Autowired AlertEngine engine;
    @Autowired IngestionService ingestion;
    @Autowired CityEvents events;

    record TestDevice(String id, String secret, String gridCode, String regionCode) {
    }

    private Api.Client admin() {
        return Api.as(baseUrl(), "demo-admin");
    }

    private TestDevice device(String prefix, String type, double lon, double lat, String department) {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deviceId", id);
        body.put("name", "测试设备 " + id);
        body.put("typeCode", type);
        body.put("lon", lon);
        body.put("lat", lat);
        body.put("ownerDepartmentId", department);
        Api.Response r = admin().post("/api/v1/devices", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new TestDevice(id, r.get("secret").asString(), r.json().get("device").path("gridCode").asString(null),
                r.json().get("device").get("regionCode").asString());
    }

    private static Map<String, Object> rule(String id, String kind, String type, String metric, String deviceId, String area,
                                            Map<String, Double> thresholds, int hold, int window, Integer minCount, double hysteresis,
                                            int recover, String eventClass) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("nameZh", "测试规则 " + id);
        m.put("nameEn", "Test rule " + id);
        m.put("kind", kind);
        m.put("typeCode", type);
        m.put("metric", metric);
        m.put("deviceId", deviceId);
        m.put("areaCode", area);
        m.put("direction", "ABOVE");
        m.put("thresholds", thresholds);
        m.put("holdSeconds", hold);
        m.put("windowSeconds", window);
        m.put("minCount", minCount);
        m.put("hysteresis", hysteresis);
        m.put("recoverSeconds", recover);
        m.put("eventClassCode", eventClass);
        return m;
    }

    private void createRule(Map<String, Object> rule) {
        Api.Response r = admin().post("/api/v1/warning-rules", rule);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    /** Uploads readings (value, minutes after t0) over HTTP and waits until they are stored and evaluated. */
    private void send(TestDevice d, String metric, Instant t0, double[][] valuesAtMinutes) throws InterruptedException {
        List<String> items = new ArrayList<>();
        for (double[] v : valuesAtMinutes) {
            items.add("{\"metric\":\"" + metric + "\",\"value\":" + v[0] + ",\"ts\":\"" + t0.plusSeconds((long) (v[1] * 60)) + "\"}");
        }
        sendRaw(d, "{\"readings\":[" + String.join(",", items) + "]}");
    }

    private Api.Response sendRaw(TestDevice d, String body) throws InterruptedException {
        Api.Response r = Api.anonymous(baseUrl()).send("POST", "/api/v1/devices/" + d.id() + "/readings", Api.JSON.readTree(body),
                Map.of("X-Device-Secret", d.secret()));
        settle();
        return r;
    }

    private void settle() throws InterruptedException {
        assertThat(writer.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(alerts.awaitIdle(Duration.ofSeconds(10))).isTrue();
    }

    private List<SensorAlert> alertsOf(String ruleId) {
        return alerts.recent(Instant.EPOCH, 1000).stream().filter(a -> a.ruleId().equals(ruleId)).toList();
    }

    private SensorAlert activeOf(String ruleId) {
        return alerts.active().stream().filter(a -> a.ruleId().equals(ruleId)).findFirst().orElse(null);
    }

    private static Map<String, Double> levels(Object... pairs) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], ((Number) pairs[i + 1]).doubleValue());
        }
        return m;
    }

    @Test
    void thresholdHeldForTenMinutesOpensOneEventForTheWaterDepartmentDebouncesRecoversAndUpdatesTheEventNextTime() throws Exception {
        TestDevice gauge = device("wl-test", "WATER_LEVEL", 120.065, 30.036, "dh-water");
        assertThat(gauge.gridCode()).isNotNull();
        String ruleId = "test-level-" + gauge.id().substring(8);
        createRule(rule(ruleId, "THRESHOLD", "WATER_LEVEL", "water_level", gauge.id(), null, levels("YELLOW", 3.8, "RED", 4.0),
                600, 0, null, 0.1, 120, "E0404"));
        String officer = jdbc.queryForObject("select id from identity_account where username = ?", String.class, "demo-officer");
        Api.Response sub = Api.as(baseUrl(), "demo-officer").post("/api/v1/alert-subscriptions", Map.of("ruleId", ruleId));
        assertThat(sub.status()).as(sub.toString()).isEqualTo(201);
        Instant t0 = Instant.now().minus(40, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

        // above 4.0 m, but interrupted at +8 min and then held only 6 minutes: no alert (debounce by hold time)
        send(gauge, "water_level", t0, new double[][] {{4.1, 0}, {4.2, 5}, {3.5, 8}, {4.1, 9}, {4.2, 15}});
        assertThat(alertsOf(ruleId)).isEmpty();

        // bad readings in the same batch are rejected and counted, the good one is evaluated: held 10 minutes → 红色
        long outOfRange = ingestion.rejects().getOrDefault(IngestionService.OUT_OF_RANGE, 0L);
        long malformed = ingestion.rejects().getOrDefault(IngestionService.MALFORMED, 0L);
        sendRaw(gauge, "{\"readings\":[{\"metric\":\"water_level\",\"value\":500,\"ts\":\"" + t0.plusSeconds(18 * 60) + "\"},"
                + "{\"metric\":\"water_level\",\"value\":\"high\"},"
                + "{\"metric\":\"water_level\",\"value\":4.3,\"ts\":\"" + t0.plusSeconds(19 * 60) + "\"}]}");
        assertThat(ingestion.rejects().get(IngestionService.OUT_OF_RANGE)).isEqualTo(outOfRange + 1);
        assertThat(ingestion.rejects().get(IngestionService.MALFORMED)).isEqualTo(malformed + 1);
        SensorAlert first = activeOf(ruleId);
        assertThat(first).isNotNull();
        assertThat(first.level()).isEqualTo(AlertLevel.RED);
        assertThat(first.deviceId()).isEqualTo(gauge.id());
        assertThat(first.gridCode()).isEqualTo(gauge.gridCode());
        assertThat(first.value()).isEqualTo(4.3);
        assertThat(first.eventId()).isNotNull();
        CityEvent event = events.find(first.eventId()).orElseThrow();
        assertThat(event.source()).isEqualTo("SENSOR");
        assertThat(event.classCode()).isEqualTo("E0404");
        assertThat(event.gridCode()).isEqualTo(gauge.gridCode());
        assertThat(event.departmentId()).isEqualTo("dh-water");
        assertThat(event.state()).isEqualTo(CityEventState.REPORTED);
        assertThat(event.description()).contains("红色预警", gauge.id(), "4.3");

        // the subscriber is told (in-app, after commit)
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.queryForObject(
                "select count(*) from inbox_message where account_id = ? and body like ?", Integer.class, officer, "%" + gauge.id() + "%") >= 1);

        // officers in scope see it through the API; a citizen does not
        Api.Response listed = Api.as(baseUrl(), "demo-officer").get("/api/v1/sensor-alerts");
        assertThat(listed.json().findValuesAsString("alertId")).contains(first.alertId());
        assertThat(Api.as(baseUrl(), "demo-citizen").get("/api/v1/sensor-alerts").status()).isEqualTo(403);

        // recovery debounce: 3.95 is inside the hysteresis band, then clear from +21 min; recovers 2 minutes later
        send(gauge, "water_level", t0, new double[][] {{3.95, 20}, {3.6, 21}, {3.5, 22}});
        assertThat(activeOf(ruleId)).isNotNull();
        send(gauge, "water_level", t0, new double[][] {{3.5, 23}});
        assertThat(activeOf(ruleId)).isNull();
        SensorAlert recovered = alerts.find(first.alertId()).orElseThrow();
        assertThat(recovered.active()).isFalse();
        assertThat(recovered.recoveredAt()).isNotNull();

        // the river rises again while the event is still open: a new alert, the same event, updated
        send(gauge, "water_level", t0, new double[][] {{3.9, 25}, {3.95, 30}, {4.05, 36}});
        SensorAlert second = activeOf(ruleId);
        assertThat(second).isNotNull();
        assertThat(second.alertId()).isNotEqualTo(first.alertId());
        assertThat(second.level()).isEqualTo(AlertLevel.YELLOW);
        assertThat(second.eventId()).isEqualTo(first.eventId());
        assertThat(jdbc.queryForObject("select count(*) from gov_event where description like ?", Integer.class, "%" + gauge.id() + "%"))
                .isEqualTo(1);
        assertThat(jdbc.queryForList("select action from gov_event_history where event_id = ? order by at", String.class, first.eventId()))
                .contains("report", "system-update", "system-escalate");
    }

    @Test
    void rateOfChangeEscalatesAndRecoversWithoutAnEventWhenTheRuleHasNoClass() throws Exception {
        TestDevice gauge = device("wl-rate", "WATER_LEVEL", 120.066, 30.037, "dh-water");
        String ruleId = "test-rate-" + gauge.id().substring(8);
        createRule(rule(ruleId, "RATE_OF_CHANGE", "WATER_LEVEL", "water_level", gauge.id(), null, levels("YELLOW", 0.3, "RED", 0.6),
                0, 600, null, 0, 0, null));
        Instant t0 = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        send(gauge, "water_level", t0, new double[][] {{2.0, 0}, {2.1, 2}});
        assertThat(activeOf(ruleId)).isNull();
        send(gauge, "water_level", t0, new double[][] {{2.4, 4}});
        assertThat(activeOf(ruleId).level()).isEqualTo(AlertLevel.YELLOW);
        send(gauge, "water_level", t0, new double[][] {{2.7, 6}});
        SensorAlert red = activeOf(ruleId);
        assertThat(red.level()).isEqualTo(AlertLevel.RED);
        assertThat(red.value()).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(red.eventId()).isNull();
        // level steady for ten minutes: the change over the window is 0 → recovers
        send(gauge, "water_level", t0, new double[][] {{2.7, 20}});
        assertThat(activeOf(ruleId)).isNull();
        assertThat(alertsOf(ruleId)).hasSize(1);
    }

    @Test
    void missingDataRaisesAfterTheSilenceEscalatesAndRecoversWhenDataArrives() throws Exception {
        TestDevice gauge = device("wl-silent", "WATER_LEVEL", 120.067, 30.038, "dh-water");
        String ruleId = "test-silent-" + gauge.id().substring(10);
        createRule(rule(ruleId, "MISSING_DATA", "WATER_LEVEL", null, gauge.id(), null, levels("YELLOW", 600, "RED", 1800),
                0, 0, null, 0, 0, null));
        Instant now = Instant.now();
        send(gauge, "water_level", now, new double[][] {{2.0, 0}});
        engine.tick(now.plusSeconds(300));
        settle();
        assertThat(activeOf(ruleId)).isNull();
        engine.tick(now.plusSeconds(700));
        settle();
        assertThat(activeOf(ruleId).level()).isEqualTo(AlertLevel.YELLOW);
        engine.tick(now.plusSeconds(2000));
        settle();
        assertThat(activeOf(ruleId).level()).isEqualTo(AlertLevel.RED);
        send(gauge, "water_level", Instant.now(), new double[][] {{2.0, 0}});
        assertThat(activeOf(ruleId)).isNull();
        assertThat(alertsOf(ruleId)).hasSize(1);
    }

    @Test
    void multiPointNeedsTwoDetectorsOfTheAreaWithinTheWindowAndRecoversWhenTheWindowPasses() throws Exception {
        TestDevice a = device("gas-mp", "GAS_DETECTOR", 120.150, 30.120, "xs-amr");
        TestDevice b = device("gas-mp", "GAS_DETECTOR", 120.151, 30.121, "xs-amr");
        TestDevice c = device("gas-mp", "GAS_DETECTOR", 120.152, 30.119, "xs-amr");
        String area = a.regionCode().substring(0, 9) + "000"; // the street (青石镇) around the three
        String ruleId = "test-multi-" + a.id().substring(7);
        createRule(rule(ruleId, "MULTI_POINT", "GAS_DETECTOR", "gas_lel", null, area, levels("ORANGE", 10, "RED", 20),
                0, 600, 2, 0, 0, "E0403"));
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        send(a, "gas_lel", t0, new double[][] {{25, 0}});
        assertThat(activeOf(ruleId)).isNull(); // one detector is not a multi-point trigger
        send(c, "gas_lel", t0, new double[][] {{12, 0.5}});
        SensorAlert orange = activeOf(ruleId);
        assertThat(orange.level()).isEqualTo(AlertLevel.ORANGE);
        assertThat(orange.deviceIds()).containsExactlyInAnyOrder(a.id(), c.id());
        send(b, "gas_lel", t0, new double[][] {{30, 1}});
        SensorAlert red = activeOf(ruleId);
        assertThat(red.alertId()).isEqualTo(orange.alertId());
        assertThat(red.level()).isEqualTo(AlertLevel.RED);
        assertThat(red.deviceIds()).containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(red.eventId()).isNotNull();
        assertThat(events.find(red.eventId()).orElseThrow().classCode()).isEqualTo("E0403");
        // nothing new for longer than the window
        engine.tick(t0.plusSeconds(1200));
        settle();
        assertThat(activeOf(ruleId)).isNull();
    }

    @Test
    void rulesApiListsTheScenarioPacksValidatesFieldsChecksPermissionsAndHonoursIdempotencyKeys() {
        Api.Response list = Api.as(baseUrl(), "demo-officer").get("/api/v1/warning-rules");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().findValuesAsString("id")).contains("flood-hehuaqiao-level", "gas-donghu-multi", "elevator-trapped", "air-pm25");
        assertThat(Api.as(baseUrl(), "demo-citizen").get("/api/v1/warning-rules").status()).isEqualTo(403);

        Map<String, Object> bad = rule("Bad Id!", "SOMETHING", "WATER_LEVEL", "rainfall", null, "12", levels("RED", 1, "YELLOW", 2),
                -1, 0, null, -1, 0, "X9999");
        Api.Response r = admin().post("/api/v1/warning-rules", bad);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        for (String field : List.of("id", "kind", "metric", "areaCode", "thresholds.RED", "holdSeconds", "hysteresis", "eventClassCode")) {
            assertThat(r.namesField(field)).as(field + " in " + r).isTrue();
        }
        Map<String, Object> multi = rule("test-multi-bad", "MULTI_POINT", "GAS_DETECTOR", "gas_lel", null, null, levels("RED", 20),
                0, 0, 1, 0, 0, null);
        Api.Response m = admin().post("/api/v1/warning-rules", multi);
        assertThat(m.namesField("windowSeconds")).isTrue();
        assertThat(m.namesField("minCount")).isTrue();

        String id = "test-api-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> good = rule(id, "THRESHOLD", "AIR_QUALITY", "pm25", null, "339903000000", levels("YELLOW", 115, "RED", 250),
                1800, 0, null, 5, 1800, "E0602");
        assertThat(Api.as(baseUrl(), "demo-officer").post("/api/v1/warning-rules", good).status()).isEqualTo(403);
        Api.Response created = admin().post("/api/v1/warning-rules", good, Map.of("Idempotency-Key", id));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Api.Response again = admin().post("/api/v1/warning-rules", good, Map.of("Idempotency-Key", id));
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.get("updatedAt").asString()).isEqualTo(created.get("updatedAt").asString());
        assertThat(admin().post("/api/v1/warning-rules", good).problemCode()).isEqualTo("rule-exists");

        good.put("thresholds", levels("YELLOW", 100, "RED", 200));
        Api.Response updated = admin().put("/api/v1/warning-rules/" + id, good);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("thresholds").get("RED").asDouble()).isEqualTo(200);
        assertThat(admin().put("/api/v1/warning-rules/no-such-rule", good).status()).isEqualTo(404);
    }
}
