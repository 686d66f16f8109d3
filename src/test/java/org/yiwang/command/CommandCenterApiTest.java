package org.yiwang.command;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;

import org.yiwang.sensing.AlertChanged;
import org.yiwang.sensing.AlertLevel;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Command center API and live stream: permission (401/403), filters with 400 naming fields, region scope (a district
 * officer sees only the district), counts by state, devices, and the SSE stream — pushed after commit, filtered per
 * subscriber's scope, resumed with Last-Event-ID, reset for an unknown id.
 */
class CommandCenterApiTest extends IntegrationTest {

    /** 柳岸社区, 东湖区 (grid 339902001001001) and a 西山区 point (grid 339903100202002). */
    static final double[] DONGHU = {120.0061, 30.0402};
    static final double[] XISHAN = {120.19, 30.1};

    @Autowired
    ApplicationEventPublisher publisher;

    private Api.Client as(String user) {
        return Api.as(baseUrl(), user);
    }

    private JsonNode report(String user, String classCode, String description, double[] at) {
        Map<String, Object> m = new HashMap<>();
        if (classCode != null) {
            m.put("classCode", classCode);
        }
        m.put("description", description);
        m.put("lon", at[0]);
        m.put("lat", at[1]);
        Api.Response r = as(user).post("/api/v1/events", m);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    private static List<String> eventNos(Api.Response r) {
        return r.json().path("events").findValuesAsString("eventNo");
    }

    @Test
    void onlyOfficersWithThePermissionAndBadFiltersAreNamed() {
        assertThat(Api.anonymous(baseUrl()).get("/api/v1/command/events").status()).isEqualTo(401);
        Api.Response citizen = as("demo-citizen").get("/api/v1/command/events");
        assertThat(citizen.status()).as(citizen.toString()).isEqualTo(403);
        assertThat(as("demo-clerk").get("/api/v1/command/summary").status()).isEqualTo(403);
        assertThat(as("demo-citizen").get("/api/v1/command/stream").status()).isEqualTo(403);

        Api.Response bad = as("demo-dispatcher").get("/api/v1/command/events?state=NOPE&region=12&grid=abc&from=yesterday&class=X9999&limit=0");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
        for (String field : List.of("state", "region", "grid", "from", "class", "limit")) {
            assertThat(bad.namesField(field)).as(field + " in " + bad).isTrue();
        }
        Api.Response reversed = as("demo-dispatcher").get("/api/v1/command/events?from=2026-11-20&to=2026-11-01");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.namesField("to")).isTrue();
    }

    @Test
    void aDistrictOfficerSeesOnlyTheDistrictAndFiltersApply() {
        String tag = UUID.randomUUID().toString();
        String dh = report("demo-citizen", "E0101", "东湖 垃圾 " + tag, DONGHU).get("eventNo").asString();
        String xs = report("demo-citizen", null, "西山 井盖 " + tag, XISHAN).get("eventNo").asString();

        Api.Response dispatcher = as("demo-dispatcher").get("/api/v1/command/events");
        assertThat(dispatcher.status()).as(dispatcher.toString()).isEqualTo(200);
        assertThat(dispatcher.get("cursor").asString()).contains(":");
        assertThat(eventNos(dispatcher)).contains(dh).doesNotContain(xs);
        JsonNode row = dispatcher.json().path("events").findParent("eventNo");
        assertThat(row.has("reporterAccountId")).isFalse();

        assertThat(eventNos(as("demo-officer-xishan").get("/api/v1/command/events"))).contains(xs).doesNotContain(dh);
        assertThat(eventNos(as("demo-admin").get("/api/v1/command/events"))).contains(dh, xs);

        // filters: class, grid, region subtree, state, time range
        assertThat(eventNos(as("demo-dispatcher").get("/api/v1/command/events?class=E0101"))).contains(dh);
        assertThat(eventNos(as("demo-dispatcher").get("/api/v1/command/events?class=E0102"))).doesNotContain(dh);
        assertThat(eventNos(as("demo-dispatcher").get("/api/v1/command/events?grid=339902001001001"))).contains(dh);
        assertThat(eventNos(as("demo-dispatcher").get("/api/v1/command/events?region=339902001000"))).contains(dh);
        assertThat(eventNos(as("demo-dispatcher").get("/api/v1/command/events?region=339902002000"))).doesNotContain(dh);
        assertThat(eventNos(as("demo-admin").get("/api/v1/command/events?region=339903000000"))).contains(xs).doesNotContain(dh);
        assertThat(eventNos(as("demo-dispatcher").get("/api/v1/command/events?state=CLOSED"))).doesNotContain(dh);
        assertThat(eventNos(as("demo-dispatcher").get("/api/v1/command/events?state=REPORTED,FILED"))).contains(dh);
        assertThat(eventNos(as("demo-dispatcher").get("/api/v1/command/events?to=2020-01-01"))).doesNotContain(dh);

        // a region filter never widens the scope: 西山区 asked by the 东湖区 dispatcher gives nothing of 西山区
        assertThat(eventNos(as("demo-dispatcher").get("/api/v1/command/events?region=339903000000"))).doesNotContain(xs);

        Api.Response summary = as("demo-dispatcher").get("/api/v1/command/summary");
        assertThat(summary.status()).isEqualTo(200);
        long reported = summary.get("byState").path("REPORTED").asLong();
        long dbReported = jdbc.queryForObject("select count(*) from gov_event where state = 'REPORTED' and region_code like '339902%'",
                Long.class);
        assertThat(reported).isEqualTo(dbReported);
        long total = 0;
        for (JsonNode n : summary.get("byState")) {
            total += n.asLong();
        }
        assertThat(summary.get("total").asLong()).isEqualTo(total);
    }

