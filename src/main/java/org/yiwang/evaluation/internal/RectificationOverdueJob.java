package org.yiwang.evaluation.internal;

import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import org.yiwang.audit.AuditLog;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.Callers;

/**
 * Flags rectification tasks whose 回访 or 整改 deadline passed undone (超期). The flags are set by conditional
 * updates, so running on several nodes or twice changes nothing more; each newly flagged task is audited.
 */
@Component
public class RectificationOverdueJob {

    private static final Logger log = LoggerFactory.getLogger(RectificationOverdueJob.class);

    private final EvaluationStore store;
    private final AuditLog audit;

    RectificationOverdueJob(EvaluationStore store, AuditLog audit) {
        this.store = store;
        this.audit = audit;
    }

    @Scheduled(fixedDelayString = "${yiwang.evaluation.overdue-interval:PT5M}", initialDelayString = "PT1M")
    void scheduled() {
        Callers.runAs(Caller.SYSTEM, () -> run(Instant.now()));
    }

    /** Flags what is overdue at {@code now}; returns the evaluation ids newly flagged. */
    @Transactional
    public List<String> run(Instant now) {
        List<String> ids = store.markOverdue(now);
        for (String id : ids) {
            audit.record("evaluation.overdue", "evaluation:" + id, true, "rectification past its deadline");
        }
        if (!ids.isEmpty()) {
            log.info("Flagged {} rectification task(s) overdue", ids.size());
        }
        return ids;
    }
}
