package org.relaydesk.core.sla;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.io.TimezoneAssignment;
import biweekly.property.Status;
import biweekly.util.Frequency;
import biweekly.util.ICalDate;
import biweekly.util.Recurrence;
import biweekly.util.com.google.ical.compat.javautil.DateIterator;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

/**
 * Reads holidays from an iCalendar file (RFC 5545), as public-holiday calendars are published, with
 * biweekly (a full iCalendar parser). Each VEVENT gives a name (SUMMARY) and one or more days: an
 * all-day or timed DTSTART (a timed one counts on its local date), several days with DTEND
 * (exclusive) or DURATION. Repetition:
 * <ul>
 * <li>every year on the same date (FREQ=YEARLY with nothing else, like Christmas): kept as a yearly
 * holiday, for every year to come;</li>
 * <li>any other rule (the fourth Thursday of November, the last Monday of May, a COUNT, an UNTIL,
 * RDATE or EXDATE dates): expanded into its dates from the start of last year to the end of the year
 * {@link #YEARS_AHEAD} years from now, as far ahead as SLA due times reach in practice (import the file
 * again later to go on).</li>
 * </ul>
 * Cancelled events (STATUS:CANCELLED) are skipped.
 */
public final class HolidayCalendarFile {
    /** A public-holiday file holds a few hundred events; beyond this it is not one. */
    static final int MAX_HOLIDAYS = 2000;
    /** How many years after this one holidays given by rules are expanded for. */
    static final int YEARS_AHEAD = 10;
    /** Longest single event, in days: a closure of a few weeks is plausible, a year is a mistake. */
    static final int MAX_DAYS_PER_EVENT = 60;

    public record Holiday(LocalDate date, boolean yearly, String name) {
    }

    private HolidayCalendarFile() {
    }

    /**
     * @param today the importer's date: rules are expanded from January 1st of last year on
     * @throws IllegalArgumentException naming the problem, for a file that is not iCalendar or has an event without a date
     */
    public static List<Holiday> read(String text, LocalDate today) {
        if (text == null || !text.contains("BEGIN:VCALENDAR")) {
            throw new IllegalArgumentException("not an iCalendar file (no BEGIN:VCALENDAR)");
        }
        List<List<biweekly.io.ParseWarning>> warnings = new ArrayList<>();
        ICalendar calendar;
        try {
            calendar = Biweekly.parse(text).warnings(warnings).first();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the iCalendar file could not be read: " + e.getMessage());
        }
        if (calendar == null) {
            throw new IllegalArgumentException("not an iCalendar file (no calendar in it)");
        }
        LocalDate from = LocalDate.of(today.getYear() - 1, 1, 1);
        LocalDate until = LocalDate.of(today.getYear() + YEARS_AHEAD, 12, 31);
        List<Holiday> holidays = new ArrayList<>();
        for (VEvent event : calendar.getEvents()) {
            if (event.getStatus() != null && Status.CANCELLED.equalsIgnoreCase(event.getStatus().getValue())) {
                continue;
            }
            if (event.getDateStart() == null || event.getDateStart().getValue() == null) {
                String why = warnings.stream().flatMap(List::stream).map(Object::toString).filter(w -> w.contains("DTSTART")).findFirst().orElse("");
                throw new IllegalArgumentException("an event without a valid DTSTART (not a date)" + (why.isEmpty() ? "" : ": " + why));
            }
            String name = event.getSummary() == null || event.getSummary().getValue() == null || event.getSummary().getValue().isBlank()
                    ? "Holiday" : event.getSummary().getValue().strip();
            ZoneId zone = zoneOf(calendar, event);
            LocalDate start = localDate(event.getDateStart().getValue(), zone);
            int days = lengthInDays(event, start, zone);
            if (repeatsOnTheSameDateEveryYear(event)) {
                for (int i = 0; i < days; i++) {
                    holidays.add(new Holiday(start.plusDays(i), true, name));
                }
            } else if (event.getRecurrenceRule() == null && event.getRecurrenceDates().isEmpty()) {
                for (int i = 0; i < days; i++) {
                    holidays.add(new Holiday(start.plusDays(i), false, name));
                }
            } else {
                DateIterator dates;
                try {
                    dates = event.getDateIterator(TimeZone.getTimeZone(zone));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("the repetition of '" + name + "' could not be read: " + e.getMessage());
                }
                while (dates.hasNext()) {
                    LocalDate date = localDate(dates.next(), zone);
                    if (date.isAfter(until)) {
                        break;
                    }
                    for (int i = 0; i < days; i++) {
                        LocalDate day = date.plusDays(i);
                        if (!day.isBefore(from) && !day.isAfter(until)) {
                            holidays.add(new Holiday(day, false, name));
                        }
                    }
                    if (holidays.size() > MAX_HOLIDAYS) {
                        break;
                    }
                }
            }
            if (holidays.size() > MAX_HOLIDAYS) {
                throw new IllegalArgumentException("more than " + MAX_HOLIDAYS + " holidays (within " + from.getYear() + "–" + until.getYear() + ")");
            }
        }
        return holidays;
    }

