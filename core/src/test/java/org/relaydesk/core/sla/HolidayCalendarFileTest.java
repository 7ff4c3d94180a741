package org.relaydesk.core.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** Public-holiday calendars as they are published: all-day events, yearly rules by date and by weekday, exceptions, folded lines. */
class HolidayCalendarFileTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-06-15");

    private static final String FILE = String.join("\r\n",
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Example//Holidays//EN",
            "BEGIN:VEVENT",
            "UID:christmas@example",
            "DTSTART;VALUE=DATE:20261225",
            "DTEND;VALUE=DATE:20261227",
            "RRULE:FREQ=YEARLY",
            "SUMMARY:Christmas\\, both days",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:easter@example",
            "DTSTART;VALUE=DATE:20270326",
            "SUMMARY:Good Friday (this year's dat",
            " e)",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:timed@example",
            "DTSTART;TZID=Europe/Berlin:20261231T000000",
            "DTEND;TZID=Europe/Berlin:20261231T235900",
            "SUMMARY:New Year's Eve",
            "END:VEVENT",
            "END:VCALENDAR", "");

    /** Like the United States federal holidays a calendar service publishes: most of them are rules by weekday. */
    private static final String US_HOLIDAYS = String.join("\r\n",
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Example Corp//US Holidays//EN",
            "CALSCALE:GREGORIAN",
            "X-WR-CALNAME:US Holidays",
            "BEGIN:VEVENT",
            "UID:thanksgiving@us-holidays.example",
            "DTSTAMP:20240101T000000Z",
            "DTSTART;VALUE=DATE:20241128",
            "DTEND;VALUE=DATE:20241130",
            "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH",
            "SUMMARY:Thanksgiving Day and the day after",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:memorial@us-holidays.example",
            "DTSTAMP:20240101T000000Z",
            "DTSTART;VALUE=DATE:20240527",
            "RRULE:FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO",
            "SUMMARY:Memorial Day",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:mlk@us-holidays.example",
            "DTSTAMP:20240101T000000Z",
            "DTSTART;VALUE=DATE:20240115",
            "RRULE:FREQ=YEARLY;BYMONTH=1;BYDAY=3MO",
            "EXDATE;VALUE=DATE:20270118",
            "SUMMARY:Martin Luther King Jr. Day",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:independence@us-holidays.example",
            "DTSTAMP:20240101T000000Z",
            "DTSTART;VALUE=DATE:20240704",
            "RRULE:FREQ=YEARLY",
            "SUMMARY:Independence Day",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:inventory@us-holidays.example",
            "DTSTAMP:20240101T000000Z",
            "DTSTART;VALUE=DATE:20260102",
            "RRULE:FREQ=YEARLY;COUNT=2",
            "SUMMARY:Inventory day (two years only)",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:cancelled@us-holidays.example",
            "DTSTAMP:20240101T000000Z",
            "DTSTART;VALUE=DATE:20260803",
            "STATUS:CANCELLED",
            "SUMMARY:Company picnic (cancelled)",
            "END:VEVENT",
            "END:VCALENDAR", "");

    private static List<LocalDate> datesOf(List<HolidayCalendarFile.Holiday> holidays, String name) {
        return holidays.stream().filter(h -> h.name().equals(name)).map(HolidayCalendarFile.Holiday::date).toList();
    }

    @Test
    void readsAllDayYearlyMultiDayAndFoldedEvents() {
        List<HolidayCalendarFile.Holiday> holidays = HolidayCalendarFile.read(FILE, TODAY);
        assertThat(holidays).containsExactly(
                new HolidayCalendarFile.Holiday(LocalDate.parse("2026-12-25"), true, "Christmas, both days"),
                new HolidayCalendarFile.Holiday(LocalDate.parse("2026-12-26"), true, "Christmas, both days"),
                new HolidayCalendarFile.Holiday(LocalDate.parse("2027-03-26"), false, "Good Friday (this year's date)"),
                new HolidayCalendarFile.Holiday(LocalDate.parse("2026-12-31"), false, "New Year's Eve"));
    }

    @Test
    void weekdayRulesAreExpandedIntoTheirDatesNotReadAsAFixedDate() {
        List<HolidayCalendarFile.Holiday> holidays = HolidayCalendarFile.read(US_HOLIDAYS, TODAY);

        List<LocalDate> thanksgiving = datesOf(holidays, "Thanksgiving Day and the day after");
        assertThat(thanksgiving).contains(LocalDate.parse("2026-11-26"), LocalDate.parse("2026-11-27"), LocalDate.parse("2027-11-25"),
                LocalDate.parse("2027-11-26"), LocalDate.parse("2030-11-28"), LocalDate.parse("2036-11-27"));
        assertThat(thanksgiving).doesNotContain(LocalDate.parse("2026-11-28"), LocalDate.parse("2027-11-28"));
        assertThat(thanksgiving).filteredOn(d -> d.getMonthValue() == 11 && d.getDayOfWeek() == DayOfWeek.THURSDAY)
                .allSatisfy(d -> assertThat((d.getDayOfMonth() - 1) / 7).as("the fourth Thursday").isEqualTo(3))
                .hasSize(12); // from last year through ten years ahead: 2025–2036
        assertThat(holidays).filteredOn(h -> h.name().startsWith("Thanksgiving")).noneMatch(HolidayCalendarFile.Holiday::yearly);

        assertThat(datesOf(holidays, "Memorial Day")).contains(LocalDate.parse("2026-05-25"), LocalDate.parse("2027-05-31"))
                .allSatisfy(d -> assertThat(d.plusWeeks(1).getMonthValue()).as("the last Monday of May").isEqualTo(6));
        assertThat(datesOf(holidays, "Martin Luther King Jr. Day")).contains(LocalDate.parse("2026-01-19"), LocalDate.parse("2028-01-17"))
                .as("EXDATE: not in 2027").doesNotContain(LocalDate.parse("2027-01-18"));
        assertThat(datesOf(holidays, "Inventory day (two years only)")).containsExactly(LocalDate.parse("2026-01-02"), LocalDate.parse("2027-01-02"));
        assertThat(holidays).as("a fixed date every year stays one yearly holiday")
                .contains(new HolidayCalendarFile.Holiday(LocalDate.parse("2024-07-04"), true, "Independence Day"))
                .filteredOn(h -> h.name().equals("Independence Day")).hasSize(1);
        assertThat(holidays).noneMatch(h -> h.name().contains("picnic"));
        assertThat(holidays).allSatisfy(h -> assertThat(h.date()).isBefore(LocalDate.parse("2037-01-01")))
                .filteredOn(h -> !h.yearly()).allSatisfy(h -> assertThat(h.date()).isAfterOrEqualTo(LocalDate.parse("2025-01-01")));
    }

    @Test
    void theDatesDoNotDependOnTheServersTimeZone() {
        TimeZone before = TimeZone.getDefault();
        try {
            for (String zone : List.of("America/Los_Angeles", "Pacific/Kiritimati", "UTC")) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                List<HolidayCalendarFile.Holiday> holidays = HolidayCalendarFile.read(US_HOLIDAYS, TODAY);
                assertThat(datesOf(holidays, "Thanksgiving Day and the day after")).as(zone).startsWith(LocalDate.parse("2025-11-27"));
                assertThat(datesOf(holidays, "Martin Luther King Jr. Day")).as(zone).doesNotContain(LocalDate.parse("2027-01-18"));
                assertThat(HolidayCalendarFile.read(FILE, TODAY)).as(zone).element(0).isEqualTo(
                        new HolidayCalendarFile.Holiday(LocalDate.parse("2026-12-25"), true, "Christmas, both days"));
            }
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @Test
    void anImportedThanksgivingStopsTheClocksOnTheRightThursday() {
        ZoneId newYork = ZoneId.of("America/New_York");
        String json = BusinessCalendars.holidaysJson(HolidayCalendarFile.read(US_HOLIDAYS, TODAY));
        BusinessCalendar calendar = BusinessHours.toCalendar(newYork, BusinessHours.OFFICE_WEEK, json);
        // 2029: Thanksgiving is on the 22nd; read as a fixed date (the file's first one, 28 November) it would stop a Wednesday instead
        var thanksgiving = LocalDateTime.parse("2029-11-22T09:00").atZone(newYork).toInstant();
        var wednesdayAfter = LocalDateTime.parse("2029-11-28T09:00").atZone(newYork).toInstant();
        assertThat(calendar.between(thanksgiving, thanksgiving.plus(Duration.ofHours(8)))).isZero();
        assertThat(calendar.between(wednesdayAfter, wednesdayAfter.plus(Duration.ofHours(8)))).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void somethingElseIsRefusedWithTheReason() {
        assertThatThrownBy(() -> HolidayCalendarFile.read("Christmas: 25 December", TODAY)).hasMessageContaining("not an iCalendar file");
        assertThatThrownBy(() -> HolidayCalendarFile.read("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:christmas\nEND:VEVENT\nEND:VCALENDAR", TODAY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DTSTART");
        assertThatThrownBy(() -> HolidayCalendarFile.read("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260101\nRRULE:FREQ=DAILY\n"
                + "SUMMARY:Every day\nEND:VEVENT\nEND:VCALENDAR", TODAY)).hasMessageContaining("more than 2000 holidays");
        assertThatThrownBy(() -> HolidayCalendarFile.read("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260101\nDTEND;VALUE=DATE:20270101\n"
                + "SUMMARY:A year off\nEND:VEVENT\nEND:VCALENDAR", TODAY)).hasMessageContaining("at most 60");
    }
}
