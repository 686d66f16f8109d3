package org.yiwang.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.yiwang.notification.LoggingSmsGateway;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

/**
 * Account events reach their owner through the notification module after commit: a welcome in the inbox
 * on registration; on a password change an inbox message and an SMS to the account's phone, whose number
 * is decrypted only for sending (an audited read) and never recorded in clear.
 */
class AccountNotificationsTest extends IntegrationTest {

    private static final String PASSWORD = "Strong#Pass2026";

    @Autowired
    LoggingSmsGateway sms;

    private int inbox(String accountId, String titleLike) {
        return jdbc.queryForObject("select count(*) from inbox_message where account_id = ? and title like ?", Integer.class, accountId, titleLike);
    }

    @Test
    void registrationWelcomesAndAPasswordChangeIsReportedInTheInboxAndBySms() {
        String username = RegistrationApiTest.freshUsername("notify");
        Api.Response created = Api.anonymous(baseUrl()).post("/api/v1/citizens", RegistrationApiTest.citizen(username, RegistrationApiTest.freshIdNumber()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String accountId = jdbc.queryForObject("select id from identity_account where username = ?", String.class, username);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> inbox(accountId, "%") == 1);

        Api.Client me = Api.withToken(baseUrl(), Api.login(baseUrl(), username, PASSWORD));
        assertThat(me.put("/api/v1/me/password", Map.of("currentPassword", PASSWORD, "newPassword", "Changed#Pass2027")).status()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> inbox(accountId, "%") == 2);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.queryForObject(
                "select count(*) from notification_delivery where account_id = ? and channel = 'SMS' and status = 'DELIVERED'", Integer.class, accountId) == 1);
        assertThat(sms.recent()).anySatisfy(m -> {
            assertThat(m.maskedPhone()).isEqualTo("139****5678");
            assertThat(m.text()).contains("密码");
        });
        assertThat(jdbc.queryForObject("select address_masked from notification_delivery where account_id = ? and channel = 'SMS'", String.class, accountId))
                .isEqualTo("139****5678");
        // the phone number was read for sending, and that read is in the audit trail
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'personal-data.read' and target = ? and detail like '%notification%'",
                Integer.class, "account:" + accountId)).isEqualTo(1);
    }
}
