package org.yiwang.notification;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import org.yiwang.crypto.Masking;
import org.yiwang.crypto.PersonalDataKind;

/** E-mail through Spring's {@link JavaMailSender}; active only when {@code spring.mail.host} is set, otherwise SKIPPED. */
@Component
class EmailChannel implements NotificationChannel {

    private static final Logger log = LoggerFactory.getLogger(EmailChannel.class);

    private final ObjectProvider<JavaMailSender> mailSender;
    private final Contacts contacts;
    private final NotificationProperties props;
    private final String host;

    EmailChannel(ObjectProvider<JavaMailSender> mailSender, Contacts contacts, NotificationProperties props,
                 @Value("${spring.mail.host:}") String host) {
        this.mailSender = mailSender;
        this.contacts = contacts;
        this.props = props;
        this.host = host;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    boolean configured() {
        return StringUtils.hasText(host) && mailSender.getIfAvailable() != null;
    }

    @Override
    public ChannelResult deliver(String accountId, RenderedMessage m) {
        if (!configured()) {
            return ChannelResult.skipped("email not configured (spring.mail.host)");
        }
        Optional<String> address = contacts.email(accountId);
        if (address.isEmpty()) {
            return ChannelResult.skipped("no email address");
        }
        String masked = Masking.mask(PersonalDataKind.EMAIL, address.get());
        SimpleMailMessage mail = new SimpleMailMessage();
        mail.setFrom(props.mailFrom());
        mail.setTo(address.get());
        mail.setSubject(m.subject());
        mail.setText(m.link() == null ? m.body() : m.body() + "\n\n" + m.link());
        try {
            mailSender.getObject().send(mail);
            return ChannelResult.delivered(masked);
        } catch (MailException e) {
            log.warn("Email {} to {} failed: {}", m.templateCode(), masked, e.getClass().getSimpleName());
            return ChannelResult.failed(masked, e.getClass().getSimpleName());
        }
    }
}
