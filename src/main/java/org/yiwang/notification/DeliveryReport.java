package org.yiwang.notification;

import java.util.List;

/** What happened to each (recipient, channel) of one notification. */
public record DeliveryReport(String templateCode, List<Delivery> deliveries) {

    public DeliveryReport {
        deliveries = List.copyOf(deliveries);
    }

    /** Number of deliveries with the given status. */
    public long count(DeliveryStatus status) {
        return deliveries.stream().filter(d -> d.status() == status).count();
    }

    /**
     * @param accountId     the recipient
     * @param channel       the channel
     * @param status        the outcome
     * @param maskedAddress the address used, masked (e.g. {@code 138****0001}); null for in-app
     * @param detail        why it was skipped or failed (no personal data)
     */
    public record Delivery(String accountId, Channel channel, DeliveryStatus status, String maskedAddress, String detail) {
    }

    public enum DeliveryStatus {
        /** Handed over (written to the inbox, accepted by the mail server or SMS gateway). */
        DELIVERED,
        /** Not attempted: the channel is not configured or the account has no address for it. */
        SKIPPED,
        /** Attempted and failed. */
        FAILED
    }
}
