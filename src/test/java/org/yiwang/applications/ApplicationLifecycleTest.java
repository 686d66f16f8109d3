package org.yiwang.applications;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.flowable.engine.ManagementService;
import org.flowable.job.api.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import org.yiwang.applications.internal.ApplicationSlaJob;
import org.yiwang.calendar.WorkingCalendar;
import org.yiwang.evaluation.Evaluations;
import org.yiwang.payments.Bill;
import org.yiwang.payments.Payments;
import org.yiwang.files.FileService;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;
import org.yiwang.support.Api;
import org.yiwang.support.AsCaller;
import org.yiwang.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Applications (办件) through the API: 申请 → 补正 → 受理 (无差别受理 by the window clerk) → 审查 → 决定 → 办结 → 送达 with
 * claim/return, 不予受理, 暂停 stopping the clock, the §32 timer (deemed accepted), idempotency, 400/403/404/409 and
 * flows deployed per item version.
 */
class ApplicationLifecycleTest extends IntegrationTest {

    /** 企业设立登记 at 东湖区市场监督管理局 (dh-amr); demo-officer reviews and decides there, demo-clerk is a window clerk of 东湖区. */
    static final String ITEM = "11339902MB000200211001010000201";

    @Autowired
    FileService files;
    @Autowired
    ManagementService management;
    @Autowired
    WorkingCalendar calendar;
    @Autowired
    ApplicationSlaJob slaJob;
    @Autowired
    Payments payments;
    @Autowired
    Evaluations evaluations;

    private Api.Client as(String user) {
        return Api.as(baseUrl(), user);
    }

    private String accountId(String username) {
        return jdbc.queryForObject("select id from identity_account where username = ?", String.class, username);
    }

    private String fileOf(String username, String name, byte[] content) {
        Caller c = new Caller(accountId(username), username, username, CallerType.ENTERPRISE, Set.of(), Set.of("file:upload"), Set.of(),
                Set.of(), null);
        return AsCaller.call(c, () -> files.store(name, "application-material", new ByteArrayInputStream(content)).id());
    }

    private static byte[] pdf() {
        return ("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n" + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII);
    }

    static Map<String, Object> form() {
        Map<String, Object> f = new HashMap<>();
        f.put("entityName", "示例云计算有限公司");
        f.put("creditCode", "91339902MA0000001X");
        f.put("contactName", "李四");
        f.put("phone", "13800000001");
        f.put("companyType", "有限责任公司");
        f.put("registeredCapital", 100);
        return f;
    }

    private Api.Response submit(String user, Map<String, Object> form, List<Map<String, String>> materials, String key) {
        Map<String, Object> body = new HashMap<>();
        body.put("itemId", ITEM);
        body.put("form", form);
        body.put("materials", materials);
        return as(user).post("/api/v1/applications", body, key == null ? Map.of() : Map.of("Idempotency-Key", key));
    }

    private String submitted() {
        Api.Response r = submit("demo-enterprise", form(), List.of(), null);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.get("id").asString();
    }

    private Api.Response act(String user, String id, String action, Map<String, Object> body) {
        return as(user).post("/api/v1/applications/" + id + "/actions/" + action, body);
    }

    private Api.Response ok(String user, String id, String action, Map<String, Object> body) {
        Api.Response r = act(user, id, action, body);
        assertThat(r.status()).as(action + " by " + user + ": " + r).isEqualTo(200);
        return r;
    }

    @Test
    void fullLifecycleWithCorrectionWindowAcceptanceClaimAndDecision() {
        String material = fileOf("demo-enterprise", "章程.pdf", pdf());
        String key = "app-" + UUID.randomUUID();
        Api.Response first = submit("demo-enterprise", form(), List.of(Map.of("fileId", material, "name", "公司章程")), key);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        String id = first.get("id").asString();
        String no = first.get("applicationNo").asString();
        assertThat(no).matches(ITEM + "\\d{8}\\d{4}");
        assertThat(first.get("state").asString()).isEqualTo("SUBMITTED");
        assertThat(first.get("acceptanceDue").isNull()).isFalse();

        // a repeated Idempotency-Key returns the first case, never a second one
        Api.Response again = submit("demo-enterprise", form(), List.of(Map.of("fileId", material, "name", "公司章程")), key);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.get("id").asString()).isEqualTo(id);
        assertThat(jdbc.queryForObject("select count(*) from app_case where application_no = ?", Integer.class, no)).isEqualTo(1);