    @Test
    void devicesAreScopedByRegionAndOwnerDepartment() {
        Api.Response dispatcher = as("demo-dispatcher").get("/api/v1/command/devices");
        assertThat(dispatcher.status()).as(dispatcher.toString()).isEqualTo(200);
        List<String> ids = dispatcher.json().findValuesAsString("deviceId");
        assertThat(ids).contains("wl-liuan-01", "gas-rest-01").doesNotContain("gas-xs-01", "wl-songlin-01");
        assertThat(dispatcher.json().get(0).path("status").asString()).isIn("ONLINE", "OFFLINE");
        // a 西山区 department handler: only devices of their departments in 西山区
        List<String> xs = as("demo-officer-xishan").get("/api/v1/command/devices").json().findValuesAsString("deviceId");
        assertThat(xs).contains("gas-xs-01").doesNotContain("wl-liuan-01", "wl-songlin-01");
    }

    @Test
    void theStreamPushesCommittedChangesInScopeAndResumesWithLastEventId() throws Exception {
        String cursor = as("demo-dispatcher").get("/api/v1/command/events").get("cursor").asString();
        String tag = UUID.randomUUID().toString();
        String dispatcherToken = as("demo-dispatcher").token();
        try (SseClient dispatcher = new SseClient(baseUrl() + "/api/v1/command/stream?since=" + cursor, dispatcherToken, Map.of());
             SseClient xishan = new SseClient(baseUrl() + "/api/v1/command/stream", as("demo-officer-xishan").token(), Map.of())) {
            assertThat(dispatcher.status).isEqualTo(200);
            assertThat(dispatcher.contentType).startsWith("text/event-stream");
            dispatcher.until(m -> m.comment() != null && m.comment().startsWith("connected"));
            xishan.until(m -> m.comment() != null && m.comment().startsWith("connected"));

            // first a 西山区 report, then a 东湖区 one: the dispatcher's stream is in order, so when the 东湖区 one
            // arrives the 西山区 one would already have been there if it leaked
            JsonNode xs = report("demo-citizen", null, "西山 stream " + tag, XISHAN);
            JsonNode dh = report("demo-citizen", "E0101", "东湖 stream " + tag, DONGHU);
            String dhNo = dh.get("eventNo").asString();
            List<SseClient.Message> got = dispatcher.until(m -> "event".equals(m.event()) && m.data().contains(dhNo));
            assertThat(got).noneMatch(m -> m.data() != null && m.data().contains(xs.get("eventNo").asString()));
            SseClient.Message reportedMsg = got.getLast();
            JsonNode body = Api.JSON.readTree(reportedMsg.data());
            assertThat(body.get("state").asString()).isEqualTo("REPORTED");
            assertThat(body.get("action").asString()).isEqualTo("report");
            assertThat(body.get("gridCode").asString()).isEqualTo("339902001001001");
            assertThat(reportedMsg.id()).contains(":");
            // the 西山区 officer gets the 西山区 event, and not the 东湖区 one before it
            List<SseClient.Message> xsGot = xishan.until(m -> "event".equals(m.event()) && m.data().contains(xs.get("eventNo").asString()));
            assertThat(xsGot).noneMatch(m -> m.data() != null && m.data().contains(dhNo));

            // 立案 and 派遣 arrive as changes of the same event
            String id = dh.get("id").asString();
            assertThat(as("demo-supervisor").post("/api/v1/events/" + id + "/file", Map.of("classCode", "E0101")).status()).isEqualTo(200);
            SseClient.Message filed = dispatcher.until(m -> "event".equals(m.event()) && m.data().contains(dhNo)).getLast();
            assertThat(Api.JSON.readTree(filed.data()).get("state").asString()).isEqualTo("FILED");
            assertThat(as("demo-dispatcher").post("/api/v1/events/" + id + "/dispatch", Map.of("departmentId", "dh-urban")).status())
                    .isEqualTo(200);
            SseClient.Message dispatched = dispatcher.until(m -> "event".equals(m.event()) && m.data().contains(dhNo)).getLast();
            assertThat(Api.JSON.readTree(dispatched.data()).get("state").asString()).isEqualTo("DISPATCHED");
            assertThat(Api.JSON.readTree(dispatched.data()).get("departmentId").asString()).isEqualTo("dh-urban");

            // reconnecting with Last-Event-ID of the report replays what came after it (立案, 派遣) in order
            try (SseClient again = new SseClient(baseUrl() + "/api/v1/command/stream", dispatcherToken,
                    Map.of("Last-Event-ID", reportedMsg.id()))) {
                List<SseClient.Message> replayed = again.until(m -> m.id() != null && m.id().equals(dispatched.id()));
                List<String> states = replayed.stream().filter(m -> "event".equals(m.event()) && m.data().contains(dhNo))
                        .map(m -> Api.JSON.readTree(m.data()).get("state").asString()).toList();
                assertThat(states).containsExactly("FILED", "DISPATCHED");
            }
            // an id from another run (or garbage) cannot be replayed: the client is told to reload
            try (SseClient stale = new SseClient(baseUrl() + "/api/v1/command/stream", dispatcherToken, Map.of("Last-Event-ID", "old:5"))) {
                assertThat(stale.until(m -> m.event() != null).getLast().event()).isEqualTo("reset");
            }
        }
    }

