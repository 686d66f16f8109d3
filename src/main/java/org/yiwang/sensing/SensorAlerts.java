package org.yiwang.sensing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Read access to early-warning alerts (预警) for other modules, e.g. the command-center dashboard. Not scoped: callers
 * that show alerts to people check {@link org.yiwang.shared.security.AccessScope} on the alert's region code.
 */
public interface SensorAlerts {

    /** Alerts not yet recovered, highest level first, then newest first. */
    List<SensorAlert> active();

    /** Alerts raised or changed since {@code since} (active or recovered), newest first, at most {@code limit} (≤ 1,000). */
    List<SensorAlert> recent(Instant since, int limit);

    Optional<SensorAlert> find(String alertId);
}
