package org.yiwang.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

/** The inbox and template APIs over HTTP with real sign-in. */
class InboxHttpTest extends IntegrationTest {

    @Autowired
    Notifier notifier;

    private String accountId(String user) {
        return Api.as(baseUrl(), user).get("/api/v1/me").get("id").asString();
    }

    @Test
    void onlyTheRecipientSeesAndReadsItsMessage() {
        String citizen = accountId("demo-citizen");
        String caseNo = "HTTP-" + UUID.randomUUID();
        notifier.send(NotificationRequested.inApp("case.status-changed", List.of(citizen),
                Map.of("caseNo", caseNo, "serviceName", "居住证申领", "status", "已办结"), "/portal/cases/1"));

        Api.Client me = Api.as(baseUrl(), "demo-citizen");
        Api.Response list = me.get("/api/v1/inbox?size=50");
        assertThat(list.status()).isEqualTo(200);
        String id = null;
        for (var item : list.get("items")) {
            if (item.get("title").asString().contains(caseNo)) {
                id = item.get("id").asString();
            }
        }
        assertThat(id).isNotNull();
        assertThat(list.get("unread").asLong()).isGreaterThanOrEqualTo(1);

        Api.Client other = Api.as(baseUrl(), "demo-enterprise");
        assertThat(other.get("/api/v1/inbox?size=100").body()).doesNotContain(caseNo);
        Api.Response steal = other.post("/api/v1/inbox/" + id + "/read", null);
        assertThat(steal.status()).isEqualTo(404);
        assertThat(steal.problemCode()).isEqualTo("not-found");
        assertThat(other.get("/api/v1/inbox/" + id).status()).isEqualTo(404);

        Api.Response read = me.post("/api/v1/inbox/" + id + "/read", null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.get("readAt").isNull()).isFalse();
        assertThat(me.get("/api/v1/inbox?unreadOnly=true&size=100").body()).doesNotContain(caseNo);

        assertThat(me.get("/api/v1/inbox?size=500").namesField("size")).isTrue();
        assertThat(Api.anonymous(baseUrl()).get("/api/v1/inbox").status()).isEqualTo(401);
    }

    @Test
    void templatesAndSendingNeedTheNotificationPermission() {
        Api.Response denied = Api.as(baseUrl(), "demo-citizen").put("/api/v1/notification-templates/x.y/IN_APP/zh-CN",
                Map.of("category", "general", "subject", "s", "body", "b"));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(Api.as(baseUrl(), "demo-citizen").get("/api/v1/notification-templates").status()).isEqualTo(403);

        Api.Client admin = Api.as(baseUrl(), "demo-admin");
        String code = "http.notice-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response bad = admin.put("/api/v1/notification-templates/" + code + "/IN_APP/zh-CN", Map.of("category", "general", "subject", ""));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.namesField("subject")).isTrue();
        assertThat(bad.namesField("body")).isTrue();
        Api.Response put = admin.put("/api/v1/notification-templates/" + code + "/IN_APP/en",
                Map.of("category", "general", "subject", "Notice: ${title}", "body", "${text}"));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(admin.get("/api/v1/notification-templates/" + code).json().size()).isEqualTo(1);

        String citizen = accountId("demo-citizen");
        Api.Response sent = admin.post("/api/v1/notifications", Map.of("templateCode", code, "recipientAccountIds", List.of(citizen),
                "variables", Map.of("title", "Water", "text", "No water tomorrow 9-12"), "channels", List.of("IN_APP", "SMS")));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.get("deliveries").size()).isEqualTo(2);
        Api.Response unknown = admin.post("/api/v1/notifications", Map.of("templateCode", "no.such", "recipientAccountIds", List.of(citizen)));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.namesField("templateCode")).isTrue();
    }
}
