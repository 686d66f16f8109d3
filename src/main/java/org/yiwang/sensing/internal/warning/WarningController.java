package org.yiwang.sensing.internal.warning;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.yiwang.sensing.SensorAlert;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.ProblemException;

/** REST API of early warning: rules (预警规则), alerts (预警) and subscriptions (订阅). */
@RestController
@RequestMapping("/api/v1")
class WarningController {

    private final WarningRuleService rules;
    private final AlertService alerts;

    WarningController(WarningRuleService rules, AlertService alerts) {
        this.rules = rules;
        this.alerts = alerts;
    }

    record NewSubscription(String ruleId, String areaCode) {
    }

    private static Caller officer() {
        Caller c = Callers.current();
        if (!c.isOfficerOrAdmin()) {
            throw ProblemException.forbidden("仅限工作人员", "Officers only");
        }
        return c;
    }

    @Operation(summary = "Warning rules (threshold held, rate of change, missing data, multi-point) with their level thresholds")
    @GetMapping("/warning-rules")
    List<Map<String, Object>> list() {
        officer();
        return rules.all().stream().map(WarningRule::view).toList();
    }

    @GetMapping("/warning-rules/{id}")
    Map<String, Object> get(@PathVariable String id) {
        officer();
        return rules.find(id).map(WarningRule::view).orElseThrow(() -> ProblemException.notFound("预警规则", id));
    }

    @Operation(summary = "Create a warning rule (warning-rule:manage); Idempotency-Key honoured")
    @PostMapping("/warning-rules")
    ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) WarningRuleService.RuleRequest body,
                                               @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Caller c = Callers.require("warning-rule:manage");
        if (body == null) {
            throw ProblemException.invalidField("body", "缺少规则内容", "the rule is missing");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(rules.create(c, body, key).view());
    }

    @Operation(summary = "Replace a warning rule's definition (warning-rule:manage)")
    @PutMapping("/warning-rules/{id}")
    Map<String, Object> update(@PathVariable String id, @RequestBody(required = false) WarningRuleService.RuleRequest body) {
        Caller c = Callers.require("warning-rule:manage");
        if (body == null) {
            throw ProblemException.invalidField("body", "缺少规则内容", "the rule is missing");
        }
        return rules.update(c, id, body).view();
    }

    @Operation(summary = "Alerts in the caller's region scope: active ones (default), or all changed since `since`")
    @GetMapping("/sensor-alerts")
    List<SensorAlert> alerts(@RequestParam(defaultValue = "true") boolean active, @RequestParam(required = false) String since,
                             @RequestParam(defaultValue = "200") int limit) {
        Caller c = officer();
        Instant from;
        try {
            from = since == null ? Instant.now().minusSeconds(86_400) : OffsetDateTime.parse(since).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("since", "须为带时区的 ISO-8601 时间", "must be an ISO-8601 date-time with offset");
        }
        List<SensorAlert> found = active ? alerts.active() : alerts.recent(from, limit);
        return found.stream().filter(a -> c.scope().allows(a.regionCode(), null, null)).limit(Math.max(1, Math.min(limit, 1000))).toList();
    }

    @GetMapping("/sensor-alerts/{id}")
    SensorAlert alert(@PathVariable String id) {
        Caller c = officer();
        return alerts.find(id).filter(a -> c.scope().allows(a.regionCode(), null, null))
                .orElseThrow(() -> ProblemException.notFound("预警", id));
    }

    @GetMapping("/alert-subscriptions")
    List<AlertService.Subscription> subscriptions() {
        return alerts.subscriptions(officer());
    }

    @Operation(summary = "Subscribe the caller to alerts of a rule and/or an area (region code or grid code)")
    @PostMapping("/alert-subscriptions")
    ResponseEntity<AlertService.Subscription> subscribe(@RequestBody(required = false) NewSubscription body) {
        Caller c = officer();
        NewSubscription b = body == null ? new NewSubscription(null, null) : body;
        return ResponseEntity.status(HttpStatus.CREATED).body(alerts.subscribe(c, b.ruleId(), b.areaCode(), rules));
    }

    @DeleteMapping("/alert-subscriptions/{id}")
    ResponseEntity<Void> unsubscribe(@PathVariable String id) {
        if (!alerts.unsubscribe(officer(), id)) {
            throw ProblemException.notFound("订阅", id);
        }
        return ResponseEntity.noContent().build();
    }
}
