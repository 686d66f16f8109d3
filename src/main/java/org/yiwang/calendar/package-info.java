/**
 * Working-time calendar (工作日历): working days with statutory holidays and 调休 make-up working days as
 * data (one resource file per year, admin-editable), configurable office hours, and deadline arithmetic in
 * working days and working hours. See {@link org.yiwang.calendar.WorkingCalendar}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Calendar 工作日历")
package org.yiwang.calendar;
