package org.yiwang.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * {@link WorkingCalendar} over {@code calendar_day}, with each year's table cached in memory. A change made on
 * this node clears the cache when its transaction ends; changes made on another node are seen at most
 * {@code yiwang.calendar.reload-interval} (30 s) later, when the {@code calendar_version} counter is checked.
 */
@Service
class CachedWorkingCalendar implements WorkingCalendar {

    private static final Logger log = LoggerFactory.getLogger(CachedWorkingCalendar.class);

    private final CalendarStore store;
    private final long reloadNanos;
    private final WorkingTime time;
    private final Set<Integer> warnedYears = ConcurrentHashMap.newKeySet();
    private volatile Cache cache;
    private volatile long lastCheck;

    private record Cache(long version, Map<Integer, YearTable> years) {
    }

    CachedWorkingCalendar(CalendarStore store, CalendarProperties props, CalendarDataLoader loaded) {
        this.store = store;
        this.reloadNanos = props.reloadInterval().toNanos();
        this.time = new WorkingTime(this::year, props.zone(), props.periods());
        this.cache = new Cache(store.version(), new ConcurrentHashMap<>());
        this.lastCheck = System.nanoTime();
    }

    YearTable year(int year) {
        YearTable t = current().years().computeIfAbsent(year, store::loadYear);
        if (!t.hasData && warnedYears.add(year)) {
            log.warn("No holiday data for {}: only weekends are rest days. Add calendar/cn-{}.csv or PUT /api/v1/calendar/{}", year, year, year);
        }
        return t;
    }

    private Cache current() {
        long now = System.nanoTime();
        if (now - lastCheck >= reloadNanos) {
            lastCheck = now;
            checkVersionNow();
        }
        return cache;
    }

    /** Re-reads the version counter and drops the cached years if another node changed the calendar. */
    void checkVersionNow() {
        long v = store.version();
        if (v != cache.version()) {
            cache = new Cache(v, new ConcurrentHashMap<>());
        }
    }

    /** Drops every cached year (after a change on this node, committed or not); no database access. */
    void invalidate() {
        cache = new Cache(cache.version(), new ConcurrentHashMap<>());
    }

    @Override
    public ZoneId zone() {
        return time.zone();
    }

    @Override
    public boolean isWorkingDay(LocalDate date) {
        return time.isWorkingDay(date);
    }

    @Override
    public boolean isWorkingTime(Instant t) {
        return time.isWorkingTime(t);
    }

    @Override
    public LocalDate nextWorkingDay(LocalDate date) {
        return time.nthWorkingDayAfter(date, 1);
    }

    @Override
    public Duration workingDayLength() {
        return time.dayLength();
    }

    @Override
    public ZonedDateTime addWorkingDays(ZonedDateTime t, int n) {
        return time.addWorkingDays(t, n);
    }

    @Override
    public Instant addWorkingDays(Instant t, int n) {
        return time.addWorkingDays(t.atZone(zone()), n).toInstant();
    }

    @Override
    public ZonedDateTime addWorkingHours(ZonedDateTime t, Duration amount) {
        return time.addWorkingHours(t, amount);
    }

    @Override
    public Instant addWorkingHours(Instant t, Duration amount) {
        return time.addWorkingHours(t.atZone(zone()), amount).toInstant();
    }

    @Override
    public Duration workingTimeBetween(Instant a, Instant b) {
        return time.workingTimeBetween(a, b);
    }

    @Override
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        return time.workingDaysBetween(from, to);
    }

    @Override
    public boolean hasHolidayData(int year) {
        return year(year).hasData;
    }

    boolean isProvisional(int year) {
        return year(year).provisional;
    }
}
