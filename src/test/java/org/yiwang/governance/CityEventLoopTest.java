package org.yiwang.governance;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import org.yiwang.crypto.PersonalDataKind;
import org.yiwang.crypto.PersonalDataVault;
import org.yiwang.files.FileService;
import org.yiwang.governance.internal.events.CityEventSlaJob;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;
import org.yiwang.support.Api;
import org.yiwang.support.AsCaller;
import org.yiwang.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * City events: one entrance and the closed loop 上报 → 立案 → 派遣 → 处置 → 核查 (返工) → 结案 → 评价, with role (403),
 * state (409) and scope (404) checks, idempotent intake, 属地 outside the city, SLA escalation and duplicates.
 */
class CityEventLoopTest extends IntegrationTest {

    @Autowired
    EventCatalog catalog;
    @Autowired
    CityEvents cityEvents;
    @Autowired
    FileService files;
    @Autowired
    PersonalDataVault vault;
    @Autowired
    CityEventSlaJob sla;
    @Autowired
    OrganizationDirectory organization;

    private Api.Client as(String user) {
        return Api.as(baseUrl(), user);
    }

    private String accountId(String username) {
        return jdbc.queryForObject("select id from identity_account where username = ?", String.class, username);
    }

    private static Map<String, Object> report(String classCode, String description, double lon, double lat) {
        Map<String, Object> m = new HashMap<>();
        if (classCode != null) {
            m.put("classCode", classCode);
        }
        m.put("description", description);
        m.put("lon", lon);
        m.put("lat", lat);
        return m;
    }

    private String photoOf(String username) throws IOException {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        img.setRGB(1, 1, 0x336699);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        Caller c = new Caller(accountId(username), username, username, CallerType.CITIZEN, Set.of(), Set.of("file:upload"), Set.of(),
                Set.of(), null);
        return AsCaller.call(c, () -> files.store("photo.png", "event-photo", new ByteArrayInputStream(out.toByteArray())).id());
    }

    private String officerPhoto() throws IOException {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        img.setRGB(2, 2, 0x449966);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        Caller c = new Caller(accountId("demo-officer"), "demo-officer", "吴建华", CallerType.OFFICER, Set.of("DEPT_HANDLER"),
                Set.of("file:upload"), Set.of("339902"), Set.of("dh-urban"), null);
        return AsCaller.call(c, () -> files.store("result.png", "event-photo", "339902000000", "dh-urban",
                new ByteArrayInputStream(out.toByteArray())).id());
    }

    private Api.Response act(String user, String id, String action, Map<String, Object> body) {
        return as(user).post("/api/v1/events/" + id + "/" + action, body);
    }

    @Test
    void citizenReportRunsTheWholeLoopToClosedAndRated() throws IOException {
        String photo = photoOf("demo-citizen");
        Map<String, Object> body = report("E0101", "柳岸路路边有一堆暴露垃圾 " + UUID.randomUUID(), 120.0051, 30.0302);
        body.put("photos", List.of(photo));
        String key = "evt-" + UUID.randomUUID();
        Api.Response created = as("demo-citizen").post("/api/v1/events", body, Map.of("Idempotency-Key", key));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.get("id").asString();
        String no = created.get("eventNo").asString();
        assertThat(no).matches("SJ\\d{8}\\d{6}");
        assertThat(created.get("source").asString()).isEqualTo("CITIZEN");
        assertThat(created.get("matchRule").asString()).isEqualTo("GRID");
        assertThat(created.get("gridCode").asString()).isEqualTo("339902001001001");
        assertThat(created.get("regionCode").asString()).isEqualTo("339902001001");
        // 事权清单 of the demo city: 湖滨街道 names its street office for 暴露垃圾
        assertThat(created.get("departmentId").asString()).isEqualTo("dh-hubin");
        assertThat(created.get("state").asString()).isEqualTo("REPORTED");

        // a retry with the same Idempotency-Key returns the same event, never a second one
        Api.Response again = as("demo-citizen").post("/api/v1/events", body, Map.of("Idempotency-Key", key));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.get("id").asString()).isEqualTo(id);
        assertThat(jdbc.queryForObject("select count(*) from gov_event where description = ?", Integer.class, body.get("description")))
                .isEqualTo(1);

