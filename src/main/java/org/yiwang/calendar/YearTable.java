package org.yiwang.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Year;
import java.util.Map;

/**
 * The working days of one year, ready for O(1) look-ups: a flag per day and the running count of working
 * days from 1 January, so counting working days between two dates is a subtraction.
 */
final class YearTable {

    final int year;
    /** Holiday data exist for this year (otherwise weekends only). */
    final boolean hasData;
    final boolean provisional;
    private final boolean[] working;
    /** cumulative[i] = working days from 1 January up to and including day index i. */
    private final int[] cumulative;

    /**
     * @param overrides date → working flag for the days that differ from (or restate) the weekly rule
     */
    YearTable(int year, Map<LocalDate, Boolean> overrides, boolean hasData, boolean provisional) {
        this.year = year;
        this.hasData = hasData;
        this.provisional = provisional;
        int days = Year.of(year).length();
        this.working = new boolean[days];
        this.cumulative = new int[days];
        LocalDate d = LocalDate.of(year, 1, 1);
        int count = 0;
        for (int i = 0; i < days; i++, d = d.plusDays(1)) {
            Boolean o = overrides.get(d);
            boolean w = o != null ? o : d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
            working[i] = w;
            if (w) {
                count++;
            }
            cumulative[i] = count;
        }
    }

    boolean isWorking(LocalDate d) {
        return working[d.getDayOfYear() - 1];
    }

    /** Working days from 1 January up to and including {@code d}. */
    int countThrough(LocalDate d) {
        return cumulative[d.getDayOfYear() - 1];
    }

    int total() {
        return cumulative[cumulative.length - 1];
    }

    /** The first day of this year whose running count reaches {@code count} (1 … total()). */
    LocalDate dayWithCount(int count) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] >= count) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return LocalDate.ofYearDay(year, lo + 1);
    }
}
