package org.yiwang.notification;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.yiwang.crypto.Masking;
import org.yiwang.crypto.PersonalDataKind;

/**
 * The default {@link SmsGateway}: sends nothing (there is no SMS platform here) and records what would
 * have been sent — in the log and in a small in-memory list — with the phone number masked
 * ({@code 138****0001}). Replace it by declaring another {@code SmsGateway} bean.
 */
public class LoggingSmsGateway implements SmsGateway {

    private static final Logger log = LoggerFactory.getLogger(LoggingSmsGateway.class);

    private final int keep;
    private final Deque<Recorded> recent = new ArrayDeque<>();

    public LoggingSmsGateway(int keep) {
        this.keep = Math.max(keep, 1);
    }

    /** One message the gateway would have sent. */
    public record Recorded(String id, String maskedPhone, String text, Instant at) {
    }

    @Override
    public String send(String phone, String text) {
        String id = "log-" + UUID.randomUUID();
        String masked = Masking.mask(PersonalDataKind.PHONE, phone);
        log.info("SMS not sent (logging gateway) id={} to={} text={}", id, masked, text);
        synchronized (recent) {
            recent.addFirst(new Recorded(id, masked, text, Instant.now()));
            while (recent.size() > keep) {
                recent.removeLast();
            }
        }
        return id;
    }

    /** The recorded messages, newest first. */
    public List<Recorded> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }
}
