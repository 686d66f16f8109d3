package org.yiwang.notification;

/**
 * Synchronous delivery, for callers that want the outcome now (e.g. an administrator sending a
 * message). In-app messages are written in the caller's transaction; e-mail and SMS go out at once.
 * Prefer publishing {@link NotificationRequested} from business transactions.
 */
public interface Notifier {

    /**
     * Renders the template for each recipient (in the recipient's language) and delivers it on each
     * requested channel. A channel that fails for one recipient is reported, not thrown.
     *
     * @throws org.yiwang.shared.web.ProblemException 400 naming {@code templateCode} when no such template exists
     */
    DeliveryReport send(NotificationRequested request);
}
