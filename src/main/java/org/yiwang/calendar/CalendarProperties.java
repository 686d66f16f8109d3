package org.yiwang.calendar;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the working-time calendar, {@code yiwang.calendar.*}:
 * <pre>
 * yiwang:
 *   calendar:
 *     zone: Asia/Shanghai            # days and office hours are reckoned here
 *     working-hours:                 # office periods of a working day, in order, not overlapping
 *       - "08:30-12:00"
 *       - "13:30-17:30"              # default 7.5 working hours a day
 *     reload-interval: 30s           # how often a node checks whether another node changed the calendar
 * </pre>
 * Environment: {@code YIWANG_CALENDAR_ZONE}, {@code YIWANG_CALENDAR_WORKINGHOURS=09:00-12:00,13:30-17:00}, {@code YIWANG_CALENDAR_RELOADINTERVAL}.
 *
 * @param zone           zone of the calendar
 * @param workingHours   office periods {@code HH:mm-HH:mm}
 * @param reloadInterval longest time a node may use a calendar changed on another node
 */
@ConfigurationProperties("yiwang.calendar")
public record CalendarProperties(@DefaultValue("Asia/Shanghai") ZoneId zone,
                                 @DefaultValue({"08:30-12:00", "13:30-17:30"}) List<String> workingHours,
                                 @DefaultValue("30s") Duration reloadInterval) {

    /** One office period of a working day, [start, end). */
    public record Period(LocalTime start, LocalTime end) {
        public Duration length() {
            return Duration.between(start, end);
        }

        @Override
        public String toString() {
            return start + "-" + end;
        }
    }

    public CalendarProperties {
        periodsOf(workingHours); // fail start-up on a bad configuration
    }

    /** The office periods, parsed and checked. */
    public List<Period> periods() {
        return periodsOf(workingHours);
    }

    static List<Period> periodsOf(List<String> specs) {
        if (specs == null || specs.isEmpty()) {
            throw new IllegalArgumentException("yiwang.calendar.working-hours must list at least one period like 08:30-12:00");
        }
        List<Period> periods = new ArrayList<>();
        for (String spec : specs) {
            String[] parts = spec.trim().split("\\s*-\\s*");
            try {
                if (parts.length != 2) {
                    throw new IllegalArgumentException();
                }
                Period p = new Period(LocalTime.parse(parts[0]), LocalTime.parse(parts[1]));
                if (!p.start().isBefore(p.end())) {
                    throw new IllegalArgumentException("yiwang.calendar.working-hours: " + spec + " ends before it starts");
                }
                if (!periods.isEmpty() && p.start().isBefore(periods.getLast().end())) {
                    throw new IllegalArgumentException("yiwang.calendar.working-hours: " + spec + " overlaps or precedes the period before it");
                }
                periods.add(p);
            } catch (DateTimeParseException | IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("yiwang.")) {
                    throw e;
                }
                throw new IllegalArgumentException("yiwang.calendar.working-hours: '" + spec + "' is not HH:mm-HH:mm", e);
            }
        }
        return List.copyOf(periods);
    }
}
