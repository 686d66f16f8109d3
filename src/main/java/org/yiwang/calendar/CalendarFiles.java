package org.yiwang.calendar;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The shipped holiday files {@code classpath:calendar/cn-YYYY.csv}: {@code #} comment lines (a line
 * {@code # status: provisional} marks a year not yet announced), a header {@code date,type,name} and one
 * row per listed day, {@code type} being {@code holiday} (放假) or {@code workday} (调休上班).
 */
final class CalendarFiles {

    static final String PATTERN = "classpath*:calendar/cn-*.csv";
    private static final Pattern NAME = Pattern.compile("cn-(\\d{4})\\.csv");
    private static final Pattern PROVISIONAL = Pattern.compile("(?m)^#\\s*status:\\s*provisional\\s*$");

    private CalendarFiles() {
    }

    /** A parsed year file. */
    record YearFile(int year, String fileName, String checksum, boolean provisional, List<CalendarDay> days) {
    }

    /** The year of a file name like {@code cn-2026.csv}, or -1. */
    static int yearOf(String fileName) {
        Matcher m = NAME.matcher(fileName == null ? "" : fileName);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Parses and checks a year file; every problem is listed in the exception. */
    static YearFile parse(String fileName, String text) {
        int year = yearOf(fileName);
        if (year < 0) {
            throw new IllegalStateException("Calendar file name must be cn-YYYY.csv: " + fileName);
        }
        List<String> errors = new ArrayList<>();
        List<CalendarDay> days = new ArrayList<>();
        Set<LocalDate> seen = new HashSet<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            if (!parser.getHeaderNames().equals(List.of("date", "type", "name"))) {
                throw new IllegalStateException(fileName + ": header must be date,type,name but is " + parser.getHeaderNames());
            }
            for (CSVRecord r : parser) {
                String where = fileName + " line " + parser.getCurrentLineNumber();
                if (r.size() != 3) {
                    errors.add(where + ": expected 3 columns");
                    continue;
                }
                LocalDate date;
                try {
                    date = LocalDate.parse(r.get("date"));
                } catch (DateTimeParseException e) {
                    errors.add(where + ": bad date " + r.get("date"));
                    continue;
                }
                if (date.getYear() != year) {
                    errors.add(where + ": " + date + " is not in " + year);
                }
                if (!seen.add(date)) {
                    errors.add(where + ": " + date + " is listed twice");
                }
                String type = r.get("type");
                if (!type.equals(CalendarDay.HOLIDAY) && !type.equals(CalendarDay.WORKDAY)) {
                    errors.add(where + ": type must be holiday or workday, not " + type);
                }
                String name = r.get("name");
                if (name.length() > 100) {
                    errors.add(where + ": name longer than 100 characters");
                }
                days.add(new CalendarDay(date, CalendarDay.WORKDAY.equals(type), name.isEmpty() ? null : name, CalendarStore.FILE));
            }
        } catch (IOException | IllegalArgumentException | java.io.UncheckedIOException e) {
            errors.add(fileName + ": " + e.getMessage());
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("Invalid calendar file " + fileName + ":\n  " + String.join("\n  ", errors));
        }
        return new YearFile(year, fileName, sha256(text), PROVISIONAL.matcher(text).find(), List.copyOf(days));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