        // 西山区 officer: neither sees nor acts on it
        assertThat(as("demo-officer-xishan").get("/api/v1/events/" + id).status()).isEqualTo(404);
        assertThat(act("demo-officer-xishan", id, "handle", Map.of("comment", "x")).status()).isEqualTo(404);
        assertThat(as("demo-officer-xishan").get("/api/v1/events?state=REPORTED").json().findValuesAsString("id")).doesNotContain(id);

        // wrong role → 403, wrong state → 409
        Api.Response wrongRole = act("demo-dispatcher", id, "file", Map.of("classCode", "E0101"));
        assertThat(wrongRole.status()).as(wrongRole.toString()).isEqualTo(403);
        Api.Response citizenFiles = act("demo-citizen", id, "file", Map.of());
        assertThat(citizenFiles.status()).isEqualTo(403);
        Api.Response tooEarly = act("demo-dispatcher", id, "dispatch", Map.of());
        assertThat(tooEarly.status()).as(tooEarly.toString()).isEqualTo(409);
        assertThat(tooEarly.problemCode()).isEqualTo("invalid-state");

        // 立案 by the 监督中心; the supervisor now may read the citizen's photo
        Api.Response filed = act("demo-supervisor", id, "file", Map.of("classCode", "E0101", "comment", "符合立案条件"));
        assertThat(filed.status()).as(filed.toString()).isEqualTo(200);
        assertThat(filed.get("state").asString()).isEqualTo("FILED");
        assertThat(act("demo-supervisor", id, "file", Map.of()).status()).isEqualTo(409);
        assertThat(as("demo-supervisor").get("/api/v1/files/" + photo).status()).isEqualTo(200);

        // 派遣 by the 指挥中心 to 东湖区城市管理局 (overriding the list); the clock starts on the working calendar
        Api.Response dispatched = act("demo-dispatcher", id, "dispatch", Map.of("departmentId", "dh-urban"));
        assertThat(dispatched.status()).as(dispatched.toString()).isEqualTo(200);
        assertThat(dispatched.get("state").asString()).isEqualTo("DISPATCHED");
        assertThat(dispatched.get("departmentId").asString()).isEqualTo("dh-urban");
        Instant dispatchedAt = Instant.parse(dispatched.get("dispatchedAt").asString());
        Instant deadline = Instant.parse(dispatched.get("deadline").asString());
        assertThat(deadline).isEqualTo(catalog.deadline("E0101", dispatchedAt)).isAfter(dispatchedAt);
        assertThat(cityEvents.find(id).orElseThrow().deadline()).isEqualTo(deadline);

        // 处置 by the department's handler (result required); a failed 核查 returns it for 返工
        Api.Response noResult = act("demo-officer", id, "handle", Map.of());
        assertThat(noResult.status()).isEqualTo(400);
        assertThat(noResult.namesField("comment")).isTrue();
        assertThat(act("demo-supervisor", id, "handle", Map.of("comment", "x")).status()).isEqualTo(403);
        assertThat(act("demo-officer", id, "handle", Map.of("comment", "已清理")).get("state").asString()).isEqualTo("HANDLED");
        Api.Response failed = act("demo-supervisor", id, "verify", Map.of("passed", false, "comment", "仍有残留"));
        assertThat(failed.status()).as(failed.toString()).isEqualTo(200);
        assertThat(failed.get("state").asString()).isEqualTo("DISPATCHED");
        assertThat(failed.get("reworkCount").asInt()).isEqualTo(1);
        assertThat(act("demo-citizen", id, "rate", Map.of("rating", 5)).status()).isEqualTo(409);

