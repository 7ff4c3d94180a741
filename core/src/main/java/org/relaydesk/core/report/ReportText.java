package org.relaydesk.core.report;

/** Figures in words: the headline figures of a period for emails, durations and percentages for pages and emails alike. */
public final class ReportText {
    private ReportText() {
    }

    static String overview(TicketAnalytics.Overview o) {
        return "  Created: " + o.created() + "\n  Solved: " + o.solved() + "\n  Backlog change: " + (o.backlogChange() > 0 ? "+" : "") + o.backlogChange()
                + "\n  Open now: " + o.openNow() + "\n  Reopened: " + o.reopened()
                + "\n  First response: median " + duration(o.firstResponse().medianSeconds()) + ", 90th percentile "
                + duration(o.firstResponse().ninetiethPercentileSeconds())
                + "\n  Resolution: median " + duration(o.resolution().medianSeconds()) + ", 90th percentile " + duration(o.resolution().ninetiethPercentileSeconds())
                + "\n  SLA compliance: " + percent(o.sla().compliancePercent()) + "\n  CSAT: " + percent(o.csat().score()) + " (" + o.csat().responses()
                + " responses)\n";
    }

    /** "2 h 5 min", "3 d 4 h", "45 s"; "–" when there is nothing to measure. */
    public static String duration(Double seconds) {
        if (seconds == null) {
            return "–";
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        long minutes = s / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return hours + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
        }
        return hours / 24 + " d" + (hours % 24 == 0 ? "" : " " + hours % 24 + " h");
    }

    public static String percent(Double value) {
        if (value == null) {
            return "–";
        }
        return (value == Math.rint(value) ? String.valueOf(value.longValue()) : String.valueOf(value)) + "%";
    }
}
