package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.report.AnalyticsService;
import org.relaydesk.core.report.ExportFormat;
import org.relaydesk.core.report.ExportReport;
import org.relaydesk.core.report.Granularity;
import org.relaydesk.core.report.ReportFilter;
import org.relaydesk.core.report.ReportPeriod;
import org.relaydesk.core.report.ReportRows;
import org.relaydesk.core.report.TicketAnalytics;

/**
 * /api/tickets/analytics: the workspace's ticket figures for a period of whole days in its time zone
 * ({@code from}, {@code to}: YYYY-MM-DD, both included; the last 30 days by default), narrowed by
 * the same filters everywhere ({@code team}, {@code agent}, {@code category}, {@code channel},
 * {@code priority}, {@code tags}: comma-separated, all of them). Supervisors and admins read the
 * whole workspace, an agent their own figures; the service checks it again.
 */
@Path("/tickets/analytics")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Analytics")
@SecurityRequirement(name = "bearer")
public class TicketAnalyticsResource {
    /** The most comments one CSAT report lists. */
    static final int MAX_COMMENTS = 100;

    @Inject
    AnalyticsService analytics;

    /** The query parameters every report takes. */
    public static class Query {
        @QueryParam("from")
        String from;
        @QueryParam("to")
        String to;
        @QueryParam("team")
        String team;
        @QueryParam("agent")
        String agent;
        @QueryParam("category")
        String category;
        @QueryParam("channel")
        String channel;
        @QueryParam("priority")
        String priority;
        @QueryParam("tags")
        String tags;

        ReportFilter filter() {
            return ReportFilter.of(team, agent, category, channel, priority, tags);
        }
    }

    public record PeriodJson(LocalDate from, LocalDate to, String timeZone, long days) {
        static PeriodJson of(ReportPeriod p) {
            return new PeriodJson(p.from(), p.to(), p.zone().getId(), p.days());
        }
    }

    /** How long, in seconds of the clock: the median and the 90th percentile (null when none). */
    public record DurationsJson(long count, Double medianSeconds, Double ninetiethPercentileSeconds) {
        static DurationsJson of(TicketAnalytics.Durations d) {
            return new DurationsJson(d.count(), d.medianSeconds(), d.ninetiethPercentileSeconds());
        }
    }

    public record SlaJson(long firstResponseMet, long firstResponseBreached, long resolutionMet, long resolutionBreached, Double compliancePercent) {
        static SlaJson of(TicketAnalytics.SlaFigures s) {
            return new SlaJson(s.firstResponseMet(), s.firstResponseBreached(), s.resolutionMet(), s.resolutionBreached(), s.compliancePercent());
        }
    }

    public record CsatJson(long responses, long satisfied, Double score) {
        static CsatJson of(TicketAnalytics.CsatFigures c) {
            return new CsatJson(c.responses(), c.satisfied(), c.score());
        }
    }

    public record OverviewJson(PeriodJson period, long created, long solved, long reopened, long openNow, long backlogChange,
            DurationsJson firstResponse, DurationsJson resolution, SlaJson sla, CsatJson csat) {
    }

    public record VolumePointJson(LocalDate start, long created, long solved, Map<String, Long> createdByChannel) {
    }

    public record VolumeJson(PeriodJson period, String interval, List<VolumePointJson> points) {
    }

    public record ShareJson(String key, String label, long count) {
        static List<ShareJson> of(List<TicketAnalytics.Share> shares) {
            return shares.stream().map(s -> new ShareJson(s.key(), s.label(), s.count())).toList();
        }
    }

    public record DistributionJson(PeriodJson period, long total, List<ShareJson> status, List<ShareJson> priority, List<ShareJson> category,
            List<ShareJson> channel, List<ShareJson> team) {
    }

    /** {@code arrivals[d][h]}: tickets created on weekday d (0 = Monday) at hour h, in the workspace's time zone. */
    public record PeakHoursJson(PeriodJson period, List<List<Long>> arrivals) {
    }

    public record AgentJson(UUID agentId, String name, long assigned, long solved, DurationsJson firstResponse, DurationsJson resolution,
            long reopened, Double reopenRate, CsatJson csat) {
    }

    public record AgentsJson(PeriodJson period, List<AgentJson> agents) {
    }

