package org.yiwang.calendar;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.yiwang.shared.web.ProblemException;

/**
 * REST API of the working-time calendar. Reads are public (the calendar is public information); changes
 * need {@code calendar:manage}.
 */
@RestController
@RequestMapping("/api/v1/calendar")
@Tag(name = "Calendar 工作日历", description = "Working days, statutory holidays, 调休 and deadlines")
class CalendarController {

    private static final BigDecimal MAX_HOURS = BigDecimal.valueOf(100_000);
    private static final int MAX_DAYS = 3_650;

    private final CachedWorkingCalendar calendar;
    private final CalendarStore store;
    private final CalendarAdministration admin;
    private final CalendarProperties props;

    CalendarController(CachedWorkingCalendar calendar, CalendarStore store, CalendarAdministration admin, CalendarProperties props) {
        this.calendar = calendar;
        this.store = store;
        this.admin = admin;
        this.props = props;
    }

    /** A year of the calendar: the listed days (holidays and 调休 working days) and a summary. */
    record YearView(int year, boolean hasHolidayData, boolean provisional, String origin, String zone,
                    List<String> workingHours, int workingDays, List<CalendarDay> days) {
    }

    /** One day as the calendar sees it; {@code source} is null when only the weekly rule applies. */
    record DayView(LocalDate date, String dayOfWeek, boolean working, String type, String name, String source) {
    }

    /** A computed deadline. */
    record DeadlineView(OffsetDateTime from, Integer workingDays, BigDecimal workingHours, OffsetDateTime deadline, String zone,
                        String convention) {
    }

    /** Body of {@code PUT /days/{date}}. */
    record DayUpdate(Boolean working, String name) {
    }

    /** Body of {@code PUT /{year}}. */
    record YearReplacement(List<CalendarAdministration.DayInput> days, Boolean provisional) {
    }

    @GetMapping("/{year:\\d{4}}")
    @Operation(summary = "A year's holidays and 调休 working days (public)")
    YearView year(@PathVariable int year) {
        CalendarAdministration.checkYear(year);
        return view(year);
    }

    @PutMapping("/{year:\\d{4}}")
    @Operation(summary = "Replace a year's holidays and 调休 working days (calendar:manage)",
            description = "E.g. with the State Council's notice once published. All days are validated first; nothing is written unless all are valid.")
    YearView replaceYear(@PathVariable int year, @RequestBody YearReplacement body) {
        admin.replaceYear(year, body.days(), Boolean.TRUE.equals(body.provisional()));
        return view(year);
    }

    @GetMapping("/days/{date}")
    @Operation(summary = "Whether a day is a working day (public)")
    DayView day(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        CalendarAdministration.checkYear(date.getYear());
        CalendarDay entry = store.day(date).orElse(null);
        boolean working = calendar.isWorkingDay(date);
        return new DayView(date, date.getDayOfWeek().name(), working, working ? CalendarDay.WORKDAY : CalendarDay.HOLIDAY,
                entry == null ? null : entry.name(), entry == null ? null : entry.source());
    }

    @PutMapping("/days/{date}")
    @Operation(summary = "Make a day a working day or a rest day (calendar:manage)")
    CalendarDay setDay(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date, @RequestBody DayUpdate body) {
        return admin.setDay(date, body.working(), body.name());
    }

    @DeleteMapping("/days/{date}")
    @Operation(summary = "Remove a day's entry so the weekly rule applies (calendar:manage)")
    ResponseEntity<Void> clearDay(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        admin.clearDay(date);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/deadline")
    @Operation(summary = "Deadline after N working days or H working hours (public)",
            description = "Working days: close of business of the N-th working day after the day of 'from' (the starting day is not counted). "
                    + "Working hours: only office hours of working days count.")
    DeadlineView deadline(
            @Parameter(description = "start: 2026-02-13T10:00:00+08:00, 2026-02-13T10:00 (calendar zone) or 2026-02-13 (its start); default now")
            @RequestParam(required = false) String from,
            @Parameter(description = "number of working days (0-3650)") @RequestParam(required = false) Integer workingDays,
            @Parameter(description = "number of working hours, may be fractional (e.g. 1.5)") @RequestParam(required = false) BigDecimal workingHours) {
        if ((workingDays == null) == (workingHours == null)) {
            throw ProblemException.invalidField(workingDays == null ? "workingDays" : "workingHours",
                    "workingDays 与 workingHours 须且只能提供一个", "give exactly one of workingDays and workingHours");
        }
        ZonedDateTime start = parseFrom(from);
        ZonedDateTime due;
        String convention;
        if (workingDays != null) {
            if (workingDays < 0 || workingDays > MAX_DAYS) {
                throw ProblemException.invalidField("workingDays", "应在 0 到 " + MAX_DAYS + " 之间", "must be between 0 and " + MAX_DAYS);
            }
            due = calendar.addWorkingDays(start, workingDays);
            convention = "close of business of the N-th working day after the day of 'from' (行政许可法 §82; the starting day is not counted)";
        } else {
            if (workingHours.signum() < 0 || workingHours.compareTo(MAX_HOURS) > 0) {
                throw ProblemException.invalidField("workingHours", "应在 0 到 " + MAX_HOURS + " 之间", "must be between 0 and " + MAX_HOURS);
            }
            long seconds = workingHours.multiply(BigDecimal.valueOf(3600)).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
            due = calendar.addWorkingHours(start, Duration.ofSeconds(seconds));
            convention = "only office hours " + props.workingHours() + " of working days count";
        }
        return new DeadlineView(start.toOffsetDateTime(), workingDays, workingHours, due.toOffsetDateTime(), calendar.zone().getId(), convention);
    }

    private ZonedDateTime parseFrom(String from) {
        if (from == null || from.isBlank()) {
            return ZonedDateTime.now(calendar.zone());
        }
        String v = from.trim();
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(calendar.zone());
            }
            if (v.endsWith("Z") || v.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(v).atZoneSameInstant(calendar.zone());
            }
            return LocalDateTime.parse(v).atZone(calendar.zone());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("from", "日期时间格式应为 2026-02-13T10:00:00+08:00、2026-02-13T10:00 或 2026-02-13",
                    "must be 2026-02-13T10:00:00+08:00, 2026-02-13T10:00 or 2026-02-13");
        }
    }

    private YearView view(int year) {
        CalendarStore.YearInfo info = store.yearInfo(year).orElse(null);
        int workingDays = calendar.workingDaysBetween(LocalDate.of(year - 1, 12, 31), LocalDate.of(year, 12, 31));
        return new YearView(year, info != null, info != null && info.provisional(), info == null ? null : info.origin(),
                calendar.zone().getId(), props.workingHours(), workingDays, store.days(year));
    }
}
