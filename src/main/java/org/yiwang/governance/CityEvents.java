package org.yiwang.governance;

import java.time.Instant;
import java.util.List;
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
}
