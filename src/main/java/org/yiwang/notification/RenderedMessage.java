package org.yiwang.notification;

import java.util.Locale;

/** A template rendered for one recipient and channel. */
public record RenderedMessage(String templateCode, String category, Locale locale, String subject, String body, String link) {
}
