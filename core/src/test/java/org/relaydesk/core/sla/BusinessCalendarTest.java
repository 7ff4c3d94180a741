package org.relaydesk.core.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.relaydesk.core.sla.BusinessCalendar.Shift;

/** Working-time arithmetic, each case worked out by hand on a wall calendar. */
class BusinessCalendarTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    private static Map<DayOfWeek, List<Shift>> weekdays(Shift... shifts) {
        Map<DayOfWeek, List<Shift>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            week.put(day, List.of(shifts));
        }
        return week;
    }

    private static Shift shift(String start, String end) {
        return new Shift(LocalTime.parse(start), LocalTime.parse(end));
    }

    private static final BusinessCalendar OFFICE = BusinessCalendar.of(BERLIN, weekdays(shift("09:00", "17:00")), Set.of(), Set.of());

    @Test
    void theWeekendDoesNotCount() {
        // Friday 16:00 + 2 h: one hour on Friday, one on Monday morning
        assertThat(OFFICE.plus(at("2026-12-04T16:00", BERLIN), Duration.ofHours(2))).isEqualTo(at("2026-12-07T10:00", BERLIN));
        assertThat(OFFICE.between(at("2026-12-04T16:00", BERLIN), at("2026-12-07T10:00", BERLIN))).isEqualTo(Duration.ofHours(2));
        // written on Saturday: the clock starts on Monday at nine
        assertThat(OFFICE.plus(at("2026-12-05T11:00", BERLIN), Duration.ofMinutes(30))).isEqualTo(at("2026-12-07T09:30", BERLIN));
    }

    @Test
    void aTargetEndingWithTheDayIsDueThatEveningNotNextMorning() {
        assertThat(OFFICE.plus(at("2026-12-01T16:00", BERLIN), Duration.ofHours(1))).isEqualTo(at("2026-12-01T17:00", BERLIN));
        assertThat(OFFICE.plus(at("2026-12-01T09:00", BERLIN), Duration.ofHours(8))).isEqualTo(at("2026-12-01T17:00", BERLIN));
    }

    @Test
    void holidaysOnceAndEveryYear() {
        BusinessCalendar calendar = BusinessCalendar.of(BERLIN, weekdays(shift("09:00", "17:00")),
                Set.of(LocalDate.parse("2026-12-31")), Set.of(MonthDay.of(12, 25), MonthDay.of(1, 1)));
        // Thursday 24 Dec 16:30 + 1 h: 30 min that day; Friday the 25th is a holiday, then the weekend
        assertThat(calendar.plus(at("2026-12-24T16:30", BERLIN), Duration.ofHours(1))).isEqualTo(at("2026-12-28T09:30", BERLIN));
        // Wednesday 30 Dec 16:00 + 2 h: New Year's Eve (this year only) and New Year's Day (every year) are off
        assertThat(calendar.plus(at("2026-12-30T16:00", BERLIN), Duration.ofHours(2))).isEqualTo(at("2027-01-04T10:00", BERLIN));
        assertThat(calendar.isHoliday(LocalDate.parse("2031-12-25"))).as("yearly").isTrue();
        assertThat(calendar.isHoliday(LocalDate.parse("2027-12-31"))).as("once").isFalse();
    }

    @Test
    void severalShiftsADay() {
        BusinessCalendar lunchBreak = BusinessCalendar.of(BERLIN, weekdays(shift("09:00", "12:00"), shift("13:00", "17:00")), Set.of(), Set.of());
        assertThat(lunchBreak.plus(at("2026-12-01T11:30", BERLIN), Duration.ofHours(1))).isEqualTo(at("2026-12-01T13:30", BERLIN));
        assertThat(lunchBreak.between(at("2026-12-01T08:00", BERLIN), at("2026-12-01T18:00", BERLIN))).isEqualTo(Duration.ofHours(7));
    }

    @Test
    void nightShiftsRunPastMidnightAndBelongToTheDayTheyStart() {
        Map<DayOfWeek, List<Shift>> nights = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY)) {
            nights.put(day, List.of(shift("22:00", "06:00")));
        }
        BusinessCalendar calendar = BusinessCalendar.of(BERLIN, nights, Set.of(LocalDate.parse("2026-12-08")), Set.of());
        // Monday 23:00 + 8 h: 7 h until Tuesday 06:00, then 1 h of Tuesday night... but Tuesday the 8th is a holiday,
        // so its night shift does not happen: the last hour is Wednesday 22:00-23:00
        assertThat(calendar.plus(at("2026-12-07T23:00", BERLIN), Duration.ofHours(8))).isEqualTo(at("2026-12-09T23:00", BERLIN));
        // written at 03:00 on Tuesday, inside Monday's night: it counts at once
        assertThat(calendar.plus(at("2026-12-08T03:00", BERLIN), Duration.ofHours(1))).isEqualTo(at("2026-12-08T04:00", BERLIN));
        // Thursday's night ends Friday 06:00; Friday and Saturday have none; Sunday 22:00 is next
        assertThat(calendar.plus(at("2026-12-11T05:00", BERLIN), Duration.ofHours(2))).isEqualTo(at("2026-12-13T23:00", BERLIN));
    }

    @Test
    void europeanDaylightSavingTimeShortensAndLengthensNightShifts() {
        Map<DayOfWeek, List<Shift>> saturdayNight = Map.of(DayOfWeek.SATURDAY, List.of(shift("22:00", "06:00")));
        BusinessCalendar calendar = BusinessCalendar.of(BERLIN, saturdayNight, Set.of(), Set.of());
        // 29 March 2026: 02:00 becomes 03:00, the night has 7 real hours
        assertThat(calendar.between(at("2026-03-28T22:00", BERLIN), at("2026-03-29T06:00", BERLIN))).isEqualTo(Duration.ofHours(7));
        assertThat(calendar.plus(at("2026-03-28T22:00", BERLIN), Duration.ofHours(7))).isEqualTo(at("2026-03-29T06:00", BERLIN));
        // 25 October 2026: 03:00 becomes 02:00 again, the night has 9
        assertThat(calendar.between(at("2026-10-24T22:00", BERLIN), at("2026-10-25T06:00", BERLIN))).isEqualTo(Duration.ofHours(9));
        // an office day on a switch day keeps its wall-clock hours
        assertThat(OFFICE.plus(at("2026-03-27T16:00", BERLIN), Duration.ofHours(2))).isEqualTo(at("2026-03-30T10:00", BERLIN));
    }

    @Test
    void americanDaylightSavingTime() {
        Map<DayOfWeek, List<Shift>> sunday = Map.of(DayOfWeek.SUNDAY, List.of(shift("00:00", "12:00")));
        BusinessCalendar calendar = BusinessCalendar.of(NEW_YORK, sunday, Set.of(), Set.of());
        // 8 March 2026, New York springs forward at 02:00: the half day has 11 real hours
        assertThat(calendar.between(at("2026-03-08T00:00", NEW_YORK), at("2026-03-08T12:00", NEW_YORK))).isEqualTo(Duration.ofHours(11));
        // 1 November 2026, it falls back at 02:00: 13 real hours; 12 h of work end at 11:00 wall clock
        assertThat(calendar.between(at("2026-11-01T00:00", NEW_YORK), at("2026-11-01T12:00", NEW_YORK))).isEqualTo(Duration.ofHours(13));
        assertThat(calendar.plus(at("2026-11-01T00:00", NEW_YORK), Duration.ofHours(12))).isEqualTo(at("2026-11-01T11:00", NEW_YORK));
        // the same instant, seen from Berlin's office: US time changes do not move a European calendar
        assertThat(OFFICE.plus(at("2026-11-02T09:00", BERLIN), Duration.ofHours(8))).isEqualTo(at("2026-11-02T17:00", BERLIN));
    }

    @Test
    void betweenUndoesPlus() {
        Random random = new Random(7);
        BusinessCalendar lunchBreak = BusinessCalendar.of(NEW_YORK, weekdays(shift("08:30", "12:00"), shift("12:45", "18:15")),
                Set.of(LocalDate.parse("2026-11-26")), Set.of(MonthDay.of(7, 4)));
        for (int i = 0; i < 500; i++) {
            Instant from = at("2026-01-01T00:00", NEW_YORK).plus(Duration.ofMinutes(random.nextInt(60 * 24 * 365)));
            Duration amount = Duration.ofMinutes(1 + random.nextInt(60 * 80));
            Instant due = lunchBreak.plus(from, amount);
            assertThat(lunchBreak.between(from, due)).as("from %s plus %s", from, amount).isEqualTo(amount);
        }
    }

    @Test
    void roundTheClockIsPlainArithmetic() {
        Instant from = at("2026-03-28T22:00", BERLIN);
        assertThat(BusinessCalendar.always().plus(from, Duration.ofHours(8))).isEqualTo(from.plus(Duration.ofHours(8)));
        assertThat(BusinessCalendar.always().between(from, from.plusSeconds(90))).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aWeekWithoutWorkIsRefused() {
        assertThatThrownBy(() -> BusinessCalendar.of(BERLIN, Map.of(), Set.of(), Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isOpenAtKnowsShiftsNightShiftsHolidaysAndTheClosingMinute() {
        BusinessCalendar office = BusinessCalendar.of(BERLIN, weekdays(shift("09:00", "17:00")), Set.of(LocalDate.of(2026, 12, 24)), Set.of());
        assertThat(office.isOpenAt(at("2026-12-01T09:00", BERLIN))).isTrue();
        assertThat(office.isOpenAt(at("2026-12-01T16:59", BERLIN))).isTrue();
        assertThat(office.isOpenAt(at("2026-12-01T17:00", BERLIN))).as("closed at closing time").isFalse();
        assertThat(office.isOpenAt(at("2026-12-01T08:59", BERLIN))).isFalse();
        assertThat(office.isOpenAt(at("2026-12-05T12:00", BERLIN))).as("a Saturday").isFalse();
        assertThat(office.isOpenAt(at("2026-12-24T12:00", BERLIN))).as("a holiday").isFalse();

        BusinessCalendar nights = BusinessCalendar.of(NEW_YORK, weekdays(shift("22:00", "06:00")), Set.of(), Set.of());
        assertThat(nights.isOpenAt(at("2026-12-02T03:00", NEW_YORK))).as("Tuesday's night shift, on Wednesday morning").isTrue();
        assertThat(nights.isOpenAt(at("2026-12-05T03:00", NEW_YORK))).as("Friday's night shift runs into Saturday").isTrue();
        assertThat(nights.isOpenAt(at("2026-11-30T03:00", NEW_YORK))).as("no Sunday night shift").isFalse();
        assertThat(BusinessCalendar.always().isOpenAt(Instant.parse("2026-12-05T03:00:00Z"))).isTrue();
    }
}
