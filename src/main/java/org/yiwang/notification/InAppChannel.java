package org.yiwang.notification;

import org.springframework.stereotype.Component;

/** 站内信: writes the message into the recipient's inbox (in the caller's transaction). */
@Component
class InAppChannel implements NotificationChannel {

    private final InboxStore inbox;

    InAppChannel(InboxStore inbox) {
        this.inbox = inbox;
    }

    @Override
    public Channel channel() {
        return Channel.IN_APP;
    }

    @Override
    public ChannelResult deliver(String accountId, RenderedMessage m) {
        inbox.insert(accountId, m.category(), m.templateCode(), DeliveryLog.truncate(m.subject(), 500),
                DeliveryLog.truncate(m.body(), 4000), safeLink(m.link()));
        return ChannelResult.delivered(null);
    }

    /** Only links inside the platform (a path) or to http(s) sites; anything else (javascript:, data:) is dropped. */
    static String safeLink(String link) {
        if (link == null || link.isBlank() || link.length() > 1000) {
            return null;
        }
        String l = link.trim();
        if (l.startsWith("/") && !l.startsWith("//") && !l.startsWith("/\\")) {
            return l;
        }
        return l.startsWith("https://") || l.startsWith("http://") ? l : null;
    }
}
