package org.relaydesk.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ReportScheduleTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aDailyReportGoesAtSixInTheWorkspacesMorningAndCoversYesterday() {
        Instant beforeSix = Instant.parse("2026-03-10T04:30:00Z"); // 05:30 in Berlin
        Instant run = ReportSchedule.DAILY.nextRun(BERLIN, beforeSix);
        assertThat(run).isEqualTo(Instant.parse("2026-03-10T05:00:00Z"));
        assertThat(ReportSchedule.DAILY.nextRun(BERLIN, run)).as("strictly after").isEqualTo(Instant.parse("2026-03-11T05:00:00Z"));
        assertThat(ReportSchedule.DAILY.periodBefore(BERLIN, run)).isEqualTo(new ReportPeriod(LocalDate.parse("2026-03-09"), LocalDate.parse("2026-03-09"), BERLIN));
    }

    @Test
    void aWeeklyReportGoesOnMondayAndCoversTheWholeWeekBefore() {
        Instant wednesday = Instant.parse("2026-03-11T12:00:00Z");
        Instant run = ReportSchedule.WEEKLY.nextRun(BERLIN, wednesday);
        assertThat(run).isEqualTo(Instant.parse("2026-03-16T05:00:00Z"));
        assertThat(ReportSchedule.WEEKLY.periodBefore(BERLIN, run))
                .isEqualTo(new ReportPeriod(LocalDate.parse("2026-03-09"), LocalDate.parse("2026-03-15"), BERLIN));
    }

    @Test
    void theSummerTimeChangeMovesTheHourNotTheLocalTime() {
        Instant saturday = Instant.parse("2026-03-28T12:00:00Z");
        assertThat(ReportSchedule.DAILY.nextRun(BERLIN, saturday)).as("06:00 CET").isEqualTo(Instant.parse("2026-03-29T04:00:00Z"));
        assertThat(ReportSchedule.DAILY.nextRun(BERLIN, Instant.parse("2026-03-29T04:00:00Z"))).as("06:00 CEST")
                .isEqualTo(Instant.parse("2026-03-30T04:00:00Z"));
    }

    @Test
    void aMonthlyReportGoesOnTheFirstAndCoversThePreviousMonth() {
        Instant run = ReportSchedule.MONTHLY.nextRun(BERLIN, Instant.parse("2026-02-14T10:00:00Z"));
        assertThat(run).isEqualTo(Instant.parse("2026-03-01T05:00:00Z"));
        assertThat(ReportSchedule.MONTHLY.periodBefore(BERLIN, run))
                .isEqualTo(new ReportPeriod(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-28"), BERLIN));
        assertThat(ReportSchedule.MONTHLY.nextRun(BERLIN, Instant.parse("2026-12-15T10:00:00Z"))).isEqualTo(Instant.parse("2027-01-01T05:00:00Z"));
    }

    @Test
    void frequenciesAreReadByTheirNames() {
        assertThat(ReportSchedule.of(" Weekly ")).contains(ReportSchedule.WEEKLY);
        assertThat(ReportSchedule.of("hourly")).isEmpty();
        assertThat(ReportSchedule.of(null)).isEmpty();
    }
}