    @Test
    void alertsArePushedToTheStreamInScopeAndKpisAnswer() throws Exception {
        Api.Response listed = as("demo-dispatcher").get("/api/v1/command/alerts");
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(listed.get("alerts").isArray()).isTrue();
        assertThat(as("demo-citizen").get("/api/v1/command/alerts").status()).isEqualTo(403);

        try (SseClient dispatcher = new SseClient(baseUrl() + "/api/v1/command/stream", as("demo-dispatcher").token(), Map.of());
             SseClient xishan = new SseClient(baseUrl() + "/api/v1/command/stream", as("demo-officer-xishan").token(), Map.of())) {
            dispatcher.until(m -> m.comment() != null && m.comment().startsWith("connected"));
            xishan.until(m -> m.comment() != null && m.comment().startsWith("connected"));
            String alertId = "test-alert-" + UUID.randomUUID();
            String xsAlertId = "test-alert-" + UUID.randomUUID();
            // 西山区 gauge first, then the 柳岸河 gauge of 东湖区 (outside any transaction: delivered at once)
            publisher.publishEvent(new AlertChanged(xsAlertId, "rule-x", AlertChanged.RAISED, AlertLevel.YELLOW, null, true,
                    "wl-songlin-01", 120.19, 30.1, "339903100202002", "339903100202", null, java.time.Instant.now()));
            publisher.publishEvent(new AlertChanged(alertId, "rule-1", AlertChanged.RAISED, AlertLevel.RED, null, true,
                    "wl-liuan-03", 120.0061, 30.0402, "339902001001001", "339902001001", null, java.time.Instant.now()));
            List<SseClient.Message> got = dispatcher.until(m -> "alert".equals(m.event()) && m.data().contains(alertId));
            assertThat(got).noneMatch(m -> m.data() != null && m.data().contains(xsAlertId));
            JsonNode alert = Api.JSON.readTree(got.getLast().data());
            assertThat(alert.get("level").asString()).isEqualTo("RED");
            assertThat(alert.get("change").asString()).isEqualTo("RAISED");
            assertThat(alert.get("deviceName").asString()).isNotBlank();
            // the 西山区 handler (城管/市场监管) gets the alert of a 西山区 restaurant gas detector (市场监管局), but neither
            // the 东湖区 one nor the 西山区 gauge's (水利局), both published before it
            String gasAlertId = "test-alert-" + UUID.randomUUID();
            publisher.publishEvent(new AlertChanged(gasAlertId, "rule-g", AlertChanged.RAISED, AlertLevel.ORANGE, null, true,
                    "gas-xs-01", 120.19, 30.1, "339903100202002", "339903100202", null, java.time.Instant.now()));
            List<SseClient.Message> xsGot = xishan.until(m -> "alert".equals(m.event()) && m.data().contains(gasAlertId));
            assertThat(xsGot).noneMatch(m -> m.data() != null && (m.data().contains(alertId) || m.data().contains(xsAlertId)));
        }

        Api.Response kpis = as("demo-dispatcher").get("/api/v1/command/kpis");
        assertThat(kpis.status()).as(kpis.toString()).isEqualTo(200);
        if (kpis.get("available").asBoolean()) {
            assertThat(kpis.get("report").has("total")).isTrue();
        }
        Api.Response badKpis = as("demo-dispatcher").get("/api/v1/command/kpis?region=1&from=x");
        assertThat(badKpis.status()).isEqualTo(400);
        assertThat(badKpis.namesField("region")).isTrue();
        assertThat(badKpis.namesField("from")).isTrue();
    }

    @Test
    void theWebStreamNeedsASignedInSession() {
        Api.Response r = Api.anonymous(baseUrl()).get("/command/stream");
        assertThat(r.status()).isEqualTo(401); // a browser asking for HTML is sent to /login instead
        assertThat(r.body()).doesNotContain("connected");
    }
}