        // other region's officer cannot see it; the applicant cannot accept; the window clerk of 东湖区 can
        assertThat(as("demo-officer-xishan").get("/api/v1/applications/" + id).status()).isEqualTo(404);
        assertThat(act("demo-enterprise", id, "accept", Map.of()).status()).isEqualTo(403);
        assertThat(act("demo-clerk", id, "review", Map.of("comment", "x")).status()).isEqualTo(403);

        // 一次性告知补正, then the applicant supplies it
        Api.Response noReason = act("demo-clerk", id, "request-correction", Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.namesField("reason")).isTrue();
        assertThat(ok("demo-clerk", id, "request-correction", Map.of("reason", "缺少住所使用证明")).get("state").asString())
                .isEqualTo("CORRECTION");
        assertThat(act("demo-clerk", id, "accept", Map.of()).status()).isEqualTo(409);
        String proof = fileOf("demo-enterprise", "住所.pdf", pdf());
        Api.Response supplied = ok("demo-enterprise", id, "supplement", Map.of("materials", List.of(Map.of("fileId", proof, "name", "住所使用证明"))));
        assertThat(supplied.get("state").asString()).isEqualTo("SUBMITTED");
        Api.Response twice = act("demo-clerk", id, "request-correction", Map.of("reason", "again"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.problemCode()).isEqualTo("correction-once");

        // 无差别受理: the 东湖区 window clerk accepts an item of 市场监督管理局; it routes to dh-amr
        Api.Response accepted = ok("demo-clerk", id, "accept", Map.of("comment", "材料齐全"));
        assertThat(accepted.get("state").asString()).isEqualTo("ACCEPTED");
        assertThat(accepted.get("departmentId").asString()).isEqualTo("dh-amr");
        assertThat(accepted.get("acceptedDepartment").asString()).isEqualTo("dh-service");
        assertThat(accepted.get("deadline").isNull()).isFalse();
        assertThat(accepted.get("sla").asString()).isIn("GREEN", "YELLOW");

        // the department's officer sees it in the inbox; must claim before reviewing; return puts it back
        Api.Response inbox = as("demo-officer").get("/api/v1/applications?inbox=true");
        assertThat(inbox.json().findValuesAsString("id")).contains(id);
        assertThat(act("demo-officer", id, "review", Map.of("comment", "同意")).status()).isEqualTo(409);
        assertThat(ok("demo-officer", id, "claim", Map.of()).get("state").asString()).isEqualTo("REVIEW");
        assertThat(ok("demo-officer", id, "return", Map.of()).get("state").asString()).isEqualTo("ACCEPTED");
        ok("demo-officer", id, "claim", Map.of());
        Api.Response noOpinion = act("demo-officer", id, "review", Map.of());
        assertThat(noOpinion.status()).isEqualTo(400);
        assertThat(ok("demo-officer", id, "review", Map.of("comment", "符合法定条件")).get("state").asString()).isEqualTo("DECISION");
        assertThat(act("demo-clerk", id, "grant", Map.of()).status()).isEqualTo(403);
        Api.Response granted = ok("demo-officer", id, "grant", Map.of("comment", "准予设立登记"));
        assertThat(granted.get("state").asString()).isEqualTo("CONCLUDED");
        assertThat(granted.get("decision").asString()).isEqualTo("GRANTED");
        assertThat(act("demo-officer", id, "grant", Map.of()).status()).isEqualTo(409);
        Api.Response delivered = ok("demo-clerk", id, "deliver", Map.of("comment", "窗口领取"));
        assertThat(delivered.get("state").asString()).isEqualTo("DELIVERED");
        assertThat(delivered.get("closedAt").isNull()).isFalse();

        // the applicant follows it: full history, and a notification on each change
        Api.Response mine = as("demo-enterprise").get("/api/v1/applications/" + no);
        assertThat(mine.status()).isEqualTo(200);
        List<String> actions = mine.get("history").findValuesAsString("action");
        assertThat(actions).containsExactly("submit", "request-correction", "supplement", "accept", "claim", "return", "claim", "review",
                "grant", "deliver");
        assertThat(mine.get("history").get(3).path("comment").asString()).contains("无差别受理");
        assertThat(mine.get("materials").findValuesAsString("fileId")).contains(material, proof);
        assertThat(mine.get("form").path("entityName").asString()).isEqualTo("示例云计算有限公司");
        assertThat(jdbc.queryForObject("select form_data_enc from app_case where id = ?", String.class, id)).doesNotContain("示例云计算");
        String applicant = accountId("demo-enterprise");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from inbox_message where account_id = ? and link = ?", Integer.class, applicant,
                "/portal/applications/" + id)).isGreaterThanOrEqualTo(8));
        assertThat(as("demo-enterprise").get("/api/v1/applications").json().findValuesAsString("id")).contains(id);
        assertThat(as("demo-citizen").get("/api/v1/applications").json().findValuesAsString("id")).doesNotContain(id);
        // every change is audited
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where target = ? and action like 'application.%' "
                + "and action <> 'application.read-form'", Integer.class, "application:" + no)).isEqualTo(10);
    }

    @Test
    void feesAreBilledOnAcceptanceAnUnpaidCaseCannotBeDecidedAndConcludingEnablesRating() {
        // 机动车驾驶证换证 (示例市公安局) charges a 工本费 of 10 元
        Map<String, Object> body = new HashMap<>();
        body.put("itemId", "11339900MB000100431003030000101");
        body.put("form", Map.of("applicantName", "张明华", "idNumber", "110101199003070015", "phone", "13800000003", "vehicleClass", "C1"));
        Api.Response submitted = as("demo-citizen").post("/api/v1/applications", body);
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
        String id = submitted.get("id").asString();
        assertThat(payments.bills(id)).isEmpty();
        Api.Response accepted = ok("demo-admin", id, "accept", Map.of());
        List<Bill> bills = payments.bills(id);
        assertThat(bills).hasSize(1);
        assertThat(bills.get(0).amountFen()).isEqualTo(1000);
        assertThat(bills.get(0).payerAccountId()).isEqualTo(accountId("demo-citizen"));
        assertThat(accepted.get("history").get(1).path("comment").asString()).contains(bills.get(0).billNo());
        ok("demo-admin", id, "claim", Map.of());
        ok("demo-admin", id, "review", Map.of("comment", "符合换证条件"));
        Api.Response unpaid = act("demo-admin", id, "grant", Map.of());
        assertThat(unpaid.status()).isEqualTo(409);
        assertThat(unpaid.problemCode()).isEqualTo("awaiting-payment");
        assertThat(evaluations.find("application", id)).isEmpty();
        // once nothing is owed (here: the bill withdrawn) the case can be decided; 办结 enables 好差评 for the applicant
        AsCaller.run(AsCaller.admin("*"), () -> payments.cancel(bills.get(0).billNo(), "测试：费用减免"));
        assertThat(ok("demo-admin", id, "grant", Map.of()).get("state").asString()).isEqualTo("CONCLUDED");
        assertThat(evaluations.find("application", id)).hasValueSatisfying(e -> {
            assertThat(e.itemCode()).isEqualTo("11339900MB000100431003030000101");
            assertThat(e.departmentId()).isEqualTo("city-psb");
        });
    }

    @Test
    void refusalAtAcceptanceEndsTheCase() {
        String id = submitted();
        Api.Response refused = ok("demo-officer", id, "refuse", Map.of("reason", "不属于本机关职权范围"));
        assertThat(refused.get("state").asString()).isEqualTo("NOT_ACCEPTED");
        assertThat(refused.get("refuseReason").asString()).contains("职权");
        String pi = refused.get("processInstanceId").asString();
        assertThat(jdbc.queryForObject("select count(*) from act_ru_execution where proc_inst_id_ = ?", Integer.class, pi)).isZero();
        Api.Response late = act("demo-clerk", id, "accept", Map.of());
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.problemCode()).isEqualTo("invalid-state");
    }

    @Test
    void badFormsMaterialsAndItemsAreRefusedNamingEachField() {
        Map<String, Object> bad = form();
        bad.remove("entityName");
        bad.put("phone", "12");
        bad.put("companyType", "外星公司");
        String video = fileOf("demo-enterprise", "clip.pdf", new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2', 0, 0, 0, 0,
                'm', 'p', '4', '2', 'i', 's', 'o', 'm', 0, 0, 0, 8, 'f', 'r', 'e', 'e'});
        String others = fileOf("demo-citizen", "c.pdf", pdf());
        Api.Response r = submit("demo-enterprise", bad, List.of(Map.of("fileId", video), Map.of("fileId", others),
                Map.of("fileId", fileOf("demo-enterprise", "x.pdf", pdf()), "name", "不存在的材料")), "bad-" + UUID.randomUUID());
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.namesField("form.entityName")).isTrue();
        assertThat(r.namesField("form.phone")).isTrue();
        assertThat(r.namesField("form.companyType")).isTrue();
        assertThat(r.namesField("materials[0].fileId")).as(r.toString()).isTrue();
        assertThat(r.namesField("materials[1].fileId")).isTrue();
        assertThat(r.namesField("materials[2].name")).isTrue();
        assertThat(r.body()).contains("messageEn");

        Map<String, Object> body = new HashMap<>();
        body.put("itemId", "no-such-item");
        Api.Response unknown = as("demo-enterprise").post("/api/v1/applications", body);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.namesField("itemId")).isTrue();
        assertThat(as("demo-officer").post("/api/v1/applications", Map.of("itemId", ITEM, "form", form())).status()).isEqualTo(403);
    }

    @Test
    void suspensionStopsTheClockAndBlocksActions() {
        String id = submitted();
        ok("demo-officer", id, "accept", Map.of());
        Instant deadline = Instant.parse(as("demo-officer").get("/api/v1/applications/" + id).get("deadline").asString());
        assertThat(act("demo-officer", id, "suspend", Map.of()).status()).isEqualTo(400);
        Api.Response suspended = ok("demo-officer", id, "suspend", Map.of("reason", "专家评审"));
        assertThat(suspended.get("suspended").asBoolean()).isTrue();
        assertThat(suspended.get("state").asString()).isEqualTo("ACCEPTED");
        Api.Response blocked = act("demo-officer", id, "claim", Map.of());
        assertThat(blocked.status()).isEqualTo(409);
        assertThat(blocked.problemCode()).isEqualTo("suspended");
        // the expert review took three days
        Instant since = Instant.now().minus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        jdbc.update("update app_case set suspended_at = ? where id = ?", Timestamp.from(since), id);
        Duration paused = calendar.workingTimeBetween(since, Instant.now());
        Api.Response resumed = ok("demo-officer", id, "resume", Map.of());
        assertThat(resumed.get("suspended").asBoolean()).isFalse();
        Instant newDeadline = Instant.parse(resumed.get("deadline").asString());
        assertThat(newDeadline).isAfterOrEqualTo(calendar.addWorkingHours(deadline, paused).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(resumed.get("pausedSeconds").asLong()).isGreaterThanOrEqualTo(paused.getSeconds());
        assertThat(act("demo-officer", id, "resume", Map.of()).status()).isEqualTo(409);
        assertThat(ok("demo-officer", id, "claim", Map.of()).get("state").asString()).isEqualTo("REVIEW");
    }

    @Test
    void noCorrectionNoticeInFiveWorkingDaysMeansDeemedAccepted() {
        String id = submitted();
        String pi = jdbc.queryForObject("select process_instance_id from app_case where id = ?", String.class, id);
        Instant submittedAt = jdbc.queryForObject("select submitted_at from app_case where id = ?", Timestamp.class, id).toInstant();
        Instant due = jdbc.queryForObject("select acceptance_due from app_case where id = ?", Timestamp.class, id).toInstant();
        assertThat(calendar.workingDaysBetween(submittedAt, due)).isEqualTo(5);
        Job timer = management.createTimerJobQuery().processInstanceId(pi).singleResult();
        assertThat(timer).isNotNull();
        assertThat(timer.getDuedate().toInstant()).isEqualTo(due.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        // five working days pass: the timer fires
        Job job = management.moveTimerToExecutableJob(timer.getId());
        try {
            management.executeJob(job.getId());
        } catch (RuntimeException alreadyTakenByTheAsyncExecutor) {
            // the async executor may have run it first
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                jdbc.queryForObject("select state from app_case where id = ?", String.class, id)).isEqualTo("ACCEPTED"));
        JsonNode a = as("demo-officer").get("/api/v1/applications/" + id).json();
        assertThat(a.path("deemedAccepted").asBoolean()).isTrue();
        assertThat(Instant.parse(a.path("acceptedAt").asString())).isEqualTo(submittedAt);
        assertThat(a.path("history").findValuesAsString("action")).containsExactly("submit", "deemed-accept");
        assertThat(ok("demo-officer", id, "claim", Map.of()).get("state").asString()).isEqualTo("REVIEW");
    }

    @Test
    void overdueCasesGetAYellowAndARedCardOnce() {
        String id = submitted();
        ok("demo-officer", id, "accept", Map.of());
        // the promised time limit ran out yesterday
        Instant accepted = Instant.now().minus(Duration.ofDays(20));
        jdbc.update("update app_case set accepted_at = ?, deadline = ? where id = ?", Timestamp.from(accepted),
                Timestamp.from(Instant.now().minus(Duration.ofDays(1))), id);
        assertThat(as("demo-officer").get("/api/v1/applications/" + id).get("sla").asString()).isEqualTo("RED");
        slaJob.sweep(Instant.now());
        slaJob.sweep(Instant.now()); // a second pass (or another node) issues nothing more
        JsonNode a = as("demo-officer").get("/api/v1/applications/" + id).json();
        assertThat(a.path("yellowCardAt").isNull()).isFalse();
        assertThat(a.path("redCardAt").isNull()).isFalse();
        assertThat(a.path("history").findValuesAsString("action")).containsExactly("submit", "accept", "yellow-card", "red-card");
        // suspending does not hide that the limit already ran out
        ok("demo-officer", id, "suspend", Map.of("reason", "检验检测"));
        assertThat(as("demo-officer").get("/api/v1/applications/" + id).get("sla").asString()).isEqualTo("RED");
    }

    @Test
    void flowsAreDeployedPerItemVersionAndValidated() throws Exception {
        String token = Api.login(baseUrl(), "demo-admin", Api.DEMO_PASSWORD);
        assertThat(deploy(token, ITEM, "broken.bpmn20.xml", "<definitions>not bpmn").statusCode()).isEqualTo(400);
        String missing = new String(getClass().getResourceAsStream("/applications/default-application.bpmn20.xml").readAllBytes(),
                StandardCharsets.UTF_8).replace("yiwang-application-default", "item-flow-missing").replace("id=\"deliver\"", "id=\"handover\"")
                .replace("targetRef=\"deliver\"", "targetRef=\"handover\"").replace("sourceRef=\"deliver\"", "sourceRef=\"handover\"");
        HttpResponse<String> refused = deploy(token, ITEM, "missing.bpmn20.xml", missing);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("handover").contains("deliver");
        // an item flow without the correction step (e.g. 即办件 at a window)
        String own = new String(getClass().getResourceAsStream("/applications/default-application.bpmn20.xml").readAllBytes(),
                StandardCharsets.UTF_8).replace("yiwang-application-default", "item-flow-" + UUID.randomUUID().toString().substring(0, 8));
        HttpResponse<String> deployed = deploy(token, ITEM, "own.bpmn20.xml", own);
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(201);
        String definition = Api.JSON.readTree(deployed.body()).path("processDefinitionId").asString();
        assertThat(as("demo-enterprise").get("/api/v1/admin/application-flows").status()).isEqualTo(403);
        String id = submitted();
        assertThat(jdbc.queryForObject("select process_definition_id from app_case where id = ?", String.class, id)).isEqualTo(definition);
        assertThat(ok("demo-clerk", id, "accept", Map.of()).get("state").asString()).isEqualTo("ACCEPTED");
        jdbc.update("delete from app_flow where process_definition_id = ?", definition); // later tests use the default flow again
    }

    private HttpResponse<String> deploy(String token, String itemId, String fileName, String xml) throws Exception {
        String boundary = "----yiwang" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"itemId\"\r\n\r\n" + itemId + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/xml\r\n\r\n" + xml + "\r\n--" + boundary + "--\r\n";
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/admin/application-flows"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
