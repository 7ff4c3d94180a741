package org.relaydesk.core.report;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.relaydesk.core.error.InvalidInputException;

/**
 * The days a report covers, whole days in the workspace's time zone, {@code from} and {@code to}
 * both included: "1 to 7 March" in Berlin starts at Berlin's midnight, whatever the server's zone.
 */
public record ReportPeriod(LocalDate from, LocalDate to, ZoneId zone) {
    /** The longest period one report covers: two years, so that a year can be compared with the one before. */
    public static final int MAX_DAYS = 731;
    /** Without dates: the last 30 days, today included. */
    public static final int DEFAULT_DAYS = 30;

    public ReportPeriod {
        if (from.isAfter(to)) {
            throw new InvalidInputException("from", "must not be after to");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw new InvalidInputException("from", "a report covers at most " + MAX_DAYS + " days");
        }
    }

    /** The first instant of the period. */
    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the period. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /**
     * From the request's dates (YYYY-MM-DD, either or both left out): {@code to} defaults to today in
     * the zone, {@code from} to 29 days before {@code to}. Malformed dates and dates before 2000 or
     * after next year are refused with the field that is wrong.
     */
    public static ReportPeriod of(String from, String to, ZoneId zone, Clock clock) {
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate end = date(to, "to", errors);
        LocalDate start = date(from, "from", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        LocalDate last = end != null ? end : LocalDate.now(clock.withZone(zone));
        LocalDate first = start != null ? start : last.minusDays(DEFAULT_DAYS - 1L);
        return new ReportPeriod(first, last, zone);
    }

    private static LocalDate date(String value, String field, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value.strip());
            if (date.getYear() < 2000 || date.getYear() > LocalDate.now().getYear() + 1) {
                errors.put(field, "must be a date from 2000 to next year");
                return null;
            }
            return date;
        } catch (DateTimeException e) {
            errors.put(field, "must be a date as YYYY-MM-DD");
            return null;
        }
    }
}
