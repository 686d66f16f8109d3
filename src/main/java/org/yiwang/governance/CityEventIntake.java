package org.yiwang.governance;

/**
 * The 一网统管 entrance for platform systems (e.g. sensing's early-warning alerts): reports a city event as the system
 * caller, placed by 属地 (grid, region) and routed by the 事权清单 like every other report. Runs in the caller's
 * transaction when there is one.
 */
public interface CityEventIntake {

    /**
     * Reports a city event (state REPORTED, department from the 事权清单 for the class and region).
     *
     * @param source         event source, e.g. {@code SENSOR}
     * @param classCode      an active event class (e.g. {@code E0404} 河道水位超警戒)
     * @param description    what happened (≤ 2000 characters)
     * @param lon            WGS-84 longitude inside the city
     * @param lat            WGS-84 latitude
     * @param externalRef    the caller's reference (e.g. {@code alert:<id>}), written to the event's history
     * @param idempotencyKey repeated keys return the first event instead of opening another
     * @return the event id
     * @throws org.yiwang.shared.web.ProblemException for an unknown class or a point outside the city
     */
    String reportFromSystem(String source, String classCode, String description, double lon, double lat, String externalRef,
                            String idempotencyKey);

    /**
     * Adds a system note to an open event (e.g. an alert escalated from 黄 to 红, or recovered), recorded in its
     * history and published as {@link CityEventChanged} with action {@code system-update} (or {@code system-escalate}
     * when {@code escalate}); the state does not change.
     *
     * @return false when the event is missing or no longer open (REJECTED, CLOSED, MERGED) — the caller then reports
     *         a new one
     */
    boolean updateFromSystem(String eventId, String note, boolean escalate);
}