        // the handler's result photo becomes readable by the reporter
        String resultPhoto = officerPhoto();
        assertThat(as("demo-citizen").get("/api/v1/files/" + resultPhoto + "/meta").status()).isEqualTo(404);
        Api.Response handled = act("demo-officer", id, "handle", Map.of("comment", "已彻底清理", "photos", List.of(resultPhoto)));
        assertThat(handled.get("state").asString()).as(handled.toString()).isEqualTo("HANDLED");
        assertThat(handled.get("handlePhotos").get(0).asString()).isEqualTo(resultPhoto);
        assertThat(as("demo-citizen").get("/api/v1/files/" + resultPhoto + "/meta").status()).isEqualTo(200);
        Api.Response closed = act("demo-supervisor", id, "verify", Map.of("passed", true));
        assertThat(closed.get("state").asString()).isEqualTo("CLOSED");
        assertThat(closed.get("closedAt").isNull()).isFalse();

        // 综合评价: by the reporter only, 1–5, once
        assertThat(act("demo-supervisor", id, "rate", Map.of("rating", 5)).status()).isEqualTo(403);
        Api.Response badRating = act("demo-citizen", id, "rate", Map.of("rating", 7));
        assertThat(badRating.status()).isEqualTo(400);
        assertThat(badRating.namesField("rating")).isTrue();
        Api.Response rated = act("demo-citizen", id, "rate", Map.of("rating", 5, "comment", "很及时"));
        assertThat(rated.status()).as(rated.toString()).isEqualTo(200);
        assertThat(rated.get("rating").asInt()).isEqualTo(5);
        assertThat(act("demo-citizen", id, "rate", Map.of("rating", 4)).status()).isEqualTo(409);

        JsonNode history = as("demo-citizen").get("/api/v1/events/" + id).get("history");
        assertThat(history.findValuesAsString("action")).containsExactly("report", "file", "dispatch", "handle", "verify-fail",
                "handle", "verify-pass", "rate");
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where target = ?", Integer.class, "event:" + no))
                .isGreaterThanOrEqualTo(8);
        assertThat(as("demo-citizen").get("/api/v1/events?mine=true").json().findValuesAsString("id")).contains(id);

