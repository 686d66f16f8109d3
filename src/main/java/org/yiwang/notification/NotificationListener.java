package org.yiwang.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Delivers {@link NotificationRequested} events after the publishing transaction commits — asynchronously,
 * in a transaction of its own. The event publication registry marks the publication completed when this
 * returns normally; if the platform stops first, the publication is resubmitted on restart.
 */
@Component
class NotificationListener {

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);

    private final Notifier notifier;
    private final TemplateStore templates;

    NotificationListener(Notifier notifier, TemplateStore templates) {
        this.notifier = notifier;
        this.templates = templates;
    }

    @ApplicationModuleListener
    void on(NotificationRequested event) {
        if (!templates.exists(event.templateCode())) {
            // a programming error of the publisher: retrying cannot help, so complete the publication
            log.error("Notification dropped: no template {} ({} recipients)", event.templateCode(), event.recipientAccountIds().size());
            return;
        }
        DeliveryReport report = notifier.send(event);
        log.debug("Notification {} delivered: {} ok, {} skipped, {} failed", event.templateCode(),
                report.count(DeliveryReport.DeliveryStatus.DELIVERED), report.count(DeliveryReport.DeliveryStatus.SKIPPED),
                report.count(DeliveryReport.DeliveryStatus.FAILED));
    }
}
