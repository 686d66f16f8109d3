package org.yiwang.sensing;

import java.time.Instant;

/**
 * Published (in the transaction that stores the change) whenever an early-warning alert is raised, escalates, recovers
 * (a raise or escalation may carry a city event opened or updated for it). Listen with
 * {@code @ApplicationModuleListener}; read details through {@link SensorAlerts}.
 *
 * @param alertId       the alert
 * @param ruleId        its rule
 * @param change        RAISED, ESCALATED or RECOVERED
 * @param level         level after the change
 * @param previousLevel level before (null when raised)
 * @param active        false once recovered
 * @param deviceId      the device (see {@link SensorAlert#deviceId()})
 * @param lon           WGS-84 longitude
 * @param lat           WGS-84 latitude
 * @param gridCode      grid (may be null)
 * @param regionCode    region code
 * @param eventId       the city event (null while none)
 * @param at            when
 */
public record AlertChanged(String alertId, String ruleId, String change, AlertLevel level, AlertLevel previousLevel,
                           boolean active, String deviceId, double lon, double lat, String gridCode, String regionCode,
                           String eventId, Instant at) {

    public static final String RAISED = "RAISED";
    public static final String ESCALATED = "ESCALATED";
    public static final String RECOVERED = "RECOVERED";
}