        // the reporter's inbox receives the status messages (delivered after commit)
        String citizen = accountId("demo-citizen");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.queryForObject(
                "select count(*) from inbox_message where account_id = ? and title like ?", Integer.class, citizen, "%" + no + "%") >= 7);
        assertThat(jdbc.queryForObject("select count(*) from inbox_message where account_id = ? and body like ?", Integer.class,
                citizen, "%" + no + "%已结案%")).isEqualTo(1);
    }

    @Test
    void theCatalogPicksTheDistrictUrbanManagementBureauOutsideHubinAndIntakeValidates() {
        Api.Response r = as("demo-citizen").post("/api/v1/events", report("E0101", "书香路暴露垃圾 " + UUID.randomUUID(), 120.005, 30.1));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.get("gridCode").asString()).isEqualTo("339902002001001");
        assertThat(r.get("departmentId").asString()).isEqualTo("dh-urban");

        Api.Response outside = as("demo-citizen").post("/api/v1/events", report(null, "上海某处", 121.5, 31.2));
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.namesField("lon")).isTrue();
        assertThat(outside.namesField("lat")).isTrue();
        Api.Response bad = as("demo-citizen").post("/api/v1/events", Map.of("classCode", "E9999", "lon", 120.0));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.namesField("description")).isTrue();
        assertThat(bad.namesField("lat")).isTrue();
        assertThat(bad.namesField("classCode")).isTrue();
        Api.Response notMine = as("demo-citizen").post("/api/v1/events", Map.of("description", "x", "lon", 120.005, "lat", 30.03,
                "photos", List.of("no-such-file")));
        assertThat(notMine.namesField("photos[0]")).isTrue();
        assertThat(as("demo-enterprise").get("/api/v1/events/" + r.get("id").asString()).status()).isEqualTo(404);
    }

    @Test
    void hotlineEntryKeepsTheCallersPhoneEncryptedAndPatrolReportsFindDuplicates() {
        Map<String, Object> hotline = report(null, "来电反映井盖丢失 " + UUID.randomUUID(), 120.03, 30.02);
        Api.Response noPhone = as("demo-officer").post("/api/v1/events", hotline);
        assertThat(noPhone.status()).isEqualTo(400);
        assertThat(noPhone.namesField("callerPhone")).isTrue();
        hotline.put("callerPhone", "13800000099");
        Api.Response r = as("demo-officer").post("/api/v1/events", hotline);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.get("source").asString()).isEqualTo("HOTLINE");
        Map<String, Object> row = jdbc.queryForMap("select caller_phone_enc, caller_phone_bidx from gov_event where id = ?",
                r.get("id").asString());
        assertThat(String.valueOf(row.get("caller_phone_enc"))).doesNotContain("13800000099");
        assertThat(row.get("caller_phone_bidx")).isEqualTo(vault.blindIndex(PersonalDataKind.PHONE, "13800000099"));

        // 巡查: two reports of the same class 20 m apart within 2 h are likely duplicates; the supervisor merges them
        Api.Response first = as("demo-gridworker").post("/api/v1/events", report("E0103", "道路不洁 " + UUID.randomUUID(), 120.0080, 30.0500));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.get("source").asString()).isEqualTo("PATROL");
        Api.Response second = as("demo-citizen").post("/api/v1/events", report("E0103", "路面很脏", 120.0082, 30.0500));
        assertThat(second.get("likelyDuplicates").findValuesAsString("id")).contains(first.get("id").asString());
        Api.Response far = as("demo-citizen").post("/api/v1/events", report("E0103", "路面很脏", 120.0100, 30.0500));
        assertThat(far.get("likelyDuplicates").findValuesAsString("id")).doesNotContain(first.get("id").asString());
        String secondId = second.get("id").asString();
        assertThat(as("demo-dispatcher").post("/api/v1/events/" + secondId + "/merge-into/" + first.get("id").asString(), null)
                .status()).isEqualTo(403);
        Api.Response merged = as("demo-supervisor").post("/api/v1/events/" + secondId + "/merge-into/" + first.get("id").asString(), null);
        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
        assertThat(merged.get("state").asString()).isEqualTo("MERGED");
        assertThat(merged.get("mergedInto").asString()).isEqualTo(first.get("id").asString());
    }

    @Test
    void theSlaJobEscalatesAnOverdueEventOnceAndExtensionsMoveTheDeadline() {
        Api.Response r = as("demo-citizen").post("/api/v1/events", report("E0101", "超期测试 " + UUID.randomUUID(), 120.03, 30.11));
        String id = r.get("id").asString();
        assertThat(act("demo-supervisor", id, "file", Map.of()).status()).isEqualTo(200);
        Api.Response d = act("demo-dispatcher", id, "dispatch", Map.of());
        assertThat(d.get("departmentId").asString()).isEqualTo("dh-urban");

        // 延期: requested by the handler, approved by the dispatcher
        assertThat(act("demo-dispatcher", id, "extend", Map.of("amount", 1, "unit", "WORKING_DAYS", "reason", "x")).status()).isEqualTo(403);
        assertThat(act("demo-officer", id, "extend", Map.of("amount", 1, "unit", "DAYS", "reason", "x")).namesField("unit")).isTrue();
        assertThat(act("demo-officer", id, "extend", Map.of("amount", 1, "unit", "WORKING_DAYS", "reason", "需调用车辆")).status()).isEqualTo(200);
        assertThat(act("demo-officer", id, "extend", Map.of("amount", 1, "unit", "WORKING_DAYS", "reason", "again")).status()).isEqualTo(409);
        Instant before = Instant.parse(d.get("deadline").asString());
        Api.Response approved = act("demo-dispatcher", id, "approve-extension", Map.of());
        assertThat(approved.get("extensionCount").asInt()).isEqualTo(1);
        assertThat(Instant.parse(approved.get("deadline").asString())).isAfter(before);

        // the deadline passes; the handling officer (here the grid worker, reporting to demo-supervisor) is escalated once
        String gridworkerOfficer = organization.officerByEmployeeNo("demo-gridworker").orElseThrow().id();
        jdbc.update("update gov_event set deadline = ?, handler_officer_id = ? where id = ?",
                java.sql.Timestamp.from(Instant.now().minus(Duration.ofHours(1))), gridworkerOfficer, id);
        Instant now = Instant.now();
        sla.sweep(now);
        sla.sweep(now);
        sla.sweep(now.plusSeconds(60));
        Map<String, Object> row = jdbc.queryForMap("select overdue, escalation_level from gov_event where id = ?", id);
        assertThat(row.get("overdue")).isEqualTo(true);
        assertThat(((Number) row.get("escalation_level")).intValue()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from gov_event_history where event_id = ? and action = 'escalate'", Integer.class, id))
                .isEqualTo(1);
        String no = r.get("eventNo").asString();
        String supervisor = accountId("demo-supervisor");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.queryForObject(
                "select count(*) from inbox_message where account_id = ? and body like ?", Integer.class, supervisor, "%" + no + "%升级督办%") == 1);
        // the next level waits for the escalation step (4 h after the deadline by default)
        sla.sweep(now.plus(Duration.ofHours(4)));
        assertThat(jdbc.queryForObject("select escalation_level from gov_event where id = ?", Integer.class, id)).isEqualTo(2);
        sla.sweep(now.plus(Duration.ofHours(12)));
        assertThat(jdbc.queryForObject("select escalation_level from gov_event where id = ?", Integer.class, id)).isEqualTo(2);
    }
    @Test
    void rejectionSuspensionAndResumptionFollowTheRules() {
        Api.Response r = as("demo-citizen").post("/api/v1/events", report("E0101", "不予立案测试 " + UUID.randomUUID(), 120.0301, 30.1201));
        String id = r.get("id").asString();
        Api.Response noReason = act("demo-supervisor", id, "reject", Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.namesField("reason")).isTrue();
        Api.Response rejected = act("demo-supervisor", id, "reject", Map.of("reason", "不属于城市管理范围"));
        assertThat(rejected.get("state").asString()).isEqualTo("REJECTED");
        assertThat(rejected.get("rejectReason").asString()).isEqualTo("不属于城市管理范围");
        assertThat(act("demo-supervisor", id, "file", Map.of()).status()).isEqualTo(409);

        Api.Response s = as("demo-citizen").post("/api/v1/events", report("E0101", "缓办测试 " + UUID.randomUUID(), 120.0401, 30.1301));
        String sid = s.get("id").asString();
        act("demo-supervisor", sid, "file", Map.of());
        Instant deadline = Instant.parse(act("demo-dispatcher", sid, "dispatch", Map.of()).get("deadline").asString());
        assertThat(act("demo-supervisor", sid, "suspend", Map.of("reason", "x")).status()).isEqualTo(403);
        Api.Response suspended = act("demo-dispatcher", sid, "suspend", Map.of("reason", "需协调多部门", "longTerm", true));
        assertThat(suspended.get("state").asString()).isEqualTo("SUSPENDED");
        assertThat(suspended.get("longTerm").asBoolean()).isTrue();
        assertThat(act("demo-officer", sid, "handle", Map.of("comment", "x")).status()).isEqualTo(409);
        Api.Response resumed = act("demo-dispatcher", sid, "resume", Map.of());
        assertThat(resumed.get("state").asString()).isEqualTo("DISPATCHED");
        assertThat(resumed.get("longTerm").asBoolean()).isFalse();
        assertThat(Instant.parse(resumed.get("deadline").asString())).isAfterOrEqualTo(deadline);

        String no = s.get("eventNo").asString();
        assertThat(cityEvents.findByNo(no).orElseThrow().state()).isEqualTo(CityEventState.DISPATCHED);
        assertThat(cityEvents.created(Instant.now().minus(Duration.ofHours(1)), null, "339902000000"))
                .extracting(CityEvent::eventNo).contains(no, r.get("eventNo").asString());
        assertThat(cityEvents.created(null, null, "339903000000")).extracting(CityEvent::eventNo).doesNotContain(no);
        assertThat(as("demo-officer").get("/api/v1/events?state=DISPATCHED&department=dh-urban").json().findValuesAsString("id"))
                .contains(sid);
        assertThat(as("demo-officer").get("/api/v1/events?state=BOGUS").namesField("state")).isTrue();
    }
}
