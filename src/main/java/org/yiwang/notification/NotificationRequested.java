package org.yiwang.notification;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ask the platform to notify accounts. Publish it with {@code ApplicationEventPublisher} inside your own
 * transaction: it is stored in the event publication registry (transactional outbox) with your change and
 * delivered after commit — never when your transaction rolls back, and again after a restart if the
 * platform stopped before delivery finished.
 *
 * @param templateCode        a {@code notification_template} code, e.g. {@code case.status-changed}
 * @param recipientAccountIds the accounts to notify (account ids); may be empty (nothing to do)
 * @param variables           values for the template's {@code ${var}} placeholders (no personal data in clear)
 * @param channels            where to deliver; empty or null means {@link Channel#IN_APP} only
 * @param link                where the message points to in the platform (a relative path such as
 *                            {@code /portal/cases/42}), may be null
 */
public record NotificationRequested(String templateCode, List<String> recipientAccountIds, Map<String, String> variables,
                                    Set<Channel> channels, String link) {

    public NotificationRequested {
        if (templateCode == null || templateCode.isBlank()) {
            throw new IllegalArgumentException("templateCode is required");
        }
        recipientAccountIds = recipientAccountIds == null ? List.of()
                : recipientAccountIds.stream().filter(a -> a != null && !a.isBlank()).distinct().toList();
        variables = variables == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(variables));
        channels = channels == null || channels.isEmpty() ? Set.of(Channel.IN_APP) : Set.copyOf(EnumSet.copyOf(channels));
    }

    /** An in-app only notification. */
    public static NotificationRequested inApp(String templateCode, List<String> recipientAccountIds,
                                              Map<String, String> variables, String link) {
        return new NotificationRequested(templateCode, recipientAccountIds, variables, Set.of(Channel.IN_APP), link);
    }
}
