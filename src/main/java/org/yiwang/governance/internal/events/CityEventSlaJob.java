package org.yiwang.governance.internal.events;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import org.yiwang.audit.AuditLog;
import org.yiwang.governance.CityEvent;
import org.yiwang.governance.CityEventChanged;
import org.yiwang.governance.CityEventState;
import org.yiwang.notification.NotificationRequested;
import org.yiwang.organization.Officer;
import org.yiwang.organization.OrganizationDirectory;

/**
 * SLA watch (超期督办): every minute, on one node at a time (a single-row lease in {@code gov_job_lease} taken by a
 * conditional update), marks dispatched events past their deadline as overdue and escalates them up the
 * {@code reportingTo} line of the handling officer (or, before anyone handled it, of the dispatcher): level k is
 * reached {@code (k-1) × escalation-step} after the deadline, up to {@code escalation-levels} (default 2, step 4 h).
 * Each step is a conditional update on the event's current level, so no level is ever escalated twice, even by
 * two nodes or an overlapping manual run.
 */
@Component
public class CityEventSlaJob {

    private static final Logger log = LoggerFactory.getLogger(CityEventSlaJob.class);
    private static final String LEASE = "event-sla";

    private final CityEventStore store;
    private final CityEventService service;
    private final OrganizationDirectory directory;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final int levels;
    private final Duration step;
    private final String node = ManagementFactory.getRuntimeMXBean().getName();

    CityEventSlaJob(CityEventStore store, CityEventService service, OrganizationDirectory directory, AuditLog audit,
                    ApplicationEventPublisher events, TransactionTemplate tx,
                    @Value("${yiwang.governance.events.escalation-levels:2}") int levels,
                    @Value("${yiwang.governance.events.escalation-step:PT4H}") Duration step) {
        this.store = store;
        this.service = service;
        this.directory = directory;
        this.audit = audit;
        this.events = events;
        this.tx = tx;
        this.levels = levels;
        this.step = step;
    }

    @Scheduled(fixedDelayString = "${yiwang.governance.events.sla-interval:PT1M}", initialDelayString = "PT30S")
    void tick() {
        Instant now = Instant.now();
        Integer got = tx.execute(s -> store.jdbc().sql("update gov_job_lease set holder = ?, lease_until = ? where name = ? and lease_until < ?")
                .params(node, CityEventStore.ts(now.plusSeconds(50)), LEASE, CityEventStore.ts(now)).update());
        if (got == null || got == 0) {
            return; // another node holds the lease
        }
        try {
            sweep(now);
        } catch (RuntimeException e) {
            log.warn("Event SLA sweep failed", e);
        }
    }

    /** One pass: returns how many escalation steps were taken. Safe to run concurrently with itself. */
    public int sweep(Instant now) {
        List<String> ids = store.jdbc().sql("select id from gov_event where state = 'DISPATCHED' and deadline < ? order by deadline "
                + "fetch first 500 rows only").param(CityEventStore.ts(now)).query(String.class).list();
        int steps = 0;
        for (String id : ids) {
            Integer n = tx.execute(s -> escalate(id, now));
            steps += n == null ? 0 : n;
        }
        return steps;
    }

    private int escalate(String id, Instant now) {
        CityEvent e = store.find(id).orElse(null);
        if (e == null || e.state() != CityEventState.DISPATCHED || e.deadline() == null || !e.deadline().isBefore(now)) {
            return 0;
        }
        if (!e.overdue()) {
            if (store.updateWhere(id, "overdue = true, updated_at = ?", "overdue = false and state = 'DISPATCHED'", now) == 1) {
                store.history(id, "system", "系统", "overdue", e.state(), e.state(), "已超过处置时限 " + e.deadline(), List.of(), now);
                audit.recordAs("system", "系统", "event.overdue", "event:" + e.eventNo(), true, "deadline=" + e.deadline());
                events.publishEvent(new CityEventChanged(id, e.eventNo(), "overdue", e.state(), e.state(), "system", now));
            }
        }
        int level = e.escalationLevel();
        if (level >= levels || now.isBefore(e.deadline().plus(step.multipliedBy(level)))) {
            return 0;
        }
        // one level per pass; the condition on the current level makes a concurrent second pass a no-op
        if (store.updateWhere(id, "escalation_level = ?, escalated_at = ?", "escalation_level = ? and state = 'DISPATCHED'",
                level + 1, now, level) != 1) {
            return 0;
        }
        CityEventStore.Row row = store.row(id).orElseThrow();
        String base = row.handlerOfficerId() != null ? row.handlerOfficerId() : row.dispatcherOfficerId();
        Officer target = null;
        String cursor = base;
        for (int i = 0; i <= level && cursor != null; i++) {
            Officer up = directory.reportingTo(cursor).orElse(null);
            if (up == null) {
                break;
            }
            target = up;
            cursor = up.id();
        }
        List<String> recipients = new ArrayList<>();
        if (target != null) {
            service.accountOfOfficer(target.id()).ifPresent(recipients::add);
        }
        String note = "超期升级督办（第 " + (level + 1) + " 级）" + (target == null ? "：无上级可升级" : "：" + target.name());
        store.history(id, "system", "系统", "escalate", e.state(), e.state(), note, List.of(), now);
        audit.recordAs("system", "系统", "event.escalate", "event:" + e.eventNo(), true,
                "level=" + (level + 1) + " to=" + (target == null ? "-" : target.id()));
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("eventNo", e.eventNo());
        vars.put("eventType", e.classCode() == null ? "待分类" : e.classCode());
        vars.put("status", "超期未处置，升级督办（第 " + (level + 1) + " 级）");
        vars.put("note", "处置时限：" + e.deadline() + "，处置部门：" + e.departmentId());
        events.publishEvent(NotificationRequested.inApp("event.status-changed", recipients, vars, "/workbench/events"));
        events.publishEvent(new CityEventChanged(id, e.eventNo(), "escalate", e.state(), e.state(), "system", now));
        return 1;
    }
}
