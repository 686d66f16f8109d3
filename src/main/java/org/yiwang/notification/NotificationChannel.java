package org.yiwang.notification;

/** One delivery channel. Implementations are Spring beans; one per {@link Channel}. */
public interface NotificationChannel {

    Channel channel();

    /** Delivers {@code message} to the account; reports SKIPPED when the account has no address for this channel. */
    ChannelResult deliver(String accountId, RenderedMessage message);

    /**
     * @param status        outcome
     * @param maskedAddress the address used, masked with {@link org.yiwang.crypto.Masking}; null when none
     * @param detail        reason for SKIPPED/FAILED (never personal data in clear)
     */
    record ChannelResult(DeliveryReport.DeliveryStatus status, String maskedAddress, String detail) {

        public static ChannelResult delivered(String maskedAddress) {
            return new ChannelResult(DeliveryReport.DeliveryStatus.DELIVERED, maskedAddress, null);
        }

        public static ChannelResult skipped(String detail) {
            return new ChannelResult(DeliveryReport.DeliveryStatus.SKIPPED, null, detail);
        }

        public static ChannelResult failed(String maskedAddress, String detail) {
            return new ChannelResult(DeliveryReport.DeliveryStatus.FAILED, maskedAddress, detail);
        }
    }
}
