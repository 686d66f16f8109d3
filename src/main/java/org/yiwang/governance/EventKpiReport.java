package org.yiwang.governance;

import java.time.Instant;
import java.util.List;

/**
 * A 统一考核 KPI report of city events.
 *
 * @param query      what was asked (region resolved to the effective one)
 * @param regionName the region's name (or 全部 when not restricted)
 * @param start      start of the period (inclusive), the first day's midnight in the calendar's zone
 * @param end        end of the period (exclusive)
 * @param total      the whole selection
 * @param rows       the breakdown asked by {@link EventKpiQuery#groupBy()} (empty for NONE)
 * @param computedAt when it was computed (应结案 depends on the time: deadlines still ahead do not count yet)
 */
public record EventKpiReport(EventKpiQuery query, String regionName, Instant start, Instant end, EventKpiValues total,
                             List<EventKpiValues> rows, Instant computedAt) {
}
