package org.yiwang.calendar;

import java.time.LocalDate;

/**
 * A day of the calendar that differs from (or restates) the weekly rule.
 *
 * @param date    the day
 * @param working true for a working day (e.g. a 调休 make-up working day on a weekend), false for a rest day
 *                (e.g. a statutory holiday)
 * @param type    {@code holiday} (放假) or {@code workday} (上班)
 * @param name    e.g. 春节, 国庆节调休上班
 * @param source  {@code file} (shipped data) or {@code admin} (edited by an administrator)
 */
public record CalendarDay(LocalDate date, boolean working, String type, String name, String source) {

    public static final String HOLIDAY = "holiday";
    public static final String WORKDAY = "workday";

    public CalendarDay(LocalDate date, boolean working, String name, String source) {
        this(date, working, working ? WORKDAY : HOLIDAY, name, source);
    }
}
