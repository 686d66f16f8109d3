package org.yiwang.governance;

import java.time.Instant;

/**
 * Published in the transaction of every intake and transition of a city event (for KPIs, dashboards).
 *
 * @param eventId   the event
 * @param eventNo   its number
 * @param action    what happened: report, file, reject, dispatch, handle, verify-pass, verify-fail, extend,
 *                  approve-extension, suspend, resume, rate, merge, overdue, escalate,
 *                  system-update, system-escalate (notes from {@link CityEventIntake})
 * @param fromState state before (null for report)
 * @param toState   state after
 * @param actorId   account id of the actor ("system" for the SLA job)
 * @param at        when
 */
public record CityEventChanged(String eventId, String eventNo, String action, CityEventState fromState, CityEventState toState,
                               String actorId, Instant at) {
}
