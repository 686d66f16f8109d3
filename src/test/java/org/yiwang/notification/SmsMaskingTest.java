package org.yiwang.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The logging SMS gateway and the SMS channel never show a phone number in clear. */
@ExtendWith(OutputCaptureExtension.class)
class SmsMaskingTest {

    @Test
    void loggingGatewayRecordsAndLogsOnlyTheMaskedNumber(CapturedOutput output) {
        LoggingSmsGateway gateway = new LoggingSmsGateway(10);
        String id = gateway.send("13800000001", "【示例市】您的办件已受理");
        assertThat(id).startsWith("log-");
        LoggingSmsGateway.Recorded r = gateway.recent().getFirst();
        assertThat(r.maskedPhone()).isEqualTo("138****0001");
        assertThat(r.text()).isEqualTo("【示例市】您的办件已受理");
        assertThat(output.getAll()).contains("138****0001").doesNotContain("13800000001");
    }

    @Test
    void keepsOnlyTheConfiguredNumberOfRecentMessages() {
        LoggingSmsGateway gateway = new LoggingSmsGateway(2);
        gateway.send("13800000001", "1");
        gateway.send("13800000002", "2");
        gateway.send("13800000003", "3");
        assertThat(gateway.recent()).extracting(LoggingSmsGateway.Recorded::text).containsExactly("3", "2");
    }

    @Test
    void smsChannelSignsTheTextAndReportsTheMaskedAddress(CapturedOutput output) {
        LoggingSmsGateway gateway = new LoggingSmsGateway(10);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("resolver", new ContactResolver() {
            @Override
            public Optional<String> email(String accountId) {
                return Optional.empty();
            }

            @Override
            public Optional<String> phone(String accountId) {
                return accountId.equals("a1") ? Optional.of("13912345678") : Optional.empty();
            }
        });
        Contacts contacts = new Contacts(beans.getBeanProvider(ContactResolver.class));
        SmsChannel channel = new SmsChannel(gateway, contacts, new NotificationProperties("noreply@x", "", 10), "示例市");
        RenderedMessage m = new RenderedMessage("case.status-changed", "case", Locale.SIMPLIFIED_CHINESE, "s", "办件已受理。", null);

        NotificationChannel.ChannelResult ok = channel.deliver("a1", m);
        assertThat(ok.status()).isEqualTo(DeliveryReport.DeliveryStatus.DELIVERED);
        assertThat(ok.maskedAddress()).isEqualTo("139****5678");
        assertThat(gateway.recent().getFirst().text()).isEqualTo("【示例市】办件已受理。");
        assertThat(gateway.recent().getFirst().maskedPhone()).isEqualTo("139****5678");

        NotificationChannel.ChannelResult none = channel.deliver("a2", m);
        assertThat(none.status()).isEqualTo(DeliveryReport.DeliveryStatus.SKIPPED);
        assertThat(output.getAll()).doesNotContain("13912345678");
        assertThat(Instant.now()).isAfterOrEqualTo(gateway.recent().getFirst().at());
    }
}
