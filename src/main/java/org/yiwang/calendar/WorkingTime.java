package org.yiwang.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The arithmetic of {@link WorkingCalendar} over year tables and office periods (no I/O, unit-testable).
 */
final class WorkingTime {

    /** Give up after this many years without a working day (a calendar edited into nonsense). */
    private static final int MAX_YEARS = 50;

    private final IntFunction<YearTable> years;
    private final ZoneId zone;
    private final List<CalendarProperties.Period> periods;
    private final Duration dayLength;

    WorkingTime(IntFunction<YearTable> years, ZoneId zone, List<CalendarProperties.Period> periods) {
        this.years = years;
        this.zone = zone;
        this.periods = List.copyOf(periods);
        this.dayLength = periods.stream().map(CalendarProperties.Period::length).reduce(Duration.ZERO, Duration::plus);
    }

    ZoneId zone() {
        return zone;
    }

    Duration dayLength() {
        return dayLength;
    }

    boolean isWorkingDay(LocalDate d) {
        return years.apply(d.getYear()).isWorking(d);
    }

    boolean isWorkingTime(Instant t) {
        ZonedDateTime z = t.atZone(zone);
        LocalDate d = z.toLocalDate();
        if (!isWorkingDay(d)) {
            return false;
        }
        for (CalendarProperties.Period p : periods) {
            if (!t.isBefore(start(d, p)) && t.isBefore(end(d, p))) {
                return true;
            }
        }
        return false;
    }

    /** The n-th working day strictly after {@code from} (n ≥ 1). */
    LocalDate nthWorkingDayAfter(LocalDate from, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        YearTable table = years.apply(from.getYear());
        int remaining = n;
        int available = table.total() - table.countThrough(from);
        for (int guard = 0; ; guard++) {
            if (remaining <= available) {
                int base = table.year == from.getYear() ? table.countThrough(from) : 0;
                return table.dayWithCount(base + remaining);
            }
            remaining -= available;
            if (guard > MAX_YEARS) {
                throw new IllegalStateException("No working day within " + MAX_YEARS + " years after " + from);
            }
            table = years.apply(table.year + 1);
            available = table.total();
        }
    }

    /** Close of business of the last office period of {@code d}. */
    private ZonedDateTime closeOfBusiness(LocalDate d) {
        return end(d, periods.getLast()).atZone(zone);
    }

    ZonedDateTime addWorkingDays(ZonedDateTime t, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("The number of working days must not be negative");
        }
        LocalDate day = t.withZoneSameInstant(zone).toLocalDate();
        LocalDate due;
        if (n == 0) {
            due = isWorkingDay(day) && !t.toInstant().isAfter(closeOfBusiness(day).toInstant()) ? day : nthWorkingDayAfter(day, 1);
        } else {
            due = nthWorkingDayAfter(day, n);
        }
        return closeOfBusiness(due).withZoneSameInstant(t.getZone());
    }

    ZonedDateTime addWorkingHours(ZonedDateTime t, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("The working time to add must not be negative");
        }
        if (amount.isZero()) {
            return t;
        }
        Instant cursor = t.toInstant();
        Duration remaining = amount;
        LocalDate day = t.withZoneSameInstant(zone).toLocalDate();
        long maxDays = 366L * MAX_YEARS;
        for (long i = 0; i < maxDays; i++, day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            // skip whole working days quickly when we start before the day's first period
            if (remaining.compareTo(dayLength) > 0 && !cursor.isAfter(start(day, periods.getFirst()))) {
                remaining = remaining.minus(dayLength);
                continue;
            }
            for (CalendarProperties.Period p : periods) {
                Instant ps = start(day, p);
                Instant pe = end(day, p);
                if (!pe.isAfter(cursor)) {
                    continue;
                }
                Instant from = ps.isAfter(cursor) ? ps : cursor;
                Duration available = Duration.between(from, pe);
                if (remaining.compareTo(available) <= 0) {
                    return from.plus(remaining).atZone(t.getZone());
                }
                remaining = remaining.minus(available);
            }
        }
        throw new IllegalStateException("No working time within " + MAX_YEARS + " years after " + t);
    }

    Duration workingTimeBetween(Instant a, Instant b) {
        if (b.isBefore(a)) {
            return workingTimeBetween(b, a).negated();
        }
        Duration total = Duration.ZERO;
        LocalDate last = LocalDate.ofInstant(b, zone);
        for (LocalDate day = LocalDate.ofInstant(a, zone); !day.isAfter(last); day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            for (CalendarProperties.Period p : periods) {
                Instant ps = start(day, p);
                Instant pe = end(day, p);
                Instant from = ps.isAfter(a) ? ps : a;
                Instant to = pe.isBefore(b) ? pe : b;
                if (to.isAfter(from)) {
                    total = total.plus(Duration.between(from, to));
                }
            }
        }
        return total;
    }

    int workingDaysBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return -workingDaysBetween(to, from);
        }
        YearTable first = years.apply(from.getYear());
        if (from.getYear() == to.getYear()) {
            return first.countThrough(to) - first.countThrough(from);
        }
        long count = first.total() - first.countThrough(from);
        for (int y = from.getYear() + 1; y < to.getYear(); y++) {
            count += years.apply(y).total();
        }
        count += years.apply(to.getYear()).countThrough(to);
        return Math.toIntExact(count);
    }

    private Instant start(LocalDate d, CalendarProperties.Period p) {
        return d.atTime(p.start()).atZone(zone).toInstant();
    }

    private Instant end(LocalDate d, CalendarProperties.Period p) {
        return d.atTime(p.end()).atZone(zone).toInstant();
    }
}
