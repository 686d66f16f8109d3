package org.yiwang.governance;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;

/**
 * What to measure in the 统一考核 KPIs of city events: a filter (region subtree, department, grid — each optional and always
 * narrowed further by the caller's {@code AccessScope}), a period of whole days in the working calendar's zone
 * ({@code from} and {@code to} both inclusive), and how to break the result down.
 *
 * @param regionCode   12-digit 统计用区划代码; the subtree under it (null: everything the caller may see)
 * @param departmentId responsible department id (null: all)
 * @param gridCode     15-digit unit grid code (null: all)
 * @param from         first day of the period (inclusive)
 * @param to           last day of the period (inclusive)
 * @param groupBy      breakdown of the rows besides the total
 */
public record EventKpiQuery(String regionCode, String departmentId, String gridCode, LocalDate from, LocalDate to, GroupBy groupBy) {

    /** Breakdown of a KPI report. */
    public enum GroupBy {
        /** only the total */
        NONE,
        /** the direct child regions of the queried region (city → districts → streets → communities) */
        REGION,
        /** responsible department (处置部门) */
        DEPARTMENT,
        /** unit grid (单元网格) */
        GRID,
        /** each day of the period */
        DAY,
        /** each calendar month of the period */
        MONTH
    }

    public EventKpiQuery {
        if (from == null || to == null || to.isBefore(from)) {
            throw new IllegalArgumentException("period must have from <= to");
        }
        groupBy = groupBy == null ? GroupBy.NONE : groupBy;
    }

    /** One day. */
    public static EventKpiQuery day(LocalDate day, String regionCode, GroupBy groupBy) {
        return new EventKpiQuery(regionCode, null, null, day, day, groupBy);
    }

    /** The ISO week (Monday to Sunday) containing {@code anyDay}. */
    public static EventKpiQuery week(LocalDate anyDay, String regionCode, GroupBy groupBy) {
        LocalDate monday = anyDay.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return new EventKpiQuery(regionCode, null, null, monday, monday.plusDays(6), groupBy);
    }

    /** A calendar month. */
    public static EventKpiQuery month(YearMonth month, String regionCode, GroupBy groupBy) {
        return new EventKpiQuery(regionCode, null, null, month.atDay(1), month.atEndOfMonth(), groupBy);
    }

    public EventKpiQuery withDepartment(String department) {
        return new EventKpiQuery(regionCode, department, gridCode, from, to, groupBy);
    }

    public EventKpiQuery withGrid(String grid) {
        return new EventKpiQuery(regionCode, departmentId, grid, from, to, groupBy);
    }
}
