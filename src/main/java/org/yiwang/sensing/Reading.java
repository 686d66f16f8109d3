package org.yiwang.sensing;

import java.time.Instant;

/**
 * One measurement of a device.
 *
 * @param metric the metric code of the device's type (e.g. {@code water_level})
 * @param ts     when it was measured
 * @param value  the value in the metric's unit
 */
public record Reading(String metric, Instant ts, double value) {
}
