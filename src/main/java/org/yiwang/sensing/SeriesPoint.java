package org.yiwang.sensing;

import java.time.Instant;

/**
 * One point of a series: a raw reading (min = max = avg = value, count 1) or a roll-up bucket starting at {@code ts}.
 */
public record SeriesPoint(Instant ts, double min, double max, double avg, long count) {
}
