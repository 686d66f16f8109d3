package org.yiwang.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.yiwang.audit.AuditLog;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/** Message templates (消息模板) and sending by hand; both need {@code notification:send}. */
@RestController
@Tag(name = "notification", description = "消息模板 templates and sending")
class NotificationAdminController {

    static final String PERMISSION = "notification:send";

    private final TemplateStore templates;
    private final Notifier notifier;
    private final AuditLog audit;

    NotificationAdminController(TemplateStore templates, Notifier notifier, AuditLog audit) {
        this.templates = templates;
        this.notifier = notifier;
        this.audit = audit;
    }

    @GetMapping("/api/v1/notification-templates")
    List<TemplateStore.Template> all() {
        Callers.require(PERMISSION);
        return templates.all();
    }

    @GetMapping("/api/v1/notification-templates/{code}")
    List<TemplateStore.Template> byCode(@PathVariable String code) {
        Callers.require(PERMISSION);
        List<TemplateStore.Template> found = templates.byCode(code);
        if (found.isEmpty()) {
            throw new ProblemException(org.springframework.http.HttpStatus.NOT_FOUND, "not-found", "未找到消息模板：" + code, "Notification template not found: " + code);
        }
        return found;
    }

    record TemplateUpdate(@NotBlank @Size(max = 32) @Pattern(regexp = "[a-z0-9-]+") String category,
                          @NotBlank @Size(max = 500) String subject,
                          @NotBlank @Size(max = 4000) String body) {
    }

    @PutMapping("/api/v1/notification-templates/{code}/{channel}/{locale}")
    @Operation(summary = "Creates or replaces one template variant (code, channel, locale zh-CN|en); body uses ${var} placeholders")
    @Transactional
    TemplateStore.Template put(@PathVariable String code, @PathVariable String channel, @PathVariable String locale,
                               @Valid @RequestBody TemplateUpdate update) {
        Caller caller = Callers.require(PERMISSION);
        List<FieldViolation> bad = new ArrayList<>();
        if (!code.matches("[a-z0-9]+([.-][a-z0-9]+)*") || code.length() > 100) {
            bad.add(new FieldViolation("code", "只能包含小写字母、数字、点和连字符", "only lower-case letters, digits, dots and hyphens"));
        }
        Channel ch = null;
        try {
            ch = Channel.valueOf(channel);
        } catch (IllegalArgumentException e) {
            bad.add(new FieldViolation("channel", "必须是 IN_APP、EMAIL 或 SMS", "must be IN_APP, EMAIL or SMS"));
        }
        if (!TemplateStore.LOCALES.contains(locale)) {
            bad.add(new FieldViolation("locale", "必须是 zh-CN 或 en", "must be zh-CN or en"));
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalidFields(bad);
        }
        boolean created = templates.upsert(code, ch, locale, update.category(), update.subject(), update.body(), caller.accountId());
        audit.record(created ? "notification.template.create" : "notification.template.update",
                "notification-template:" + code + "/" + channel + "/" + locale, true, null);
        return templates.byCode(code).stream().filter(t -> t.channel().name().equals(channel) && t.locale().equals(locale))
                .findFirst().orElseThrow();
    }

    record SendRequest(@NotBlank String templateCode, @NotEmpty @Size(max = 1000) List<@NotBlank String> recipientAccountIds,
                       Map<String, String> variables, Set<Channel> channels, @Size(max = 1000) String link) {
    }

    @PostMapping("/api/v1/notifications")
    @Operation(summary = "Sends a templated notification now and reports each delivery")
    @Transactional
    DeliveryReport send(@Valid @RequestBody SendRequest request) {
        Callers.require(PERMISSION);
        DeliveryReport report = notifier.send(new NotificationRequested(request.templateCode(), request.recipientAccountIds(),
                request.variables(), request.channels(), request.link()));
        audit.record("notification.send", "notification-template:" + request.templateCode(), true,
                "recipients=" + request.recipientAccountIds().size() + " delivered=" + report.count(DeliveryReport.DeliveryStatus.DELIVERED));
        return report;
    }
}
