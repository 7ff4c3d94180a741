package org.relaydesk.core.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Public-holiday calendars as they are published (all-day events, yearly rules, folded lines). */
class HolidayCalendarFileTest {
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

    @Test
    void readsAllDayYearlyMultiDayAndFoldedEvents() {
        List<HolidayCalendarFile.Holiday> holidays = HolidayCalendarFile.read(FILE);
        assertThat(holidays).containsExactly(
                new HolidayCalendarFile.Holiday(LocalDate.parse("2026-12-25"), true, "Christmas, both days"),
                new HolidayCalendarFile.Holiday(LocalDate.parse("2026-12-26"), true, "Christmas, both days"),
                new HolidayCalendarFile.Holiday(LocalDate.parse("2027-03-26"), false, "Good Friday (this year's date)"),
                new HolidayCalendarFile.Holiday(LocalDate.parse("2026-12-31"), false, "New Year's Eve"));
    }

    @Test
    void somethingElseIsRefusedWithTheReason() {
        assertThatThrownBy(() -> HolidayCalendarFile.read("Christmas: 25 December")).hasMessageContaining("not an iCalendar file");
        assertThatThrownBy(() -> HolidayCalendarFile.read("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:2026-12-25\nEND:VEVENT\nEND:VCALENDAR"))
                .hasMessageContaining("not a date");
    }
}
