package org.yiwang.evaluation.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import org.yiwang.calendar.WorkingCalendar;
import org.yiwang.evaluation.Evaluation;
import org.yiwang.evaluation.EvaluationState;
import org.yiwang.evaluation.Evaluations;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 好差评: enabling per case (idempotent), rating per indicator on the five GB/T 39734 levels, a 差评 opening a
 * rectification task with 回访 due in 1 and 整改 in 15 working days, the department's 回访 → 整改 in scope, the one
 * 追评, overdue flags and the public statistics.
 */
class EvaluationLoopTest extends IntegrationTest {

    static final String ITEM = "11339902MB000200211001010000201"; // 企业设立登记, 东湖区市场监督管理局

    @Autowired
    Evaluations evaluations;
    @Autowired
    WorkingCalendar calendar;
    @Autowired
    RectificationOverdueJob overdueJob;

    private String accountId(String username) {
        return jdbc.queryForObject("select id from identity_account where username = ?", String.class, username);
    }

    private Evaluation enable(String rater) {
        return evaluations.enable("application", "app-" + UUID.randomUUID(), ITEM, "dh-amr", accountId(rater), null);
    }

    private Api.Client as(String user) {
        return Api.as(baseUrl(), user);
    }

    @Test
    void aGoodRatingIsFinalAndEnablingIsIdempotent() {
        Evaluation e = enable("demo-citizen");
        assertThat(e.state()).isEqualTo(EvaluationState.OPEN);
        assertThat(e.regionCode()).isEqualTo("339902000000");
        assertThat(evaluations.enable("application", e.subjectId(), ITEM, "dh-amr", accountId("demo-citizen"), null).id()).isEqualTo(e.id());

        Api.Response mine = as("demo-citizen").get("/api/v1/evaluations");
        assertThat(mine.body()).contains(e.id());
        // only the rater rates
        assertThat(as("demo-enterprise").post("/api/v1/evaluations/" + e.id() + "/rate", Map.of("ratings", Map.of("OVERALL", 5)))
                .status()).isEqualTo(404);
        assertThat(as("demo-officer").post("/api/v1/evaluations/" + e.id() + "/rate", Map.of("ratings", Map.of("OVERALL", 5)))
                .status()).isEqualTo(403);

        // bad ratings name each field
        Api.Response bad = as("demo-citizen").post("/api/v1/evaluations/" + e.id() + "/rate",
                Map.of("ratings", Map.of("SPEED", 5, "EFFICIENCY", 7)));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.namesField("ratings.SPEED")).isTrue();
        assertThat(bad.namesField("ratings.EFFICIENCY")).isTrue();
        assertThat(bad.namesField("ratings.OVERALL")).isTrue();

