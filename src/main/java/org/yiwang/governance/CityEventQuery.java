package org.yiwang.governance;

import java.time.Instant;
import java.util.Set;

/**
 * Filters of {@link CityEvents#search} and {@link CityEvents#countByState} (every field optional).
 *
 * @param states     states to include (empty or null: all)
 * @param regionCode region subtree (prefix match of the event's community/street code by {@code ChineseIds.regionPrefix})
 * @param gridCode   exact unit grid code
 * @param classCode  exact class code (e.g. {@code E0101})
 * @param from       created at or after
 * @param to         created before
 * @param limit      at most this many events (1–2000; {@link #search} only), newest first
 */
public record CityEventQuery(Set<CityEventState> states, String regionCode, String gridCode, String classCode, Instant from,
                             Instant to, int limit) {

    public CityEventQuery {
        states = states == null ? Set.of() : Set.copyOf(states);
        limit = Math.max(1, Math.min(limit, 2000));
    }
}
