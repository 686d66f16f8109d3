package org.yiwang.payments;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * A payment channel (支付渠道): it takes the payer to its own page and later confirms the payment with a signed
 * notification (回调通知) posted to {@code POST /api/v1/payments/callbacks/{id}}. The platform ships the local
 * simulator {@code sim}; a real channel (e.g. a provincial 非税收入 platform) is another bean implementing this.
 */
public interface PaymentGateway {

    /** The gateway id used in the callback path, e.g. {@code sim}. */
    String id();

    /** Where to send the payer to pay {@code bill}; {@code returnPath} is the platform page to come back to. */
    URI paymentPage(Bill bill, String returnPath);

    /**
     * Checks a notification exactly as received (raw body and headers): its signature first, then its syntax.
     *
     * @throws InvalidNotification when the signature does not verify or the content cannot be read
     */
    Notification verify(byte[] body, Map<String, String> headers) throws InvalidNotification;

    /**
     * A verified payment notification.
     *
     * @param notifyId  the gateway's notification id (the same notification re-sent keeps it)
     * @param billNo    the bill paid
     * @param tradeNo   the gateway's transaction number
     * @param amountFen the amount paid, in fen
     * @param paidAt    when it was paid
     */
    record Notification(String notifyId, String billNo, String tradeNo, long amountFen, Instant paidAt) {
    }

    /** A notification that failed verification (forged, tampered or malformed). */
    final class InvalidNotification extends Exception {
        private final String reason;

        public InvalidNotification(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        /** Stable reason code, e.g. {@code bad-signature}, {@code malformed}. */
        public String reason() {
            return reason;
        }
    }
}
