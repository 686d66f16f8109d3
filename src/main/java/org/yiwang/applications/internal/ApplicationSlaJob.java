package org.yiwang.applications.internal;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * 红黄牌 (time-limit warnings): every minute, cases whose clock runs get a yellow card once they used the configured
 * fraction of their time limit and a red card once overdue — each at most once per case (a locked, conditional
 * update in {@link ApplicationService#card}), so several nodes or an overlapping manual run never issue it twice.
 * Suspended cases (暂停) are skipped; resuming clears the cards because the deadline moves.
 */
@Component
public class ApplicationSlaJob {

    private static final Logger log = LoggerFactory.getLogger(ApplicationSlaJob.class);

    private final ApplicationService service;

    ApplicationSlaJob(ApplicationService service) {
        this.service = service;
    }

    @Scheduled(fixedDelayString = "${yiwang.applications.sla-interval:PT1M}", initialDelayString = "PT40S")
    void tick() {
        try {
            org.yiwang.shared.security.Callers.runAs(org.yiwang.shared.security.Caller.SYSTEM, () -> sweep(Instant.now()));
        } catch (RuntimeException e) {
            log.warn("Application SLA sweep failed", e);
        }
    }

    /** One pass; returns the number of cards issued. */
    public int sweep(Instant now) {
        int cards = 0;
        for (ApplicationStore.Case a : service.running()) {
            String colour = service.sla(a, now).colour();
            if ("RED".equals(colour)) {
                cards += (a.yellowCardAt() == null && service.card(a.id(), "YELLOW") ? 1 : 0)
                        + (a.redCardAt() == null && service.card(a.id(), "RED") ? 1 : 0);
            } else if ("YELLOW".equals(colour) && a.yellowCardAt() == null) {
                cards += service.card(a.id(), "YELLOW") ? 1 : 0;
            }
        }
        return cards;
    }
}