    public record CsatPointJson(LocalDate start, long responses, long satisfied, Double score) {
    }

    public record CommentJson(long ticketNumber, int rating, String comment, java.time.OffsetDateTime at) {
    }

    public record CsatDetailJson(PeriodJson period, CsatJson total, List<Long> perScore, String interval, List<CsatPointJson> trend,
            List<CommentJson> comments) {
    }

    @GET
    @Path("/overview")
    public OverviewJson overview(@BeanParam Query query) {
        ReportPeriod period = analytics.period(query.from, query.to);
        TicketAnalytics.Overview o = analytics.read(query.filter(), (figures, filter) -> figures.overview(period, filter));
        return new OverviewJson(PeriodJson.of(period), o.created(), o.solved(), o.reopened(), o.openNow(), o.backlogChange(),
                DurationsJson.of(o.firstResponse()), DurationsJson.of(o.resolution()), SlaJson.of(o.sla()), CsatJson.of(o.csat()));
    }

    /** {@code interval}: day (default) or week (ISO weeks, from Monday). */
    @GET
    @Path("/volume")
    public VolumeJson volume(@BeanParam Query query, @QueryParam("interval") String interval) {
        Granularity granularity = Granularity.of(interval);
        ReportPeriod period = analytics.period(query.from, query.to);
        TicketAnalytics.Volume v = analytics.read(query.filter(), (figures, filter) -> figures.volume(period, filter, granularity));
        return new VolumeJson(PeriodJson.of(period), granularity.name().toLowerCase(java.util.Locale.ROOT), v.points().stream()
                .map(p -> new VolumePointJson(p.start(), p.created(), p.solved(), p.createdByChannel())).toList());
    }

    @GET
    @Path("/distribution")
    public DistributionJson distribution(@BeanParam Query query) {
        ReportPeriod period = analytics.period(query.from, query.to);
        TicketAnalytics.Distribution d = analytics.read(query.filter(), (figures, filter) -> figures.distribution(period, filter));
        return new DistributionJson(PeriodJson.of(period), d.total(), ShareJson.of(d.status()), ShareJson.of(d.priority()), ShareJson.of(d.category()),
                ShareJson.of(d.channel()), ShareJson.of(d.team()));
    }

    public record SlaTargetJson(String target, long met, long breached, long pending, long atRisk, Double compliancePercent) {
    }

    public record SlaPolicyJson(UUID policyId, String name, long tickets, List<SlaTargetJson> targets) {
    }

    public record SlaDetailJson(PeriodJson period, List<SlaPolicyJson> policies, List<ShareJson> breachesByTarget, List<ShareJson> breachesByPriority) {
    }

    /**
     * Per SLA policy and target, over the period's tickets: met, breached, still running and at risk,
     * compliance; and the breaches the watcher raised in the period by target and by priority.
     */
    @GET
    @Path("/sla/detailed")
    public SlaDetailJson slaDetailed(@BeanParam Query query) {
        ReportPeriod period = analytics.period(query.from, query.to);
        TicketAnalytics.SlaDetail d = analytics.read(query.filter(), (figures, filter) -> figures.slaDetail(period, filter));
        return new SlaDetailJson(PeriodJson.of(period), d.policies().stream().map(p -> new SlaPolicyJson(p.policyId(), p.name(), p.tickets(),
                p.targets().stream().map(t -> new SlaTargetJson(t.target(), t.met(), t.breached(), t.pending(), t.atRisk(), t.compliancePercent())).toList()))
                .toList(), ShareJson.of(d.breachesByTarget()), ShareJson.of(d.breachesByPriority()));
    }

    public record MessagingAccountJson(UUID accountId, String name, long inbound, long outbound, long templates, long failed, long windowClosed) {
    }

    public record MessagingJson(PeriodJson period, long inbound, long outbound, long sent, long failed, long windowClosed, long pending, long templates,
            long delivered, long read, long receiptFailures, List<MessagingAccountJson> accounts) {
    }

