package org.yiwang.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The working-time arithmetic over the shipped 2025–2027 data (no Spring, no database). */
class WorkingTimeTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Map<Integer, CalendarFiles.YearFile> FILES = new HashMap<>();

    static {
        for (int y = 2025; y <= 2027; y++) {
            FILES.put(y, CalendarFiles.parse("cn-" + y + ".csv", resource("/calendar/cn-" + y + ".csv")));
        }
    }

    final WorkingTime time = new WorkingTime(WorkingTimeTest::table, SHANGHAI,
            CalendarProperties.periodsOf(List.of("08:30-12:00", "13:30-17:30")));

    static String resource(String path) {
        try (InputStream in = WorkingTimeTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static YearTable table(int year) {
        CalendarFiles.YearFile f = FILES.get(year);
        Map<LocalDate, Boolean> overrides = new HashMap<>();
        if (f != null) {
            f.days().forEach(d -> overrides.put(d.date(), d.working()));
        }
        return new YearTable(year, overrides, f != null, f != null && f.provisional());
    }

    static ZonedDateTime at(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), SHANGHAI);
    }

    @Test
    void statutoryHolidaysAndMakeUpDays() {
        assertThat(time.isWorkingDay(LocalDate.parse("2025-09-28"))).as("Sunday 调休 working day").isTrue();
        for (LocalDate d = LocalDate.parse("2025-10-01"); !d.isAfter(LocalDate.parse("2025-10-08")); d = d.plusDays(1)) {
            assertThat(time.isWorkingDay(d)).as("国庆/中秋 %s", d).isFalse();
        }
        assertThat(time.isWorkingDay(LocalDate.parse("2025-10-09"))).isTrue();
        assertThat(time.isWorkingDay(LocalDate.parse("2025-10-11"))).as("Saturday 调休").isTrue();
        assertThat(time.isWorkingDay(LocalDate.parse("2026-02-14"))).as("Saturday before 春节 2026").isTrue();
        assertThat(time.isWorkingDay(LocalDate.parse("2026-02-28"))).isTrue();
        assertThat(time.isWorkingDay(LocalDate.parse("2026-02-16"))).as("除夕 2026 (Monday)").isFalse();
        assertThat(time.isWorkingDay(LocalDate.parse("2026-02-23"))).as("初七 2026 (Monday)").isFalse();
        assertThat(time.isWorkingDay(LocalDate.parse("2026-01-04"))).as("Sunday after 元旦 2026").isTrue();
        assertThat(time.isWorkingDay(LocalDate.parse("2026-03-07"))).as("ordinary Saturday").isFalse();
        assertThat(time.isWorkingDay(LocalDate.parse("2026-03-09"))).as("ordinary Monday").isTrue();
        assertThat(time.isWorkingDay(LocalDate.parse("2025-01-01"))).isFalse();
        // each year has 248 working days (cross-checked with an independent holiday data set)
        assertThat(time.workingDaysBetween(LocalDate.parse("2024-12-31"), LocalDate.parse("2025-12-31"))).isEqualTo(248);
        assertThat(time.workingDaysBetween(LocalDate.parse("2025-12-31"), LocalDate.parse("2026-12-31"))).isEqualTo(248);
    }

    @Test
    void provisionalYearIsMarked() {
        assertThat(FILES.get(2025).provisional()).isFalse();
        assertThat(FILES.get(2026).provisional()).isFalse();
        assertThat(FILES.get(2027).provisional()).isTrue();
        assertThat(time.isWorkingDay(LocalDate.parse("2027-02-05"))).as("除夕 2027").isFalse();
        assertThat(time.isWorkingDay(LocalDate.parse("2027-10-01"))).isFalse();
    }

    @Test
    void fiveWorkingDaysAcrossSpringFestival2026() {
        // received Thursday 2026-02-12: 13th (Fri) 1, 14th (Sat, 调休) 2, 15th-23rd holiday, 24th 3, 25th 4, 26th 5
        assertThat(time.addWorkingDays(at("2026-02-12T10:00"), 5)).isEqualTo(at("2026-02-26T17:30"));
        // the time of day of the start does not matter; the starting day is not counted
        assertThat(time.addWorkingDays(at("2026-02-12T23:59"), 5)).isEqualTo(at("2026-02-26T17:30"));
        assertThat(time.addWorkingDays(at("2026-02-12T00:00"), 1)).isEqualTo(at("2026-02-13T17:30"));
        // received on a holiday: counting starts with the next working day
        assertThat(time.addWorkingDays(at("2026-02-17T09:00"), 1)).isEqualTo(at("2026-02-24T17:30"));
        // Friday 2025-09-26 + 1 working day is the 调休 Sunday 2025-09-28
        assertThat(time.addWorkingDays(at("2025-09-26T15:00"), 1)).isEqualTo(at("2025-09-28T17:30"));
        // 20 working days (行政许可法 §42) from 2025-09-26 skip the whole National Day week
        assertThat(time.addWorkingDays(at("2025-09-26T15:00"), 20)).isEqualTo(at("2025-10-30T17:30"));
        // across the new year
        assertThat(time.addWorkingDays(at("2025-12-31T10:00"), 2)).isEqualTo(at("2026-01-05T17:30"));
    }

    @Test
    void zeroWorkingDaysIsTheCloseOfTodayOrTheNextWorkingDay() {
        assertThat(time.addWorkingDays(at("2026-03-09T10:00"), 0)).isEqualTo(at("2026-03-09T17:30"));
        assertThat(time.addWorkingDays(at("2026-03-09T18:00"), 0)).isEqualTo(at("2026-03-10T17:30"));
        assertThat(time.addWorkingDays(at("2026-03-07T10:00"), 0)).isEqualTo(at("2026-03-09T17:30"));
        assertThatThrownBy(() -> time.addWorkingDays(at("2026-03-09T10:00"), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void workingHoursAcrossLunchEveningsWeekendsAndHolidays() {
        // lunch 12:00-13:30 does not count
        assertThat(time.addWorkingHours(at("2026-03-02T11:00"), Duration.ofHours(2))).isEqualTo(at("2026-03-02T14:30"));
        // filling the morning exactly ends at 12:00, not 13:30
        assertThat(time.addWorkingHours(at("2026-03-02T08:30"), Duration.ofMinutes(210))).isEqualTo(at("2026-03-02T12:00"));
        // starting during lunch counts from 13:30
        assertThat(time.addWorkingHours(at("2026-03-02T12:30"), Duration.ofMinutes(30))).isEqualTo(at("2026-03-02T14:00"));
        // evenings: Monday 17:00 + 1 h = Tuesday 09:00
        assertThat(time.addWorkingHours(at("2026-03-02T17:00"), Duration.ofHours(1))).isEqualTo(at("2026-03-03T09:00"));
        // started at night
        assertThat(time.addWorkingHours(at("2026-03-02T22:00"), Duration.ofHours(1))).isEqualTo(at("2026-03-03T09:30"));
        // weekends: Friday 17:00 + 1 h = Monday 09:00
        assertThat(time.addWorkingHours(at("2026-03-06T17:00"), Duration.ofHours(1))).isEqualTo(at("2026-03-09T09:00"));
        assertThat(time.addWorkingHours(at("2026-03-07T10:00"), Duration.ofHours(1))).isEqualTo(at("2026-03-09T09:30"));
        // holiday: Tuesday 2025-09-30 17:00 + 1 h = Thursday 2025-10-09 09:00 (10-01..08 off)
        assertThat(time.addWorkingHours(at("2025-09-30T17:00"), Duration.ofHours(1))).isEqualTo(at("2025-10-09T09:00"));
        // 4 working hours (暴露垃圾) reported Friday 2025-09-26 16:00 run into the 调休 Sunday
        assertThat(time.addWorkingHours(at("2025-09-26T16:00"), Duration.ofHours(4))).isEqualTo(at("2025-09-28T11:00"));
        // several whole days: 3 × 7.5 h from before opening = close of the third day; a bit more = next morning
        assertThat(time.addWorkingHours(at("2026-03-02T08:00"), Duration.ofMinutes(3 * 450))).isEqualTo(at("2026-03-04T17:30"));
        assertThat(time.addWorkingHours(at("2026-03-02T08:00"), Duration.ofMinutes(3 * 450 + 30))).isEqualTo(at("2026-03-05T09:00"));
        // zero adds nothing
        assertThat(time.addWorkingHours(at("2026-03-07T10:00"), Duration.ZERO)).isEqualTo(at("2026-03-07T10:00"));
        assertThat(time.dayLength()).isEqualTo(Duration.ofMinutes(450));
    }

    @Test
    void resultsKeepTheCallersZone() {
        ZonedDateTime utc = at("2026-03-02T11:00").withZoneSameInstant(ZoneOffset.UTC);
        ZonedDateTime due = time.addWorkingHours(utc, Duration.ofHours(2));
        assertThat(due.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(due.toInstant()).isEqualTo(at("2026-03-02T14:30").toInstant());
        assertThat(time.addWorkingDays(utc, 1).toInstant()).isEqualTo(at("2026-03-03T17:30").toInstant());
    }

    @Test
    void betweenIsTheInverseOfAdd() {
        Random random = new Random(20260213);
        Instant start = at("2025-01-01T00:00").toInstant();
        long span = Duration.ofDays(2 * 365).toMinutes();
        for (int i = 0; i < 400; i++) {
            ZonedDateTime t = start.plus(Duration.ofMinutes(random.nextLong(span))).atZone(SHANGHAI);
            Duration d = Duration.ofMinutes(random.nextInt(60 * 200));
            ZonedDateTime end = time.addWorkingHours(t, d);
            assertThat(time.workingTimeBetween(t.toInstant(), end.toInstant())).as("from %s + %s = %s", t, d, end).isEqualTo(d);
            assertThat(time.workingTimeBetween(end.toInstant(), t.toInstant())).isEqualTo(d.negated());
            int n = 1 + random.nextInt(40);
            ZonedDateTime due = time.addWorkingDays(t, n);
            assertThat(time.workingDaysBetween(t.toLocalDate(), due.toLocalDate())).as("from %s + %d wd = %s", t, n, due).isEqualTo(n);
            assertThat(time.isWorkingDay(due.toLocalDate())).isTrue();
        }
        // and the direct cases
        assertThat(time.workingTimeBetween(at("2026-03-06T17:00").toInstant(), at("2026-03-09T09:00").toInstant())).isEqualTo(Duration.ofHours(1));
        assertThat(time.workingDaysBetween(LocalDate.parse("2025-12-31"), LocalDate.parse("2026-01-05"))).isEqualTo(2);
        assertThat(time.workingDaysBetween(LocalDate.parse("2026-01-05"), LocalDate.parse("2025-12-31"))).isEqualTo(-2);
        assertThat(time.workingDaysBetween(LocalDate.parse("2026-03-06"), LocalDate.parse("2026-03-09"))).isEqualTo(1);
    }

    @Test
    void workingTimeInstants() {
        assertThat(time.isWorkingTime(at("2026-03-02T08:30").toInstant())).isTrue();
        assertThat(time.isWorkingTime(at("2026-03-02T12:00").toInstant())).isFalse();
        assertThat(time.isWorkingTime(at("2026-03-02T17:29").toInstant())).isTrue();
        assertThat(time.isWorkingTime(at("2026-03-07T10:00").toInstant())).isFalse();
        assertThat(time.isWorkingTime(at("2026-02-14T10:00").toInstant())).isTrue();
    }

    @Test
    void yearsWithoutDataCountWeekendsOnly() {
        YearTable t = table(2030);
        assertThat(t.hasData).isFalse();
        assertThat(time.isWorkingDay(LocalDate.parse("2030-01-01"))).isTrue(); // a Tuesday, no holiday data
        assertThat(time.isWorkingDay(LocalDate.parse("2030-01-05"))).isFalse(); // Saturday
        assertThat(time.nthWorkingDayAfter(LocalDate.parse("2029-12-28"), 1)).isEqualTo(LocalDate.parse("2029-12-31"));
    }

    @Test
    void badConfigurationAndFilesAreRefused() {
        assertThatThrownBy(() -> CalendarProperties.periodsOf(List.of("13:30-17:30", "08:30-12:00"))).hasMessageContaining("overlaps");
        assertThatThrownBy(() -> CalendarProperties.periodsOf(List.of("12:00-08:00"))).hasMessageContaining("ends before");
        assertThatThrownBy(() -> CalendarProperties.periodsOf(List.of("8.30 to 12"))).hasMessageContaining("HH:mm-HH:mm");
        assertThatThrownBy(() -> CalendarProperties.periodsOf(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CalendarFiles.parse("cn-2099.csv", """
                date,type,name
                2099-01-01,holiday,元旦
                2098-05-01,holiday,劳动节
                2099-01-01,workday,twice
                2099-02-30,holiday,bad
                2099-03-01,party,bad type
                """)).hasMessageContaining("2098-05-01 is not in 2099").hasMessageContaining("listed twice")
                .hasMessageContaining("bad date 2099-02-30").hasMessageContaining("type must be holiday or workday");
        assertThatThrownBy(() -> CalendarFiles.parse("holidays.csv", "date,type,name\n")).hasMessageContaining("cn-YYYY.csv");
    }
}