        Api.Response rated = as("demo-citizen").post("/api/v1/evaluations/" + e.id() + "/rate",
                Map.of("ratings", Map.of("OVERALL", "VERY_SATISFIED", "EFFICIENCY", 4, "GUIDE_ACCURACY", "基本满意")));
        assertThat(rated.status()).as(rated.toString()).isEqualTo(200);
        assertThat(rated.get("state").asString()).isEqualTo("RATED");
        assertThat(rated.get("negative").asBoolean()).isFalse();
        assertThat(rated.get("ratings").path("OVERALL").path("label").asString()).isEqualTo("非常满意");
        assertThat(rated.get("ratings").path("GUIDE_ACCURACY").path("score").asInt()).isEqualTo(3);
        assertThat(rated.get("rectification").isMissingNode()).isTrue();
        // once only; no follow-up without a rectification
        assertThat(as("demo-citizen").post("/api/v1/evaluations/" + e.id() + "/rate", Map.of("ratings", Map.of("OVERALL", 5))).status())
                .isEqualTo(409);
        assertThat(as("demo-citizen").post("/api/v1/evaluations/" + e.id() + "/follow-up", Map.of("level", 5)).status()).isEqualTo(409);
    }

    @Test
    void aNegativeRatingRunsRectificationThenOneFollowUp() {
        Evaluation e = enable("demo-citizen");
        String path = "/api/v1/evaluations/" + e.id();
        // a 差评 needs a reason
        Api.Response noReason = as("demo-citizen").post(path + "/rate", Map.of("ratings", Map.of("OVERALL", 2)));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.namesField("comment")).isTrue();

        Api.Response rated = as("demo-citizen").post(path + "/rate",
                Map.of("ratings", Map.of("OVERALL", 4, "EFFICIENCY", "非常不满意"), "comment", "窗口排队两个小时"));
        assertThat(rated.status()).as(rated.toString()).isEqualTo(200);
        assertThat(rated.get("state").asString()).isEqualTo("RECTIFYING");
        assertThat(rated.get("negative").asBoolean()).isTrue();
        JsonNode task = rated.get("rectification");
        Instant ratedAt = Instant.parse(rated.get("ratedAt").asString());
        assertThat(Instant.parse(task.path("visitDue").asString())).isEqualTo(calendar.addWorkingDays(ratedAt, 1));
        assertThat(Instant.parse(task.path("rectifyDue").asString())).isEqualTo(calendar.addWorkingDays(ratedAt, 15));
        assertThat(task.path("state").asString()).isEqualTo("OPEN");

        // the department's officers see the task; another district, a clerk of another department and the citizen do not
        assertThat(as("demo-officer").get("/api/v1/evaluations/rectifications?state=OPEN").body()).contains(e.id());
        assertThat(as("demo-officer-xishan").get("/api/v1/evaluations/rectifications").body()).doesNotContain(e.id());
        assertThat(as("demo-officer-xishan").post(path + "/visit", Map.of("note", "x")).status()).isEqualTo(404);
        assertThat(as("demo-clerk").post(path + "/visit", Map.of("note", "x")).status()).isEqualTo(404);
        assertThat(as("demo-citizen").post(path + "/visit", Map.of("note", "x")).status()).isEqualTo(404);
        assertThat(as("demo-citizen").get("/api/v1/evaluations/rectifications").status()).isEqualTo(403);

        // 整改 before 回访 is refused; follow-up before 整改 is refused
        assertThat(as("demo-officer").post(path + "/rectify", Map.of("note", "增开窗口")).status()).isEqualTo(409);
        assertThat(as("demo-citizen").post(path + "/follow-up", Map.of("level", 5)).status()).isEqualTo(409);
        assertThat(as("demo-officer").post(path + "/visit", Map.of()).namesField("note")).isTrue();

        Api.Response visited = as("demo-officer").post(path + "/visit", Map.of("note", "已电话回访申请人，了解排队情况"));
        assertThat(visited.status()).as(visited.toString()).isEqualTo(200);
        assertThat(visited.get("state").asString()).isEqualTo("VISITED");
        assertThat(as("demo-officer").post(path + "/visit", Map.of("note", "again")).status()).isEqualTo(409);
        Api.Response rectified = as("demo-officer").post(path + "/rectify", Map.of("note", "高峰时段增开两个综合窗口，推行预约办理"));
        assertThat(rectified.status()).as(rectified.toString()).isEqualTo(200);
        assertThat(rectified.get("state").asString()).isEqualTo("RECTIFIED");
        assertThat(rectified.get("overdue").asBoolean()).isFalse();

        // the rater was told and may rate once more
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from inbox_message where account_id = ? and template_code = 'evaluation.rectified'",
                Integer.class, accountId("demo-citizen"))).isPositive());
        assertThat(as("demo-citizen").get(path).get("state").asString()).isEqualTo("FOLLOW_UP");
        Api.Response follow = as("demo-citizen").post(path + "/follow-up", Map.of("level", "满意", "comment", "改进明显"));
        assertThat(follow.status()).as(follow.toString()).isEqualTo(200);
        assertThat(follow.get("state").asString()).isEqualTo("CLOSED");
        assertThat(follow.get("followUp").path("score").asInt()).isEqualTo(4);
        assertThat(as("demo-citizen").post(path + "/follow-up", Map.of("level", 5)).status()).isEqualTo(409);

        // public statistics, no sign-in
        Api.Response stats = Api.anonymous(baseUrl()).get("/api/v1/evaluations/stats?by=department");
        assertThat(stats.status()).as(stats.toString()).isEqualTo(200);
        JsonNode amr = null;
        for (JsonNode row : stats.get("rows")) {
            if (row.path("key").asString().equals("dh-amr")) {
                amr = row;
            }
        }
        assertThat(amr).isNotNull();
        assertThat(amr.path("name").asString()).isEqualTo("东湖区市场监督管理局");
        assertThat(amr.path("negative").asLong()).isPositive();
        assertThat(amr.path("rectified").asLong()).isPositive();
        assertThat(amr.path("followUps").asLong()).isPositive();
        Api.Response byItem = Api.anonymous(baseUrl()).get("/api/v1/evaluations/stats?by=item");
        assertThat(byItem.body()).contains(ITEM).contains("企业设立登记");
        assertThat(Api.anonymous(baseUrl()).get("/api/v1/evaluations/stats?by=city").namesField("by")).isTrue();
        assertThat(Api.anonymous(baseUrl()).get("/api/v1/evaluations/stats?from=yesterday").namesField("from")).isTrue();
    }

    @Test
    void rectificationPastItsDeadlineIsFlaggedOverdue() {
        Evaluation e = enable("demo-citizen");
        Api.Response rated = as("demo-citizen").post("/api/v1/evaluations/" + e.id() + "/rate",
                Map.of("ratings", Map.of("OVERALL", 1), "comment", "材料被退回三次"));
        assertThat(rated.get("state").asString()).isEqualTo("RECTIFYING");
        assertThat(as("demo-officer").get("/api/v1/evaluations/rectifications?overdue=true").body()).doesNotContain(e.id());

        List<String> flagged = overdueJob.run(Instant.now().plus(Duration.ofDays(40)));
        assertThat(flagged).contains(e.id());
        assertThat(overdueJob.run(Instant.now().plus(Duration.ofDays(40)))).doesNotContain(e.id());
        assertThat(as("demo-officer").get("/api/v1/evaluations/rectifications?overdue=true").body()).contains(e.id());
        JsonNode task = as("demo-officer").get("/api/v1/evaluations/" + e.id()).get("rectification");
        assertThat(task.path("visitOverdue").asBoolean()).isTrue();
        assertThat(task.path("rectifyOverdue").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'evaluation.overdue' and target = ?", Integer.class,
                "evaluation:" + e.id())).isEqualTo(1);
    }

    @Test
    void enablingChecksItsArguments() {
        try {
            evaluations.enable(" ", "x", ITEM, "no-such-dept", "acc", "123");
            throw new AssertionError("expected a problem");
        } catch (org.yiwang.shared.web.ProblemException p) {
            assertThat(p.violations()).extracting(v -> v.field()).contains("subjectType", "departmentId", "regionCode");
        }
    }
}