    /**
     * FREQ=YEARLY, every year, with no other part and no extra or excluded dates: the same date each
     * year, which a yearly holiday keeps for good. Everything else is expanded.
     */
    private static boolean repeatsOnTheSameDateEveryYear(VEvent event) {
        Recurrence rule = event.getRecurrenceRule() == null ? null : event.getRecurrenceRule().getValue();
        return rule != null && rule.getFrequency() == Frequency.YEARLY && (rule.getInterval() == null || rule.getInterval() == 1)
                && rule.getCount() == null && rule.getUntil() == null && rule.getByDay().isEmpty() && rule.getByMonth().isEmpty()
                && rule.getByMonthDay().isEmpty() && rule.getByYearDay().isEmpty() && rule.getByWeekNo().isEmpty() && rule.getBySetPos().isEmpty()
                && rule.getByHour().isEmpty() && rule.getByMinute().isEmpty() && rule.getBySecond().isEmpty() && rule.getXRules().isEmpty()
                && event.getExceptionDates().isEmpty() && event.getRecurrenceDates().isEmpty();
    }

    /** Days the event covers: to DTEND (exclusive) or for its DURATION; one at least. */
    private static int lengthInDays(VEvent event, LocalDate start, ZoneId zone) {
        long days = 1;
        if (event.getDateEnd() != null && event.getDateEnd().getValue() != null) {
            LocalDate end = localDate(event.getDateEnd().getValue(), zone);
            days = Math.max(1, ChronoUnit.DAYS.between(start, end));
        } else if (event.getDuration() != null && event.getDuration().getValue() != null) {
            Date begin = event.getDateStart().getValue();
            LocalDate end = localDate(event.getDuration().getValue().add(begin), zone);
            days = Math.max(1, ChronoUnit.DAYS.between(start, end));
        }
        if (days > MAX_DAYS_PER_EVENT) {
            throw new IllegalArgumentException("an event of " + days + " days (" + start + "): at most " + MAX_DAYS_PER_EVENT);
        }
        return (int) days;
    }

    /**
     * The zone to read an event's dates in: for all-day dates the JVM's own (biweekly reads them as
     * midnight there, and its rule iterator gives them back so), for times their TZID's, UTC for
     * times in UTC, and the JVM's own for floating times.
     */
    private static ZoneId zoneOf(ICalendar calendar, VEvent event) {
        ICalDate start = event.getDateStart().getValue();
        TimezoneAssignment assigned = calendar.getTimezoneInfo().getTimezone(event.getDateStart());
        if (!start.hasTime() || assigned == null && calendar.getTimezoneInfo().isFloating(event.getDateStart())) {
            return ZoneId.systemDefault();
        }
        return assigned == null ? ZoneOffset.UTC : assigned.getTimeZone().toZoneId();
    }

    /** The calendar date a value names: as written for an all-day date, else the local date in the event's zone. */
    private static LocalDate localDate(Date value, ZoneId zone) {
        if (value instanceof ICalDate date && !date.hasTime() && date.getRawComponents() != null) {
            var raw = date.getRawComponents();
            return LocalDate.of(raw.getYear(), raw.getMonth(), raw.getDate());
        }
        return value.toInstant().atZone(zone).toLocalDate();
    }
}
