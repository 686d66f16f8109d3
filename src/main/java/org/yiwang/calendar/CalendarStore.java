package org.yiwang.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** JDBC access to {@code calendar_day}, {@code calendar_year} and {@code calendar_version}. */
@Repository
class CalendarStore {

    static final String FILE = "file";
    static final String ADMIN = "admin";
    static final String ADMIN_ORIGIN = "admin";

    private final JdbcTemplate jdbc;

    CalendarStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Where a year's data came from. */
    record YearInfo(int year, String origin, String checksum, boolean provisional, Instant loadedAt) {
    }

    long version() {
        return jdbc.queryForObject("select version_no from calendar_version where id = 1", Long.class);
    }

    /** Locks the version row until the end of the transaction (serialises calendar writers across nodes). */
    long lockVersion() {
        return jdbc.queryForObject("select version_no from calendar_version where id = 1 for update", Long.class);
    }

    void bumpVersion() {
        jdbc.update("update calendar_version set version_no = version_no + 1 where id = 1");
    }

    Optional<YearInfo> yearInfo(int year) {
        return jdbc.query("select cal_year, origin, checksum, provisional, loaded_at from calendar_year where cal_year = ?",
                (rs, i) -> new YearInfo(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant()), year).stream().findFirst();
    }

    void saveYear(int year, String origin, String checksum, boolean provisional) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int updated = jdbc.update("update calendar_year set origin = ?, checksum = ?, provisional = ?, loaded_at = ? where cal_year = ?",
                origin, checksum, provisional, now, year);
        if (updated == 0) {
            jdbc.update("insert into calendar_year (cal_year, origin, checksum, provisional, loaded_at) values (?, ?, ?, ?, ?)",
                    year, origin, checksum, provisional, now);
        }
    }

    List<CalendarDay> days(int year) {
        return jdbc.query("select cal_date, working, name, source from calendar_day where cal_date between ? and ? order by cal_date",
                (rs, i) -> new CalendarDay(rs.getObject(1, LocalDate.class), rs.getBoolean(2), rs.getString(3), rs.getString(4)),
                LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    Optional<CalendarDay> day(LocalDate date) {
        return jdbc.query("select cal_date, working, name, source from calendar_day where cal_date = ?",
                (rs, i) -> new CalendarDay(rs.getObject(1, LocalDate.class), rs.getBoolean(2), rs.getString(3), rs.getString(4)),
                date).stream().findFirst();
    }

    YearTable loadYear(int year) {
        Map<LocalDate, Boolean> overrides = new HashMap<>();
        for (CalendarDay d : days(year)) {
            overrides.put(d.date(), d.working());
        }
        Optional<YearInfo> info = yearInfo(year);
        return new YearTable(year, overrides, info.isPresent(), info.map(YearInfo::provisional).orElse(false));
    }

    void saveDay(CalendarDay day, String actor) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int updated = jdbc.update("update calendar_day set working = ?, name = ?, source = ?, updated_at = ?, updated_by = ? where cal_date = ?",
                day.working(), day.name(), day.source(), now, actor, day.date());
        if (updated == 0) {
            jdbc.update("insert into calendar_day (cal_date, working, name, source, updated_at, updated_by) values (?, ?, ?, ?, ?, ?)",
                    day.date(), day.working(), day.name(), day.source(), now, actor);
        }
    }

    boolean deleteDay(LocalDate date) {
        return jdbc.update("delete from calendar_day where cal_date = ?", date) > 0;
    }

    /** Deletes the year's rows of one source, or all its rows when {@code source} is null. */
    int deleteYear(int year, String source) {
        if (source == null) {
            return jdbc.update("delete from calendar_day where cal_date between ? and ?", LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
        }
        return jdbc.update("delete from calendar_day where cal_date between ? and ? and source = ?",
                LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), source);
    }

    /** Inserts the days, leaving alone any date that already has a row (an administrator's edit); returns how many were inserted. */
    int insertMissing(List<CalendarDay> days, String actor) {
        if (days.isEmpty()) {
            return 0;
        }
        Set<LocalDate> existing = new HashSet<>(jdbc.query("select cal_date from calendar_day where cal_date between ? and ?",
                (rs, i) -> rs.getObject(1, LocalDate.class),
                days.stream().map(CalendarDay::date).min(LocalDate::compareTo).orElseThrow(),
                days.stream().map(CalendarDay::date).max(LocalDate::compareTo).orElseThrow()));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Object[]> rows = days.stream().filter(d -> !existing.contains(d.date()))
                .map(d -> new Object[] {d.date(), d.working(), d.name(), d.source(), now, actor}).toList();
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("insert into calendar_day (cal_date, working, name, source, updated_at, updated_by) values (?, ?, ?, ?, ?, ?)", rows);
        }
        return rows.size();
    }
}
