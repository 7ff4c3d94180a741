package org.relaydesk.core.sla;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads holidays from an iCalendar file (RFC 5545), as public-holiday calendars are published: each
 * VEVENT gives a date (DTSTART, all-day or not), a name (SUMMARY) and whether it repeats every year
 * (RRULE FREQ=YEARLY); an event lasting several days (DTEND, exclusive) gives each of its days. Only
 * that subset matters for business hours, so it is read here rather than with a full iCalendar library.
 */
public final class HolidayCalendarFile {
    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    /** A public-holiday file holds a few hundred events; beyond this it is not one. */
    static final int MAX_HOLIDAYS = 2000;

    public record Holiday(LocalDate date, boolean yearly, String name) {
    }

    private HolidayCalendarFile() {
    }

    /** @throws IllegalArgumentException naming the line, for a file that is not iCalendar or has a bad date */
    public static List<Holiday> read(String text) {
        if (text == null || !text.contains("BEGIN:VCALENDAR")) {
            throw new IllegalArgumentException("not an iCalendar file (no BEGIN:VCALENDAR)");
        }
        List<Holiday> holidays = new ArrayList<>();
        LocalDate start = null;
        LocalDate end = null;
        String summary = null;
        boolean yearly = false;
        boolean inEvent = false;
        for (String line : unfold(text)) {
            String name = line.contains(":") ? line.substring(0, line.indexOf(':')) : line;
            String value = line.contains(":") ? line.substring(line.indexOf(':') + 1).trim() : "";
            String property = (name.contains(";") ? name.substring(0, name.indexOf(';')) : name).toUpperCase(Locale.ROOT);
            if (line.equalsIgnoreCase("BEGIN:VEVENT")) {
                inEvent = true;
                start = null;
                end = null;
                summary = null;
                yearly = false;
            } else if (line.equalsIgnoreCase("END:VEVENT")) {
                if (start == null) {
                    throw new IllegalArgumentException("an event without DTSTART");
                }
                LocalDate last = end == null || !end.isAfter(start) ? start : end.minusDays(1);
                for (LocalDate day = start; !day.isAfter(last); day = day.plusDays(1)) {
                    holidays.add(new Holiday(day, yearly, summary == null ? "Holiday" : summary));
                }
                if (holidays.size() > MAX_HOLIDAYS) {
                    throw new IllegalArgumentException("more than " + MAX_HOLIDAYS + " holidays");
                }
                inEvent = false;
            } else if (inEvent && property.equals("DTSTART")) {
                start = date(value, line);
            } else if (inEvent && property.equals("DTEND")) {
                end = date(value, line);
            } else if (inEvent && property.equals("SUMMARY")) {
                summary = value.replace("\\,", ",").replace("\\;", ";").replace("\\n", " ").replace("\\\\", "\\");
            } else if (inEvent && property.equals("RRULE")) {
                yearly = value.toUpperCase(Locale.ROOT).contains("FREQ=YEARLY");
            }
        }
        return holidays;
    }

    /** "20261225" or "20261225T000000Z": the date part. */
    private static LocalDate date(String value, String line) {
        String digits = value.length() >= 8 ? value.substring(0, 8) : value;
        try {
            return LocalDate.parse(digits, BASIC_DATE);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date: " + line);
        }
    }

    /** Lines continued with a leading space or tab are joined (RFC 5545, 3.1). */
    private static List<String> unfold(String text) {
        List<String> lines = new ArrayList<>();
        for (String raw : text.split("\r\n|\n|\r")) {
            if ((raw.startsWith(" ") || raw.startsWith("\t")) && !lines.isEmpty()) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + raw.substring(1));
            } else if (!raw.isBlank()) {
                lines.add(raw.strip());
            }
        }
        return lines;
    }
}
