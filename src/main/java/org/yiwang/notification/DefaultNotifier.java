package org.yiwang.notification;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.yiwang.notification.DeliveryReport.Delivery;
import org.yiwang.notification.DeliveryReport.DeliveryStatus;
import org.yiwang.notification.NotificationChannel.ChannelResult;
import org.yiwang.shared.web.ProblemException;

/** Renders a template per recipient (in the recipient's language) and hands it to each requested channel. */
@Service
class DefaultNotifier implements Notifier {

    private static final Logger log = LoggerFactory.getLogger(DefaultNotifier.class);

    private final TemplateStore templates;
    private final Map<Channel, NotificationChannel> channels = new EnumMap<>(Channel.class);
    private final Contacts contacts;
    private final DeliveryLog deliveries;
    private final Map<String, String> platformVariables;

    DefaultNotifier(TemplateStore templates, List<NotificationChannel> channelBeans, Contacts contacts, DeliveryLog deliveries,
                    @Value("${yiwang.city-name:示例市}") String cityName) {
        this.templates = templates;
        channelBeans.forEach(c -> channels.putIfAbsent(c.channel(), c));
        this.contacts = contacts;
        this.deliveries = deliveries;
        this.platformVariables = Map.of("cityName", cityName);
    }

    @Override
    @Transactional
    public DeliveryReport send(NotificationRequested request) {
        if (!templates.exists(request.templateCode())) {
            throw ProblemException.invalidField("templateCode", "没有该消息模板：" + request.templateCode(),
                    "no such notification template: " + request.templateCode());
        }
        Map<String, String> variables = new HashMap<>(platformVariables);
        variables.putAll(request.variables());
        List<Channel> wanted = request.channels().stream().sorted(Comparator.naturalOrder()).toList();
        List<Delivery> out = new ArrayList<>();
        for (String accountId : request.recipientAccountIds()) {
            Locale locale = contacts.locale(accountId);
            for (Channel channel : wanted) {
                Delivery d = deliver(request, accountId, channel, locale, variables);
                deliveries.record(request.templateCode(), d);
                out.add(d);
            }
        }
        return new DeliveryReport(request.templateCode(), out);
    }

    private Delivery deliver(NotificationRequested request, String accountId, Channel channel, Locale locale, Map<String, String> variables) {
        NotificationChannel impl = channels.get(channel);
        if (impl == null) {
            return new Delivery(accountId, channel, DeliveryStatus.SKIPPED, null, "channel not available");
        }
        Optional<TemplateStore.Template> template = templates.find(request.templateCode(), channel, locale);
        if (template.isEmpty()) {
            return new Delivery(accountId, channel, DeliveryStatus.SKIPPED, null, "no template for channel");
        }
        RenderedMessage message = render(template.get(), locale, variables, request.link());
        ChannelResult r;
        try {
            r = impl.deliver(accountId, message);
        } catch (RuntimeException e) {
            if (channel == Channel.IN_APP) {
                throw e; // the inbox is our own database: let the transaction (and the event publication) fail and retry
            }
            log.warn("Delivery of {} on {} failed: {}", request.templateCode(), channel, e.getClass().getSimpleName());
            r = ChannelResult.failed(null, e.getClass().getSimpleName());
        }
        return new Delivery(accountId, channel, r.status(), r.maskedAddress(), r.detail());
    }

    static RenderedMessage render(TemplateStore.Template t, Locale locale, Map<String, String> variables, String link) {
        return new RenderedMessage(t.code(), t.category(), locale, TemplateRenderer.render(t.subject(), variables),
                TemplateRenderer.render(t.body(), variables), link);
    }
}
