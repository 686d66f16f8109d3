package org.yiwang.notification;

import java.time.Instant;
import java.util.List;

/** Read access to accounts' inboxes (站内信), e.g. for an unread badge in the page header. */
public interface Inbox {

    /** Number of unread messages of the account. */
    long unreadCount(String accountId);

    /** A page of the account's messages, newest first. */
    Page page(String accountId, boolean unreadOnly, int page, int size);

    record Message(String id, String category, String templateCode, String title, String body, String link,
                   Instant createdAt, Instant readAt) {
        public boolean read() {
            return readAt != null;
        }
    }

    record Page(List<Message> items, long total, long unread, int page, int size) {
    }
}
