package org.relaydesk.core.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * When the SLA clock runs: a time zone, weekly working hours (several shifts a day, a shift may run
 * past midnight) and holidays (single dates, or every year on the same day). All arithmetic is done
 * on the zone's wall clock, so "09:00–18:00" is nine o'clock on the day of a DST switch too, and a
 * night shift "22:00–06:00" lasts seven or nine real hours on those nights. A shift belongs to the day
 * it starts on: a holiday cancels the shifts that start on it.
 */
public final class BusinessCalendar {
    /** Looking further than this for working time means the calendar has none (all holidays). */
    private static final int MAX_DAYS_AHEAD = 3 * 366;

    /** One working period, starting on its day; {@code end} at or before {@code start} means the next day. */
    public record Shift(LocalTime start, LocalTime end) {
        public Shift {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
        }

        boolean overnight() {
            return !end.isAfter(start);
        }
    }

    private final ZoneId zone;
    private final Map<DayOfWeek, List<Shift>> week;
    private final Set<LocalDate> holidays;
    private final Set<MonthDay> yearlyHolidays;
    private final boolean always;

    private BusinessCalendar(ZoneId zone, Map<DayOfWeek, List<Shift>> week, Set<LocalDate> holidays, Set<MonthDay> yearlyHolidays,
            boolean always) {
        this.zone = zone;
        this.week = week;
        this.holidays = holidays;
        this.yearlyHolidays = yearlyHolidays;
        this.always = always;
    }

    /** Round the clock, every day: for policies that count calendar time. */
    public static BusinessCalendar always() {
        return new BusinessCalendar(java.time.ZoneOffset.UTC, Map.of(), Set.of(), Set.of(), true);
    }

    public static BusinessCalendar of(ZoneId zone, Map<DayOfWeek, List<Shift>> week, Set<LocalDate> holidays, Set<MonthDay> yearlyHolidays) {
        Map<DayOfWeek, List<Shift>> copy = new EnumMap<>(DayOfWeek.class);
        week.forEach((day, shifts) -> copy.put(day, shifts.stream().sorted(Comparator.comparing(Shift::start)).toList()));
        if (copy.values().stream().allMatch(List::isEmpty)) {
            throw new IllegalArgumentException("a business calendar needs at least one shift in the week");
        }
        return new BusinessCalendar(zone, Map.copyOf(copy), Set.copyOf(holidays), Set.copyOf(yearlyHolidays), false);
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isHoliday(LocalDate date) {
        return holidays.contains(date) || yearlyHolidays.contains(MonthDay.from(date));
    }

    /**
     * Whether {@code at} falls within working hours: inside a shift that started on its day or, for a
     * night shift, the day before. The end of a shift is already closed.
     */
    public boolean isOpenAt(Instant at) {
        if (always) {
            return true;
        }
        LocalDate day = at.atZone(zone).toLocalDate();
        for (LocalDate start = day.minusDays(1); !start.isAfter(day); start = start.plusDays(1)) {
            for (Interval open : openOn(start)) {
                if (!open.start().isAfter(at) && open.end().isAfter(at)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The moment {@code amount} of working time after {@code from} (a due time). */
    public Instant plus(Instant from, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        if (always) {
            return from.plus(amount);
        }
        Duration remaining = amount;
        Instant cursor = from;
        LocalDate day = from.atZone(zone).toLocalDate().minusDays(1); // yesterday's night shift may still run
        for (int i = 0; i < MAX_DAYS_AHEAD; i++, day = day.plusDays(1)) {
            for (Interval open : openOn(day)) {
                if (!open.end().isAfter(cursor)) {
                    continue;
                }
                Instant start = open.start().isAfter(cursor) ? open.start() : cursor;
                Duration available = Duration.between(start, open.end());
                if (remaining.compareTo(available) <= 0) {
                    return start.plus(remaining);
                }
                remaining = remaining.minus(available);
                cursor = open.end();
            }
        }
        throw new IllegalStateException("no working time within " + MAX_DAYS_AHEAD + " days of " + from);
    }

    /** The working time in [from, to); zero when {@code to} is not after {@code from}. */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (always) {
            return Duration.between(from, to);
        }
        Duration total = Duration.ZERO;
        Instant cursor = from;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate().minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
            for (Interval open : openOn(day)) {
                Instant start = open.start().isAfter(cursor) ? open.start() : cursor;
                Instant end = open.end().isBefore(to) ? open.end() : to;
                if (end.isAfter(start)) {
                    total = total.plus(Duration.between(start, end));
                    cursor = end; // overlapping shifts count once
                }
            }
        }
        return total;
    }

    private record Interval(Instant start, Instant end) {
    }

    /** The shifts that start on a day, as instants (none on a holiday). */
    private List<Interval> openOn(LocalDate day) {
        if (isHoliday(day)) {
            return List.of();
        }
        List<Interval> intervals = new ArrayList<>();
        for (Shift shift : week.getOrDefault(day.getDayOfWeek(), List.of())) {
            Instant start = ZonedDateTime.of(day, shift.start(), zone).toInstant();
            Instant end = ZonedDateTime.of(shift.overnight() ? day.plusDays(1) : day, shift.end(), zone).toInstant();
            if (end.isAfter(start)) {
                intervals.add(new Interval(start, end));
            }
        }
        return intervals;
    }
}
