package org.yiwang.governance;

/** Unit of a 处置时限, counted with {@code calendar.WorkingCalendar}. */
public enum DeadlineUnit {
    /** 工作时 (office hours of working days) */
    WORKING_HOURS,
    /** 工作日 (ends at close of business of the N-th working day after the start day) */
    WORKING_DAYS
}
