package org.yiwang.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.ProblemException;
import org.yiwang.support.IntegrationTest;

/** The transactional-outbox delivery of {@link NotificationRequested}, templates, and inbox isolation. */
class NotificationIntegrationTest extends IntegrationTest {

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    Notifier notifier;
    @Autowired
    InboxStore inbox;
    @Autowired
    TemplateStore templates;
    @Autowired
    NotificationAdminController admin;
    @Autowired
    InboxController inboxApi;
    @Autowired
    org.springframework.modulith.events.IncompleteEventPublications incomplete;

    private static String newAccount() {
        return "test-" + UUID.randomUUID();
    }

    private int inboxCount(String accountId) {
        return jdbc.queryForObject("select count(*) from inbox_message where account_id = ?", Integer.class, accountId);
    }

    private int publications(String marker, boolean completed) {
        return jdbc.queryForObject("select count(*) from event_publication where event_type like ? and serialized_event like ?"
                        + (completed ? " and completion_date is not null" : ""), Integer.class,
                "%NotificationRequested%", "%" + marker + "%");
    }

    private static NotificationRequested caseChanged(String account, String caseNo) {
        return new NotificationRequested("case.status-changed", List.of(account),
                Map.of("caseNo", caseNo, "serviceName", "个体工商户设立登记", "status", "已受理"), Set.of(Channel.IN_APP), "/portal/cases/" + caseNo);
    }

