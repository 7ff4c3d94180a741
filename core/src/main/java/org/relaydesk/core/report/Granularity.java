package org.relaydesk.core.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.relaydesk.core.error.InvalidInputException;

/** How a series is cut: by day, or by ISO week (starting on Monday), in the workspace's time zone. */
public enum Granularity {
    DAY, WEEK;

    /** PostgreSQL's name for date_trunc. */
    String truncation() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The first day of the bucket a day falls in. */
    LocalDate bucketOf(LocalDate day) {
        return this == DAY ? day : day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** Every bucket the period touches, in order (a week cut by the period's ends is still listed). */
    List<LocalDate> buckets(ReportPeriod period) {
        List<LocalDate> buckets = new ArrayList<>();
        for (LocalDate day = bucketOf(period.from()); !day.isAfter(period.to()); day = this == DAY ? day.plusDays(1) : day.plusWeeks(1)) {
            buckets.add(day);
        }
        return buckets;
    }

    /** "day" (also when left out) or "week". */
    public static Granularity of(String value) {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("day")) {
            return DAY;
        }
        if (value.strip().equalsIgnoreCase("week")) {
            return WEEK;
        }
        throw new InvalidInputException("interval", "must be day or week");
    }
}
