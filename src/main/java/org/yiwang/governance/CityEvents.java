package org.yiwang.governance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read access to city events (城市事件) for other modules. Not scoped: callers apply their own rules
 * (the REST API scopes by {@code AccessScope}).
 */
public interface CityEvents {

    Optional<CityEvent> find(String id);

    Optional<CityEvent> findByNo(String eventNo);

    /** Events created in [from, to) (either may be null), optionally under a region (prefix match), ordered by creation. */
    List<CityEvent> created(Instant from, Instant to, String regionCode);

    /**
     * Events matching {@code query} that {@code scope} may see (officers: region subtree + departments; citizens and
     * enterprises: their own reports), newest first. For lists and maps: {@link CityEvent#photos()} is empty here
     * (read one event with {@link #find} for its photos).
     */
    List<CityEvent> search(CityEventQuery query, org.yiwang.shared.security.AccessScope scope);

    /** Number of events per state matching {@code query} (its limit ignored) within {@code scope}; states without events are absent. */
    Map<CityEventState, Long> countByState(CityEventQuery query, org.yiwang.shared.security.AccessScope scope);
}