    /** The WhatsApp numbers' traffic in the period (supervisors and admins: it is the whole workspace's, not a ticket filter's). */
    @GET
    @Path("/whatsapp")
    public MessagingJson whatsApp(@QueryParam("from") String from, @QueryParam("to") String to) {
        ReportPeriod period = analytics.period(from, to);
        TicketAnalytics.Messaging m = analytics.readWorkspace((figures, seen) -> figures.whatsApp(period, seen));
        return new MessagingJson(PeriodJson.of(period), m.inbound(), m.outbound(), m.sent(), m.failed(), m.windowClosed(), m.pending(), m.templates(),
                m.delivered(), m.read(), m.receiptFailures(), m.accounts().stream().map(a -> new MessagingAccountJson(a.accountId(), a.name(), a.inbound(),
                        a.outbound(), a.templates(), a.failed(), a.windowClosed())).toList());
    }

    @GET
    @Path("/peak-hours")
    public PeakHoursJson peakHours(@BeanParam Query query) {
        ReportPeriod period = analytics.period(query.from, query.to);
        long[][] arrivals = analytics.read(query.filter(), (figures, filter) -> figures.peakHours(period, filter)).arrivals();
        return new PeakHoursJson(PeriodJson.of(period), Arrays.stream(arrivals).map(day -> Arrays.stream(day).boxed().toList()).toList());
    }

    @GET
    @Path("/agents")
    public AgentsJson agents(@BeanParam Query query) {
        ReportPeriod period = analytics.period(query.from, query.to);
        List<TicketAnalytics.AgentFigures> agents = analytics.read(query.filter(), (figures, filter) -> figures.agents(period, filter));
        return new AgentsJson(PeriodJson.of(period), agents.stream().map(a -> new AgentJson(a.agentId(), a.name(), a.assigned(), a.solved(),
                DurationsJson.of(a.firstResponse()), DurationsJson.of(a.resolution()), a.reopened(), a.reopenRate(), CsatJson.of(a.csat()))).toList());
    }

    /** {@code interval} of the trend: day (default) or week; {@code comments}: how many of the latest comments (20 by default, at most 100). */
    @GET
    @Path("/csat")
    public CsatDetailJson csat(@BeanParam Query query, @QueryParam("interval") String interval, @QueryParam("comments") String comments) {
        Granularity granularity = Granularity.of(interval);
        int latest = Params.intInRange(comments, "comments", 20, 0, MAX_COMMENTS);
        ReportPeriod period = analytics.period(query.from, query.to);
        TicketAnalytics.CsatDetail c = analytics.read(query.filter(), (figures, filter) -> figures.csat(period, filter, granularity, latest));
        return new CsatDetailJson(PeriodJson.of(period), CsatJson.of(c.total()), Arrays.stream(c.perScore()).boxed().toList(),
                granularity.name().toLowerCase(java.util.Locale.ROOT),
                c.trend().stream().map(p -> new CsatPointJson(p.start(), p.responses(), p.satisfied(), p.score())).toList(),
                c.comments().stream().map(m -> new CommentJson(m.ticketNumber(), m.rating(), m.comment(), m.at())).toList());
    }

    /**
     * A report as a file, streamed as it is read: {@code report} tickets (the default: one row per
     * ticket created in the period, columns as {@link TicketAnalytics#EXPORT_COLUMNS}), agents, volume,
     * distribution, peak-hours, csat or sla; {@code format} csv (RFC 4180, UTF-8; the default) or xlsx.
     * Times local to the workspace. The reader and the filter are checked before the first byte, so a
     * refusal is an answer and never a cut-off file.
     */
    @GET
    @Path("/export")
    @Produces({"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", MediaType.APPLICATION_JSON})
    public jakarta.ws.rs.core.Response export(@BeanParam Query query, @QueryParam("report") String report, @QueryParam("format") String format) {
        ExportReport table = ExportReport.of(report);
        ExportFormat file = ExportFormat.of(format);
        ReportPeriod period = analytics.period(query.from, query.to);
        ReportFilter filter = analytics.authorised(query.filter());
        analytics.exporting(table.apiName(), period, file.extension());
        jakarta.ws.rs.core.StreamingOutput body = out -> {
            try (ReportRows rows = file.open(out, table.apiName(), table.columns())) {
                analytics.read(filter, (figures, allowed) -> table.write(figures, period, allowed, rows));
            }
        };
        return jakarta.ws.rs.core.Response.ok(body, file.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + table.apiName() + "-" + period.from() + "-to-" + period.to() + "." + file.extension() + "\"")
                .header("Cache-Control", "private, no-store").build();
    }
}
