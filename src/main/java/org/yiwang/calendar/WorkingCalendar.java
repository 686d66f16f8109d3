package org.yiwang.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The working-time calendar (工作日历) every time limit is computed with: which days are working days
 * (Monday–Friday, minus statutory holidays 法定节假日, plus 调休 make-up working days on weekends — all as
 * data per year) and the office hours of a working day (configurable, default 08:30–12:00 and 13:30–17:30,
 * 7.5 hours, zone Asia/Shanghai; see {@link CalendarProperties}).
 *
 * <h2>Counting conventions</h2>
 * <ul>
 * <li><b>Working days</b> follow 行政许可法 §82 (time limits in working days exclude statutory holidays) and
 * the general rule for periods (民法典 §201–203): the day on which the period starts is not counted, and the
 * period ends when office hours end on its last day. So {@link #addWorkingDays(ZonedDateTime, int) the deadline
 * of "N working days after t"} is the close of business (default 17:30) of the N-th working day after the
 * calendar day of {@code t}, whatever the time of {@code t} and whether or not that day is itself a working
 * day. An application received on Friday 2025-09-26 with a 1-working-day limit is due on Sunday 2025-09-28
 * at 17:30 (a 调休 working day).</li>
 * <li>{@code n = 0} means "today": the close of business of the day of {@code t} if it is a working day and
 * {@code t} is not after its close, otherwise the close of business of the next working day.</li>
 * <li><b>Working hours</b> count only time inside office hours on working days: 4 working hours from 11:00
 * on a working day end at 15:30 (1 h before lunch, 3 h after); from Friday 16:30 they run on into the next
 * working day. A deadline that falls exactly at the end of an office period is that end (e.g. 12:00).</li>
 * <li>{@link #workingTimeBetween} and {@link #workingDaysBetween} are the inverses:
 * {@code workingTimeBetween(t, addWorkingHours(t, d)) == d} and
 * {@code workingDaysBetween(t, addWorkingDays(t, n)) == n} for n ≥ 1.</li>
 * </ul>
 * Years without holiday data count weekends only (and log a warning). Results are in the zone of the argument
 * for {@link ZonedDateTime} arguments; day boundaries are always those of the calendar's zone.
 */
public interface WorkingCalendar {

    /** The zone in which days and office hours are reckoned (default Asia/Shanghai). */
    ZoneId zone();

    /** True when {@code date} is a working day (工作日). */
    boolean isWorkingDay(LocalDate date);

    /** True when {@code t} lies inside office hours of a working day. */
    boolean isWorkingTime(Instant t);

    /** The first working day strictly after {@code date}. */
    LocalDate nextWorkingDay(LocalDate date);

    /** Length of the office hours of one working day (default 7.5 h). */
    Duration workingDayLength();

    /** The deadline of "{@code n} working days after {@code t}" (see the class comment); {@code n} ≥ 0. */
    ZonedDateTime addWorkingDays(ZonedDateTime t, int n);

    /** Same, for an instant. */
    Instant addWorkingDays(Instant t, int n);

    /** The instant at which {@code amount} of working time after {@code t} has elapsed; {@code amount} ≥ 0. */
    ZonedDateTime addWorkingHours(ZonedDateTime t, Duration amount);

    /** Same, for an instant. */
    Instant addWorkingHours(Instant t, Duration amount);

    /** Working time between {@code a} and {@code b} (negative when {@code b} is before {@code a}). */
    Duration workingTimeBetween(Instant a, Instant b);

    /** Same, for zoned date-times. */
    default Duration workingTimeBetween(ZonedDateTime a, ZonedDateTime b) {
        return workingTimeBetween(a.toInstant(), b.toInstant());
    }

    /**
     * Number of working days after {@code from} up to and including {@code to} (negative when {@code to} is
     * before {@code from}); e.g. Friday → next Monday is 1 in an ordinary week.
     */
    int workingDaysBetween(LocalDate from, LocalDate to);

    /** Same, between the calendar days (in the calendar's zone) of two instants. */
    default int workingDaysBetween(Instant from, Instant to) {
        return workingDaysBetween(LocalDate.ofInstant(from, zone()), LocalDate.ofInstant(to, zone()));
    }

    /** True when holiday data exist for {@code year} (otherwise only weekends are rest days). */
    boolean hasHolidayData(int year);
}
