package org.yiwang.calendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import org.yiwang.audit.AuditLog;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/** Administrators' changes to the calendar ({@code calendar:manage}); each is audited and bumps the version counter. */
@Service
class CalendarAdministration {

    static final String MANAGE = "calendar:manage";
    static final int MIN_YEAR = 1949;
    static final int MAX_YEAR = 2999;

    private final CalendarStore store;
    private final CachedWorkingCalendar calendar;
    private final AuditLog audit;

    CalendarAdministration(CalendarStore store, CachedWorkingCalendar calendar, AuditLog audit) {
        this.store = store;
        this.calendar = calendar;
        this.audit = audit;
    }

    /** A day as an administrator sets it. */
    record DayInput(LocalDate date, Boolean working, String name) {
    }

    /** Makes {@code date} a working day or a rest day, whatever the weekly rule or the shipped data say. */
    @Transactional
    public CalendarDay setDay(LocalDate date, Boolean working, String name) {
        Caller caller = Callers.require(MANAGE);
        List<FieldViolation> errors = new ArrayList<>();
        checkDay("", new DayInput(date, working, name), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields(errors);
        }
        store.lockVersion();
        CalendarDay day = new CalendarDay(date, working, blankToNull(name), CalendarStore.ADMIN);
        store.saveDay(day, caller.accountId());
        store.bumpVersion();
        audit.record("calendar.day.set", "calendar-day:" + date, true, "working=" + working + "; name=" + day.name());
        invalidateAfterTransaction();
        return day;
    }

    /** Removes the entry of {@code date}, so the weekly rule applies again; 404 when there is none. */
    @Transactional
    public void clearDay(LocalDate date) {
        Callers.require(MANAGE);
        store.lockVersion();
        CalendarDay before = store.day(date).orElseThrow(() -> ProblemException.notFound("日历条目 calendar entry", date.toString()));
        store.deleteDay(date);
        store.bumpVersion();
        audit.record("calendar.day.clear", "calendar-day:" + date, true, "was working=" + before.working() + "; name=" + before.name());
        invalidateAfterTransaction();
    }

    /**
     * Replaces all entries of {@code year} (e.g. with the State Council's notice once it is published). Every
     * day is checked first and all errors are reported; nothing is written unless all are valid. Shipped files
     * never overwrite a year replaced this way.
     */
    @Transactional
    public List<CalendarDay> replaceYear(int year, List<DayInput> days, boolean provisional) {
        Caller caller = Callers.require(MANAGE);
        checkYear(year);
        List<FieldViolation> errors = new ArrayList<>();
        if (days == null) {
            errors.add(new FieldViolation("days", "必须提供", "is required"));
        } else {
            Set<LocalDate> seen = new HashSet<>();
            for (int i = 0; i < days.size(); i++) {
                DayInput d = days.get(i);
                String prefix = "days[" + i + "].";
                if (d == null) {
                    errors.add(new FieldViolation("days[" + i + "]", "不能为空", "must not be null"));
                    continue;
                }
                checkDay(prefix, d, errors);
                if (d.date() != null && d.date().getYear() != year) {
                    errors.add(new FieldViolation(prefix + "date", "不在 " + year + " 年内", "is not in " + year));
                }
                if (d.date() != null && !seen.add(d.date())) {
                    errors.add(new FieldViolation(prefix + "date", "日期重复", "is listed twice"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields(errors);
        }
        store.lockVersion();
        store.deleteYear(year, null);
        List<CalendarDay> rows = days.stream()
                .map(d -> new CalendarDay(d.date(), d.working(), blankToNull(d.name()), CalendarStore.ADMIN))
                .sorted(java.util.Comparator.comparing(CalendarDay::date)).toList();
        store.insertMissing(rows, caller.accountId());
        store.saveYear(year, CalendarStore.ADMIN_ORIGIN, CalendarStore.ADMIN_ORIGIN, provisional);
        store.bumpVersion();
        audit.record("calendar.year.replace", "calendar:" + year, true, "days=" + rows.size() + (provisional ? "; PROVISIONAL" : ""));
        invalidateAfterTransaction();
        return rows;
    }

    static void checkYear(int year) {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw ProblemException.invalidField("year", "应在 " + MIN_YEAR + " 到 " + MAX_YEAR + " 之间",
                    "must be between " + MIN_YEAR + " and " + MAX_YEAR);
        }
    }

    private static void checkDay(String prefix, DayInput d, List<FieldViolation> errors) {
        if (d.date() == null) {
            errors.add(new FieldViolation(prefix + "date", "必须提供", "is required"));
        } else if (d.date().getYear() < MIN_YEAR || d.date().getYear() > MAX_YEAR) {
            errors.add(new FieldViolation(prefix + "date", "年份超出范围", "year out of range"));
        }
        if (d.working() == null) {
            errors.add(new FieldViolation(prefix + "working", "必须提供（true 上班 / false 放假）", "is required (true = working, false = rest day)"));
        }
        if (d.name() != null && d.name().length() > 100) {
            errors.add(new FieldViolation(prefix + "name", "不能超过 100 个字符", "must be at most 100 characters"));
        }
    }

    private void invalidateAfterTransaction() {
        // after commit: this node sees the change at once; after rollback: drop anything cached from the uncommitted state
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                calendar.invalidate();
            }
        });
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
