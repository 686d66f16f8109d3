package org.yiwang.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

/**
 * The calendar as the running platform serves it: shipped years loaded once, admin changes over the API
 * (audited, seen at once on this node, by other nodes after the version check), deadlines over HTTP.
 * Changes are made to 2099, a year no other test uses, and removed again.
 */
class CalendarIntegrationTest extends IntegrationTest {

    private final WorkingCalendar calendar;
    private final CachedWorkingCalendar cached;
    private final CalendarDataLoader loader;

    @Autowired
    CalendarIntegrationTest(WorkingCalendar calendar, CachedWorkingCalendar cached, CalendarDataLoader loader) {
        this.calendar = calendar;
        this.cached = cached;
        this.loader = loader;
    }

    @Test
    void shippedYearsAreLoadedOnceAndServed() {
        List<Map<String, Object>> years = jdbc.queryForList("select cal_year, origin, provisional from calendar_year where cal_year between 2025 and 2027 order by cal_year");
        assertThat(years).extracting(r -> ((Number) r.get("cal_year")).intValue()).containsExactly(2025, 2026, 2027);
        assertThat(years).extracting(r -> r.get("provisional")).containsExactly(false, false, true);
        assertThat(calendar.isWorkingDay(LocalDate.parse("2025-09-28"))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2025-10-08"))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-02-14"))).isTrue();
        assertThat(calendar.hasHolidayData(2026)).isTrue();
        assertThat(calendar.workingDayLength()).isEqualTo(Duration.ofMinutes(450));
        assertThat(calendar.zone().getId()).isEqualTo("Asia/Shanghai");

        // loading the same files again changes nothing
        long version = jdbc.queryForObject("select version_no from calendar_version where id = 1", Long.class);
        List<CalendarFiles.YearFile> files = List.of(CalendarFiles.parse("cn-2026.csv", WorkingTimeTest.resource("/calendar/cn-2026.csv")));
        assertThat(loader.load(files)).isEmpty();
        assertThat(jdbc.queryForObject("select version_no from calendar_version where id = 1", Long.class)).isEqualTo(version);
    }

    @Test
    void changedFileReloadsButKeepsAdministratorsEdits() {
        try {
            CalendarFiles.YearFile v1 = CalendarFiles.parse("cn-2099.csv", """
                    # status: provisional
                    date,type,name
                    2099-01-01,holiday,元旦
                    2099-01-02,holiday,元旦
                    """);
            assertThat(loader.load(List.of(v1))).containsExactly(2099);
            cached.invalidate();
            assertThat(calendar.isWorkingDay(LocalDate.parse("2099-01-02"))).isFalse();
            // an administrator makes 2099-01-01 a working day
            Api.Response set = Api.as(baseUrl(), "demo-admin").put("/api/v1/calendar/days/2099-01-01", Map.of("working", true, "name", "特别安排"));
            assertThat(set.status()).as(set.body()).isEqualTo(200);
            // a release ships an official 2099 file: file rows replaced, the admin's day kept
            CalendarFiles.YearFile v2 = CalendarFiles.parse("cn-2099.csv", """
                    date,type,name
                    2099-01-01,holiday,元旦
                    2099-01-05,holiday,其他
                    """);
            assertThat(loader.load(List.of(v2))).containsExactly(2099);
            cached.invalidate();
            assertThat(calendar.isWorkingDay(LocalDate.parse("2099-01-01"))).as("admin edit kept").isTrue();
            assertThat(calendar.isWorkingDay(LocalDate.parse("2099-01-02"))).as("old file row gone").isTrue();
            assertThat(calendar.isWorkingDay(LocalDate.parse("2099-01-05"))).as("new file row").isFalse();
            assertThat(jdbc.queryForObject("select provisional from calendar_year where cal_year = 2099", Boolean.class)).isFalse();
            assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'calendar.year.reload' and target = 'calendar:2099'", Long.class)).isEqualTo(1);
        } finally {
            remove2099();
        }
    }

    @Test
    void administratorsEditDaysThroughTheApi() {
        Api.Client admin = Api.as(baseUrl(), "demo-admin");
        LocalDate saturday = LocalDate.parse("2099-06-06");
        try {
            assertThat(calendar.isWorkingDay(saturday)).isFalse();
            Api.Response set = admin.put("/api/v1/calendar/days/2099-06-06", Map.of("working", true, "name", "调休上班"));
            assertThat(set.status()).as(set.body()).isEqualTo(200);
            assertThat(set.get("type").asString()).isEqualTo("workday");
            assertThat(set.get("source").asString()).isEqualTo("admin");
            // seen at once on this node
            assertThat(calendar.isWorkingDay(saturday)).isTrue();
            Api.Response day = admin.get("/api/v1/calendar/days/2099-06-06");
            assertThat(day.get("working").asBoolean()).isTrue();
            assertThat(day.get("name").asString()).isEqualTo("调休上班");
            assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'calendar.day.set' and target = 'calendar-day:2099-06-06'",
                    Long.class)).isEqualTo(1);

            // bad input is a 400 naming the field and writes nothing
            Api.Response bad = admin.put("/api/v1/calendar/days/2099-06-07", Map.of("name", "x"));
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.namesField("working")).isTrue();
            Api.Response badDate = admin.put("/api/v1/calendar/days/2099-13-01", Map.of("working", true));
            assertThat(badDate.status()).isEqualTo(400);
            assertThat(jdbc.queryForObject("select count(*) from calendar_day where cal_date = ?", Long.class, LocalDate.parse("2099-06-07"))).isZero();

            // not everyone may change the calendar
            Api.Response citizen = Api.as(baseUrl(), "demo-citizen").put("/api/v1/calendar/days/2099-06-06", Map.of("working", false));
            assertThat(citizen.status()).isEqualTo(403);

            // removing the entry brings back the weekly rule
            assertThat(admin.delete("/api/v1/calendar/days/2099-06-06").status()).isEqualTo(204);
            assertThat(calendar.isWorkingDay(saturday)).isFalse();
            assertThat(admin.delete("/api/v1/calendar/days/2099-06-06").status()).isEqualTo(404);
        } finally {
            remove2099();
        }
    }

    @Test
    void replacingAYearValidatesEveryDayFirst() {
        Api.Client admin = Api.as(baseUrl(), "demo-admin");
        try {
            Api.Response bad = admin.put("/api/v1/calendar/2099", Map.of("days", List.of(
                    Map.of("date", "2099-10-01", "working", false, "name", "国庆节"),
                    Map.of("date", "2098-10-02", "working", false),
                    Map.of("date", "2099-10-01", "working", false),
                    Map.of("date", "2099-10-03"))));
            assertThat(bad.status()).as(bad.body()).isEqualTo(400);
            assertThat(bad.namesField("days[1].date")).isTrue();
            assertThat(bad.namesField("days[2].date")).isTrue();
            assertThat(bad.namesField("days[3].working")).isTrue();
            assertThat(jdbc.queryForObject("select count(*) from calendar_day where cal_date between ? and ?", Long.class,
                    LocalDate.parse("2099-01-01"), LocalDate.parse("2099-12-31"))).isZero();

            Api.Response ok = admin.put("/api/v1/calendar/2099", Map.of("provisional", false, "days", List.of(
                    Map.of("date", "2099-10-01", "working", false, "name", "国庆节"),
                    Map.of("date", "2099-10-03", "working", true, "name", "调休上班"))));
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
            assertThat(ok.get("origin").asString()).isEqualTo("admin");
            assertThat(ok.get("days").size()).isEqualTo(2);
            assertThat(calendar.isWorkingDay(LocalDate.parse("2099-10-01"))).isFalse();
            assertThat(calendar.isWorkingDay(LocalDate.parse("2099-10-03"))).as("a Saturday made a working day").isTrue();
            // a shipped file never overwrites a year replaced by an administrator
            assertThat(loader.load(List.of(CalendarFiles.parse("cn-2099.csv", "date,type,name\n2099-10-05,holiday,x\n")))).isEmpty();
        } finally {
            remove2099();
        }
    }

    @Test
    void otherNodesChangesAreSeenAfterTheVersionCheck() {
        LocalDate monday = LocalDate.parse("2099-03-02");
        try {
            assertThat(calendar.isWorkingDay(monday)).isTrue();
            // another node writes a day (and, as every writer does, bumps the version)
            jdbc.update("insert into calendar_day (cal_date, working, name, source, updated_at, updated_by) values (?, false, '停工', 'admin', ?, 'other-node')",
                    monday, OffsetDateTime.now());
            assertThat(calendar.isWorkingDay(monday)).as("cached until the version changes").isTrue();
            jdbc.update("update calendar_version set version_no = version_no + 1 where id = 1");
            cached.checkVersionNow(); // what happens on the first call after reload-interval (30 s)
            assertThat(calendar.isWorkingDay(monday)).isFalse();
        } finally {
            remove2099();
        }
    }

    @Test
    void yearsAndDeadlinesOverHttp() {
        Api.Client client = Api.as(baseUrl(), "demo-citizen");
        Api.Response y2026 = client.get("/api/v1/calendar/2026");
        assertThat(y2026.status()).as(y2026.body()).isEqualTo(200);
        assertThat(y2026.get("provisional").asBoolean()).isFalse();
        assertThat(y2026.get("workingDays").asInt()).isEqualTo(248);
        assertThat(y2026.get("days").toString()).contains("\"date\":\"2026-02-14\",\"working\":true,\"type\":\"workday\"");
        assertThat(client.get("/api/v1/calendar/2027").get("provisional").asBoolean()).isTrue();
        assertThat(client.get("/api/v1/calendar/1800").status()).isEqualTo(400);

        Api.Response days = client.get("/api/v1/calendar/deadline?from=2026-02-12T10:00:00%2B08:00&workingDays=5");
        assertThat(days.status()).as(days.body()).isEqualTo(200);
        assertThat(OffsetDateTime.parse(days.get("deadline").asString()).toInstant())
                .isEqualTo(OffsetDateTime.parse("2026-02-26T17:30:00+08:00").toInstant());
        Api.Response hours = client.get("/api/v1/calendar/deadline?from=2025-09-30T17:00&workingHours=1.5");
        assertThat(OffsetDateTime.parse(hours.get("deadline").asString()).toInstant())
                .isEqualTo(OffsetDateTime.parse("2025-10-09T09:30:00+08:00").toInstant());

        Api.Response both = client.get("/api/v1/calendar/deadline?workingDays=1&workingHours=1");
        assertThat(both.status()).isEqualTo(400);
        Api.Response badFrom = client.get("/api/v1/calendar/deadline?from=tomorrow&workingDays=1");
        assertThat(badFrom.status()).isEqualTo(400);
        assertThat(badFrom.namesField("from")).isTrue();
        assertThat(client.get("/api/v1/calendar/deadline?workingDays=-1").namesField("workingDays")).isTrue();
    }

    @Test
    void instantOverloadsAgreeWithZonedOnes() {
        ZonedDateTime t = ZonedDateTime.parse("2026-02-12T10:00:00+08:00[Asia/Shanghai]");
        Instant due = calendar.addWorkingDays(t.toInstant(), 5);
        assertThat(due).isEqualTo(calendar.addWorkingDays(t, 5).toInstant());
        Instant end = calendar.addWorkingHours(t.toInstant(), Duration.ofHours(30));
        assertThat(calendar.workingTimeBetween(t.toInstant(), end)).isEqualTo(Duration.ofHours(30));
        assertThat(calendar.workingDaysBetween(t.toInstant(), due)).isEqualTo(5);
        assertThat(calendar.nextWorkingDay(LocalDate.parse("2026-02-13"))).isEqualTo(LocalDate.parse("2026-02-14"));
    }

    private void remove2099() {
        jdbc.update("delete from calendar_day where cal_date between ? and ?", LocalDate.parse("2099-01-01"), LocalDate.parse("2099-12-31"));
        jdbc.update("delete from calendar_year where cal_year = 2099");
        jdbc.update("update calendar_version set version_no = version_no + 1 where id = 1");
        cached.invalidate();
    }
}
