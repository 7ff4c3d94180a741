package org.relaydesk.core.report;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * When a scheduled report goes out and which days it covers: at 06:00 in the workspace's time zone,
 * after each day (yesterday), week (Monday to Sunday) or month (the whole previous month).
 */
public enum ReportSchedule {
    DAILY, WEEKLY, MONTHLY;

    static final LocalTime SEND_AT = LocalTime.of(6, 0);

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ReportSchedule> of(String value) {
        return value == null ? Optional.empty() : Arrays.stream(values()).filter(s -> s.apiName().equals(value.strip().toLowerCase(Locale.ROOT))).findFirst();
    }

    /** The first sending moment strictly after {@code now}. */
    public Instant nextRun(ZoneId zone, Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate candidate = switch (this) {
            case DAILY -> today;
            case WEEKLY -> today.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
            case MONTHLY -> today.withDayOfMonth(1);
        };
        ZonedDateTime at = candidate.atTime(SEND_AT).atZone(zone);
        while (!at.toInstant().isAfter(now)) {
            candidate = switch (this) {
                case DAILY -> candidate.plusDays(1);
                case WEEKLY -> candidate.plusWeeks(1);
                case MONTHLY -> candidate.plusMonths(1).withDayOfMonth(1);
            };
            at = candidate.atTime(SEND_AT).atZone(zone);
        }
        return at.toInstant();
    }

    /** The whole days the report sent at {@code runAt} covers: those before the run's own day. */
    public ReportPeriod periodBefore(ZoneId zone, Instant runAt) {
        LocalDate day = runAt.atZone(zone).toLocalDate();
        return switch (this) {
            case DAILY -> new ReportPeriod(day.minusDays(1), day.minusDays(1), zone);
            case WEEKLY -> {
                LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield new ReportPeriod(monday.minusWeeks(1), monday.minusDays(1), zone);
            }
            case MONTHLY -> {
                LocalDate first = day.withDayOfMonth(1);
                yield new ReportPeriod(first.minusMonths(1), first.minusDays(1), zone);
            }
        };
    }
}
