package org.yiwang.notification;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import org.yiwang.crypto.Masking;
import org.yiwang.crypto.PersonalDataKind;

/** SMS through the {@link SmsGateway}: the signature (短信签名) then the message body. */
@Component
class SmsChannel implements NotificationChannel {

    private static final Logger log = LoggerFactory.getLogger(SmsChannel.class);

    private final SmsGateway gateway;
    private final Contacts contacts;
    private final String signature;

    SmsChannel(SmsGateway gateway, Contacts contacts, NotificationProperties props,
               @Value("${yiwang.city-name:示例市}") String cityName) {
        this.gateway = gateway;
        this.contacts = contacts;
        this.signature = props.smsSignature() == null || props.smsSignature().isBlank() ? "【" + cityName + "】" : props.smsSignature();
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public ChannelResult deliver(String accountId, RenderedMessage m) {
        Optional<String> phone = contacts.phone(accountId);
        if (phone.isEmpty()) {
            return ChannelResult.skipped("no phone number");
        }
        String masked = Masking.mask(PersonalDataKind.PHONE, phone.get());
        String text = m.body().startsWith(signature) ? m.body() : signature + m.body();
        try {
            String id = gateway.send(phone.get(), text);
            return new ChannelResult(DeliveryReport.DeliveryStatus.DELIVERED, masked, id);
        } catch (RuntimeException e) {
            log.warn("SMS {} to {} failed: {}", m.templateCode(), masked, e.getClass().getSimpleName());
            return ChannelResult.failed(masked, e.getClass().getSimpleName());
        }
    }
}
