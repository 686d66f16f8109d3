package org.yiwang.sensing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Read access to devices and their time series, for other modules (no data scope applied: callers that show
 * results to people check {@link org.yiwang.shared.security.AccessScope} on the device's region and department).
 */
public interface SensorReadings {

    /** The device with this id. */
    Optional<Device> device(String deviceId);

    /** All devices, ordered by id. */
    List<Device> devices();

    /**
     * The series of one metric in {@code [from, to)}, oldest first, at most {@code 10_000} points.
     */
    List<SeriesPoint> series(String deviceId, String metric, Instant from, Instant to, SeriesStep step);

    /** The newest stored reading of a metric. */
    Optional<Reading> latest(String deviceId, String metric);
}