    private static void signIn(Caller caller) {
        Callers.CallerAware principal = () -> caller;
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of()));
    }

    private static Caller citizen(String accountId, String... permissions) {
        return new Caller(accountId, accountId, "测试", CallerType.CITIZEN, Set.of("CITIZEN"), Set.of(permissions), Set.of(), Set.of(), null);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void committedPublicationIsDeliveredAfterCommitAndCompleted() {
        String account = newAccount();
        String caseNo = "CASE-" + UUID.randomUUID();
        tx.executeWithoutResult(s -> {
            events.publishEvent(caseChanged(account, caseNo));
            // delivered only after commit: nothing yet inside the publishing transaction
            assertThat(inboxCount(account)).isZero();
        });
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> inboxCount(account) == 1);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> publications(caseNo, true) == 1);

        Inbox.Message m = inbox.page(account, false, 0, 10).items().getFirst();
        assertThat(m.title()).isEqualTo("办件进度：" + caseNo);
        assertThat(m.body()).isEqualTo("您申请的“个体工商户设立登记”（办件编号 " + caseNo + "）状态已更新为：已受理。");
        assertThat(m.link()).isEqualTo("/portal/cases/" + caseNo);
        assertThat(m.category()).isEqualTo("case");
        assertThat(m.readAt()).isNull();
        assertThat(inbox.unreadCount(account)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select status from notification_delivery where account_id = ?", String.class, account))
                .isEqualTo("DELIVERED");
    }

    @Test
    void anIncompletePublicationIsDeliveredWhenResubmittedAsOnRestart() {
        // a publication that was stored with its transaction but never delivered (the platform stopped first)
        String template = newAccount();
        String seed = "SEED-" + UUID.randomUUID();
        tx.executeWithoutResult(s -> events.publishEvent(caseChanged(template, seed)));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> publications(seed, true) == 1);
        Map<String, Object> done = jdbc.queryForMap("select listener_id, event_type, serialized_event from event_publication"
                + " where serialized_event like ?", "%" + seed + "%");

        String account = newAccount();
        String caseNo = "CRASH-" + UUID.randomUUID();
        String serialized = ((String) done.get("serialized_event")).replace(seed, caseNo).replace(template, account);
        UUID id = UUID.randomUUID();
        jdbc.update("insert into event_publication (id, listener_id, event_type, serialized_event, publication_date, status, completion_attempts)"
                        + " values (?, ?, ?, ?, ?, 'PUBLISHED', 1)", id, done.get("listener_id"), done.get("event_type"), serialized,
                java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(60)));
        assertThat(inboxCount(account)).isZero();

        // what spring.modulith.events.republish-outstanding-events-on-restart does at start-up
        incomplete.resubmitIncompletePublications(p -> p.getIdentifier().equals(id));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> inboxCount(account) == 1);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> publications(caseNo, true) == 1);
        assertThat(inbox.page(account, false, 0, 1).items().getFirst().title()).isEqualTo("办件进度：" + caseNo);
    }

    @Test
    void rolledBackPublicationIsNeverDelivered() {
        String rolledBack = newAccount();
        String marker = "RB-" + UUID.randomUUID();
        tx.executeWithoutResult(s -> {
            events.publishEvent(caseChanged(rolledBack, marker));
            s.setRollbackOnly();
        });
        assertThat(publications(marker, false)).isZero();

        // a later committed notification goes through, the rolled-back one still never arrives
        String committed = newAccount();
        String marker2 = "OK-" + UUID.randomUUID();
        tx.executeWithoutResult(s -> events.publishEvent(caseChanged(committed, marker2)));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> publications(marker2, true) == 1);
        assertThat(inboxCount(committed)).isEqualTo(1);
        assertThat(inboxCount(rolledBack)).isZero();
        assertThat(publications(marker, false)).isZero();
    }

    @Test
    void templatesRenderInChineseAndEnglishWithFallbacks() {
        Map<String, String> vars = Map.of("cityName", "示例市", "name", "张明华", "username", "demo-citizen");
        TemplateStore.Template zh = templates.find("account.registered", Channel.IN_APP, Locale.SIMPLIFIED_CHINESE).orElseThrow();
        RenderedMessage zhMsg = DefaultNotifier.render(zh, Locale.SIMPLIFIED_CHINESE, vars, null);
        assertThat(zhMsg.subject()).isEqualTo("欢迎使用示例市一网通办");
        assertThat(zhMsg.body()).startsWith("张明华，您好！您的账号 demo-citizen 已注册成功");

        TemplateStore.Template en = templates.find("account.registered", Channel.IN_APP, Locale.ENGLISH).orElseThrow();
        RenderedMessage enMsg = DefaultNotifier.render(en, Locale.ENGLISH, vars, null);
        assertThat(enMsg.subject()).isEqualTo("Welcome to 示例市 online government services");
        assertThat(enMsg.body()).startsWith("Hello 张明华, your account demo-citizen has been registered.");

        // e-mail has no template of its own: it uses the in-app text; SMS in English falls back to Chinese
        assertThat(templates.find("account.registered", Channel.EMAIL, Locale.ENGLISH).orElseThrow().locale()).isEqualTo("en");
        TemplateStore.Template sms = templates.find("alert.raised", Channel.SMS, Locale.ENGLISH).orElseThrow();
        assertThat(sms.channel()).isEqualTo(Channel.SMS);
        assertThat(sms.locale()).isEqualTo("zh-CN");
        assertThat(DefaultNotifier.render(sms, Locale.ENGLISH, Map.of("alertTitle", "井盖缺失", "detail", "湖滨街道"), null).body())
                .isEqualTo("【一般预警】井盖缺失：湖滨街道，请及时处置。");
    }

    @Test
    void notifierReportsEachChannelAndRejectsUnknownTemplates() {
        String account = newAccount();
        DeliveryReport report = notifier.send(new NotificationRequested("password.changed", List.of(account),
                Map.of("username", "u1", "time", "2026-03-01 10:00"), Set.of(Channel.IN_APP, Channel.EMAIL, Channel.SMS), null));
        assertThat(report.deliveries()).hasSize(3);
        assertThat(report.deliveries()).filteredOn(d -> d.channel() == Channel.IN_APP)
                .singleElement().extracting(DeliveryReport.Delivery::status).isEqualTo(DeliveryReport.DeliveryStatus.DELIVERED);
        // no SMTP server configured and (until identity provides a ContactResolver) no addresses: skipped, not failed
        assertThat(report.deliveries()).filteredOn(d -> d.channel() != Channel.IN_APP)
                .allSatisfy(d -> assertThat(d.status()).isEqualTo(DeliveryReport.DeliveryStatus.SKIPPED));
        assertThat(inboxCount(account)).isEqualTo(1);

        assertThatThrownBy(() -> notifier.send(NotificationRequested.inApp("no.such-template", List.of(account), Map.of(), null)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.violations()).extracting("field").containsExactly("templateCode"));
        assertThat(inboxCount(account)).isEqualTo(1);
    }

    @Test
    void anotherAccountCannotSeeOrReadMyMessage() {
        String me = newAccount();
        String other = newAccount();
        notifier.send(caseChanged(me, "C-1"));
        String id = inbox.page(me, false, 0, 10).items().getFirst().id();

        signIn(citizen(other));
        assertThat(inboxApi.list(0, 20, false).items()).isEmpty();
        assertThatThrownBy(() -> inboxApi.read(id)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.status().value()).isEqualTo(404));
        assertThatThrownBy(() -> inboxApi.one(id)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.status().value()).isEqualTo(404));
        assertThat(inboxApi.readAll()).containsEntry("marked", 0);
        assertThat(inbox.unreadCount(me)).isEqualTo(1);

        signIn(citizen(me));
        Inbox.Page page = inboxApi.list(0, 20, false);
        assertThat(page.items()).extracting(Inbox.Message::id).containsExactly(id);
        assertThat(page.unread()).isEqualTo(1);
        assertThat(inboxApi.read(id).readAt()).isNotNull();
        assertThat(inboxApi.list(0, 20, true).items()).isEmpty();
        assertThat(inbox.unreadCount(me)).isZero();
    }

    @Test
    void editingTemplatesNeedsThePermissionAndIsAudited() {
        signIn(citizen(newAccount()));
        assertThatThrownBy(() -> admin.put("test.notice", "IN_APP", "zh-CN",
                new NotificationAdminController.TemplateUpdate("general", "通知", "内容 ${x}")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status().value()).isEqualTo(403));

        String code = "test.notice-" + UUID.randomUUID().toString().substring(0, 8);
        signIn(new Caller("admin-t", "admin-t", "管理员", CallerType.ADMIN, Set.of("ADMIN"), Set.of("*"), Set.of(""), Set.of(), null));
        assertThatThrownBy(() -> admin.put(code, "FAX", "fr", new NotificationAdminController.TemplateUpdate("general", "s", "b")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.violations()).extracting("field")
                        .containsExactlyInAnyOrder("channel", "locale"));
        TemplateStore.Template t = admin.put(code, "IN_APP", "zh-CN", new NotificationAdminController.TemplateUpdate("general", "通知：${title}", "内容 ${x}"));
        assertThat(t.updatedBy()).isEqualTo("admin-t");
        admin.put(code, "IN_APP", "zh-CN", new NotificationAdminController.TemplateUpdate("general", "新通知：${title}", "内容 ${x}"));
        assertThat(templates.byCode(code)).singleElement().extracting(TemplateStore.Template::subject).isEqualTo("新通知：${title}");
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where target = ?", Integer.class,
                "notification-template:" + code + "/IN_APP/zh-CN")).isEqualTo(2);

        String account = newAccount();
        DeliveryReport r = admin.send(new NotificationAdminController.SendRequest(code, List.of(account), Map.of("title", "停水", "x", "明日 9 时"), null, null));
        assertThat(r.count(DeliveryReport.DeliveryStatus.DELIVERED)).isEqualTo(1);
        assertThat(inbox.page(account, false, 0, 5).items().getFirst().title()).isEqualTo("新通知：停水");
    }

    @Test
    void unsafeLinksAreDropped() {
        assertThat(InAppChannel.safeLink("/portal/cases/1")).isEqualTo("/portal/cases/1");
        assertThat(InAppChannel.safeLink("https://gov.example/x")).isEqualTo("https://gov.example/x");
        assertThat(InAppChannel.safeLink("javascript:alert(1)")).isNull();
        assertThat(InAppChannel.safeLink("//evil.example")).isNull();
    }
}
