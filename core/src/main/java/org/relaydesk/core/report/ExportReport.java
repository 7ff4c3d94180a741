package org.relaydesk.core.report;

import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.relaydesk.core.error.InvalidInputException;

/**
 * The reports that can be exported as a table, each with its columns and how its rows are read: the
 * period's tickets, or the figures of one of the report endpoints. Shared by the API, the report
 * pages and the scheduled emails, so a column means the same wherever the file comes from.
 */
public enum ExportReport {
    TICKETS("tickets", TicketAnalytics.EXPORT_COLUMNS),
    AGENTS("agents", List.of("agent", "assigned", "solved", "first_response_median_seconds", "resolution_median_seconds", "reopened",
            "reopen_rate_percent", "csat_responses", "csat_percent")),
    VOLUME("volume", List.of("day", "created", "solved")),
    DISTRIBUTION("distribution", List.of("dimension", "key", "label", "tickets")),
    PEAK_HOURS("peak-hours", peakHoursColumns()),
    CSAT("csat", List.of("day", "responses", "satisfied", "csat_percent")),
    SLA("sla", List.of("policy", "target", "tickets", "met", "breached", "running", "at_risk", "compliance_percent"));

    private final String apiName;
    private final List<String> columns;

    ExportReport(String apiName, List<String> columns) {
        this.apiName = apiName;
        this.columns = columns;
    }

    public String apiName() {
        return apiName;
    }

    public List<String> columns() {
        return columns;
    }

    /** "tickets" (also when left out), "agents", "volume", "distribution", "peak-hours", "csat" or "sla". */
    public static ExportReport of(String value) {
        if (value == null || value.isBlank()) {
            return TICKETS;
        }
        for (ExportReport report : values()) {
            if (report.apiName.equals(value.strip().toLowerCase(Locale.ROOT))) {
                return report;
            }
        }
        throw new InvalidInputException("report", "must be one of " + String.join(", ", Arrays.stream(values()).map(ExportReport::apiName).toList()));
    }

    /** Writes the report's rows for the period and filter; how many. */
    public long write(TicketAnalytics figures, ReportPeriod period, ReportFilter filter, ReportRows rows) throws SQLException {
        long written = 0;
        switch (this) {
            case TICKETS -> written = figures.exportTickets(period, filter, rows);
            case AGENTS -> {
                for (TicketAnalytics.AgentFigures a : figures.agents(period, filter)) {
                    rows.row(Arrays.asList(a.name(), a.assigned(), a.solved(), rounded(a.firstResponse().medianSeconds()),
                            rounded(a.resolution().medianSeconds()), a.reopened(), a.reopenRate(), a.csat().responses(), a.csat().score()));
                    written++;
                }
            }
            case VOLUME -> {
                for (TicketAnalytics.VolumePoint p : figures.volume(period, filter, Granularity.DAY).points()) {
                    rows.row(List.of(p.start(), p.created(), p.solved()));
                    written++;
                }
            }
            case DISTRIBUTION -> {
                TicketAnalytics.Distribution d = figures.distribution(period, filter);
                written += shares(rows, "status", d.status()) + shares(rows, "priority", d.priority()) + shares(rows, "category", d.category())
                        + shares(rows, "channel", d.channel()) + shares(rows, "team", d.team());
            }
            case PEAK_HOURS -> {
                long[][] arrivals = figures.peakHours(period, filter).arrivals();
                for (DayOfWeek day : DayOfWeek.values()) {
                    List<Object> cells = new ArrayList<>();
                    cells.add(day.getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                    for (long count : arrivals[day.getValue() - 1]) {
                        cells.add(count);
                    }
                    rows.row(cells);
                    written++;
                }
            }
            case CSAT -> {
                for (TicketAnalytics.CsatPoint p : figures.csat(period, filter, Granularity.DAY, 0).trend()) {
                    rows.row(Arrays.asList(p.start(), p.responses(), p.satisfied(), p.score()));
                    written++;
                }
            }
            case SLA -> {
                for (TicketAnalytics.SlaPolicyFigures policy : figures.slaDetail(period, filter).policies()) {
                    for (TicketAnalytics.SlaTarget target : policy.targets()) {
                        rows.row(Arrays.asList(policy.name(), target.target(), policy.tickets(), target.met(), target.breached(), target.pending(),
                                target.atRisk(), target.compliancePercent()));
                        written++;
                    }
                }
            }
        }
        return written;
    }

    private static long shares(ReportRows rows, String dimension, List<TicketAnalytics.Share> shares) {
        for (TicketAnalytics.Share share : shares) {
            rows.row(Arrays.asList(dimension, share.key(), share.label(), share.count()));
        }
        return shares.size();
    }

    private static List<String> peakHoursColumns() {
        List<String> columns = new ArrayList<>();
        columns.add("weekday");
        for (int hour = 0; hour < 24; hour++) {
            columns.add(String.format(Locale.ROOT, "%02d:00", hour));
        }
        return List.copyOf(columns);
    }

    private static Long rounded(Double seconds) {
        return seconds == null ? null : Math.round(seconds);
    }
}
