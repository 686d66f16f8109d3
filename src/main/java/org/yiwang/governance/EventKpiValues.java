package org.yiwang.governance;

/**
 * The 统一考核 counts and rates of one row of a KPI report (the total, a region, department, grid, day or month).
 * Which date puts an event into the period differs per count (see docs/governance.md, "KPIs"):
 * <ul>
 * <li>受理数 {@code received}: intake time; 立案数 {@code filed}: 立案 time; 派遣数 {@code dispatched}: first 派遣 time;</li>
 * <li>应结案数 {@code due}: events whose (current) 处置 deadline falls in the period and has passed — or that are closed already;
 *     结案数 {@code closed}, 按期结案数 {@code closedOnTime} (closed at or before that deadline) and 缓办数 {@code suspended}
 *     (suspended now, 缓办 or 挂账) count within those due events;</li>
 * <li>返工数 {@code reworked}: events with a failed 核查 in the period; 延期数 {@code extended}: events with an approved 延期 in
 *     the period.</li>
 * </ul>
 * Rates are fractions 0–1 (null when the denominator is 0): 立案率 = 立案数/受理数, 派遣率 = 派遣数/立案数,
 * 结案率 = 结案数/应结案数, 按期结案率 = 按期结案数/(应结案数 − 缓办数), 返工率 = 返工数/派遣数, 延期率 = 延期数/派遣数.
 *
 * @param key           group key (region code, department id, grid code, yyyy-MM-dd, yyyy-MM) or "total"
 * @param label         display name of the group (e.g. 东湖区, 合计)
 * @param score         综合指标值 0–100 from the configured weights (null when no rate is defined)
 * @param grade         grade of the score from the configured bands (e.g. A), null with the score
 * @param gradeLabel    the grade's name (e.g. 优秀)
 * @param gradeColour   the grade's colour (CSS hex)
 */
public record EventKpiValues(String key, String label, long received, long filed, long dispatched, long due, long closed,
                             long closedOnTime, long reworked, long extended, long suspended, Double filingRate,
                             Double dispatchRate, Double closingRate, Double onTimeRate, Double reworkRate, Double extensionRate,
                             Double score, String grade, String gradeLabel, String gradeColour) {
}
