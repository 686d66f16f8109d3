package org.yiwang.sensing;

import java.time.Instant;
import java.util.List;

/**
 * An early-warning alert (预警) raised by a warning rule for a device (or, for a multi-point rule, an area).
 *
 * @param alertId     id
 * @param ruleId      the warning rule
 * @param ruleName    the rule's name (Chinese)
 * @param kind        rule kind: THRESHOLD, RATE_OF_CHANGE, MISSING_DATA or MULTI_POINT
 * @param level       current level (the highest reached while active: levels rise at once and never fall until recovery)
 * @param active      true while not recovered
 * @param deviceId    the device (for MULTI_POINT the device whose reading completed the trigger)
 * @param deviceIds   the devices involved (one, or the N devices of a multi-point trigger)
 * @param metric      the metric evaluated (null for MISSING_DATA on any metric)
 * @param value       the value that raised or last escalated the alert (seconds of silence for MISSING_DATA, the
 *                    change over the window for RATE_OF_CHANGE, the device count for MULTI_POINT)
 * @param lon         WGS-84 longitude (the device; the centroid of the devices for MULTI_POINT)
 * @param lat         WGS-84 latitude
 * @param gridCode    grid of the device (null when placed by area only)
 * @param regionCode  region code of the device
 * @param eventId     the city event opened or updated for it (null while none, or when the rule opens no event)
 * @param raisedAt    when it was raised
 * @param updatedAt   last change
 * @param recoveredAt when it recovered (null while active)
 */
public record SensorAlert(String alertId, String ruleId, String ruleName, String kind, AlertLevel level, boolean active,
                          String deviceId, List<String> deviceIds, String metric, Double value, double lon, double lat,
                          String gridCode, String regionCode, String eventId, Instant raisedAt, Instant updatedAt,
                          Instant recoveredAt) {

    public SensorAlert {
        deviceIds = deviceIds == null ? List.of() : List.copyOf(deviceIds);
    }
}
