package org.yiwang.governance;

/**
 * 统一考核: KPIs of city events (受理数 … 缓办数, 立案率 … 延期率 and the configurable 综合指标值 with its grade) per region
 * subtree, department, grid and period. Reports are scoped by the current caller's {@code AccessScope}
 * (officers: their regions and departments; administrators and the system: everything); citizens and
 * enterprises get 403.
 */
public interface EventKpis {

    /** The report for the current caller ({@code Callers.current()}). */
    EventKpiReport report(EventKpiQuery query);
}
