package org.relaydesk.web.panel.report;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.primefaces.event.ItemSelectEvent;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.core.report.AnalyticsService;
import org.relaydesk.core.report.Granularity;
import org.relaydesk.core.report.ReportFilter;
import org.relaydesk.core.report.ReportPeriod;
import org.relaydesk.core.report.TicketAnalytics;
import org.relaydesk.core.team.Team;
import org.relaydesk.core.team.TeamService;
import org.relaydesk.core.ticket.Category;
import org.relaydesk.core.ticket.CategoryService;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.user.User;
import org.relaydesk.core.user.UserService;
import org.relaydesk.web.panel.PanelActions;
import org.relaydesk.web.panel.PanelSession;

/**
 * The report pages: /agent/reports (my own figures), /supervisor/reports (the team's) and
 * /admin/tickets/analytics (the whole workspace), one period and one filter for every figure on the
 * page. What each reader may see is decided by {@link AnalyticsService} (an agent only ever gets
 * their own figures); every chart and table links to the tickets behind it.
 */
@Named
@ViewScoped
public class ReportsView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    AnalyticsService analytics;

    @Inject
    PanelSession session;

    @Inject
    TeamService teams;

    @Inject
    UserService users;

    @Inject
    CategoryService categories;

    private String scope = "agent";
    private String from;
    private String to;
    private String team;
    private String agent;
    private String channel;
    private String priority;
    private String category;
    private String granularity;

    private ReportPeriod period;
    private TicketAnalytics.Overview overview;
    private TicketAnalytics.Volume volume;
    private TicketAnalytics.Distribution distribution;
    private TicketAnalytics.PeakHours peakHours;
    private List<TicketAnalytics.AgentFigures> agentFigures = List.of();
    private TicketAnalytics.CsatDetail csat;
    private TicketAnalytics.SlaDetail sla;
    private TicketAnalytics.Messaging whatsApp;

    /** The page's first load (f:viewAction): which page it is, then the figures. */
    public void init(String page) {
        scope = page;
        if (!FacesContext.getCurrentInstance().isPostback()) {
            load();
        }
    }

    /** "Apply": the figures again for the chosen period and filter; bad input is a message, the figures stay. */
    public void load() {
        PanelActions.attempt(() -> {
            ReportPeriod chosen = analytics.period(from, to);
            ReportFilter filter = filter();
            Granularity step = Granularity.of(granularity);
            TicketAnalytics.Overview o = analytics.read(filter, (a, f) -> a.overview(chosen, f));
            TicketAnalytics.Volume v = analytics.read(filter, (a, f) -> a.volume(chosen, f, step));
            TicketAnalytics.Distribution d = analytics.read(filter, (a, f) -> a.distribution(chosen, f));
            TicketAnalytics.PeakHours p = analytics.read(filter, (a, f) -> a.peakHours(chosen, f));
            TicketAnalytics.CsatDetail c = analytics.read(filter, (a, f) -> a.csat(chosen, f, step, 10));
            TicketAnalytics.SlaDetail s = analytics.read(filter, (a, f) -> a.slaDetail(chosen, f));
            List<TicketAnalytics.AgentFigures> perAgent = isMine() ? List.of() : analytics.read(filter, (a, f) -> a.agents(chosen, f));
            TicketAnalytics.Messaging messaging = isMine() ? null : analytics.readWorkspace((a, seen) -> a.whatsApp(chosen, seen));
            period = chosen;
            overview = o;
            volume = v;
            distribution = d;
            peakHours = p;
            csat = c;
            sla = s;
            whatsApp = messaging;
            agentFigures = perAgent;
            from = chosen.from().toString();
            to = chosen.to().toString();
        }, null);
    }

    private ReportFilter filter() {
        return ReportFilter.of(team, isMine() ? null : agent, category, channel, priority, null);
    }

    public boolean isMine() {
        return "agent".equals(scope);
    }

    public String getTitle() {
        return switch (scope) {
            case "supervisor" -> "Team reports";
            case "admin" -> "Ticket analytics";
            default -> "My performance";
        };
    }

    public boolean isReady() {
        return overview != null;
    }

    // ---------------------------------------------------------------- KPIs

    public long getCreated() {
        return overview.created();
    }

    public long getSolved() {
        return overview.solved();
    }

    public long getOpenNow() {
        return overview.openNow();
    }

    public long getReopened() {
        return overview.reopened();
    }

    public String getBacklogChange() {
        long change = overview.backlogChange();
        return (change > 0 ? "+" : "") + change;
    }

    public String getFirstResponseMedian() {
        return duration(overview.firstResponse().medianSeconds());
    }

    public String getFirstResponseP90() {
        return duration(overview.firstResponse().ninetiethPercentileSeconds());
    }

    public String getResolutionMedian() {
        return duration(overview.resolution().medianSeconds());
    }

    public String getResolutionP90() {
        return duration(overview.resolution().ninetiethPercentileSeconds());
    }

    public String getSlaCompliance() {
        return percent(overview.sla().compliancePercent());
    }

    public long getSlaBreached() {
        return overview.sla().firstResponseBreached() + overview.sla().resolutionBreached();
    }

    public String getCsatScore() {
        return percent(overview.csat().score());
    }

    public long getCsatResponses() {
        return overview.csat().responses();
    }

    static String duration(Double seconds) {
        return org.relaydesk.core.report.ReportText.duration(seconds);
    }

    static String percent(Double value) {
        return org.relaydesk.core.report.ReportText.percent(value);
    }

    // ---------------------------------------------------------------- charts

    public String getVolumeChart() {
        List<String> labels = volume.points().stream().map(p -> p.start().toString()).toList();
        return ChartConfig.of("bar").labels(labels)
                .series("Created", volume.points().stream().map(TicketAnalytics.VolumePoint::created).toList(), ChartConfig.PALETTE.get(0), null)
                .series("Solved", volume.points().stream().map(TicketAnalytics.VolumePoint::solved).toList(), ChartConfig.PALETTE.get(1), "line")
                .yTitle("Tickets").json();
    }

    public String getStatusChart() {
        return slices("doughnut", "Tickets", distribution.status());
    }

    public String getPriorityChart() {
        return slices("bar", "Tickets", distribution.priority());
    }

    public String getChannelChart() {
        return slices("doughnut", "Tickets", distribution.channel());
    }

    public String getCsatChart() {
        List<String> labels = csat.trend().stream().map(p -> p.start().toString()).toList();
        return ChartConfig.of("line").labels(labels)
                .series("CSAT %", csat.trend().stream().map(TicketAnalytics.CsatPoint::score).toList(), ChartConfig.PALETTE.get(1), null)
                .yTitle("% satisfied").noLegend().json();
    }

    private static String slices(String type, String label, List<TicketAnalytics.Share> shares) {
        ChartConfig chart = ChartConfig.of(type).labels(shares.stream().map(TicketAnalytics.Share::label).toList())
                .slices(label, shares.stream().map(TicketAnalytics.Share::count).toList());
        return (type.equals("bar") ? chart.noLegend() : chart).json();
    }

    // ---------------------------------------------------------------- tables and drill-down

    public List<TicketAnalytics.Share> getStatusShares() {
        return distribution.status();
    }

    public List<TicketAnalytics.Share> getPriorityShares() {
        return distribution.priority();
    }

    public List<TicketAnalytics.Share> getChannelShares() {
        return distribution.channel();
    }

    public List<TicketAnalytics.Share> getCategoryShares() {
        return distribution.category();
    }

    public List<TicketAnalytics.Share> getTeamShares() {
        return distribution.team();
    }

    public List<TicketAnalytics.VolumePoint> getVolumePoints() {
        return volume.points();
    }

    public List<TicketAnalytics.AgentFigures> getAgentFigures() {
        return agentFigures;
    }

    /** The WhatsApp numbers' traffic (team and workspace pages, when the workspace has a number). */
    public TicketAnalytics.Messaging getWhatsApp() {
        return whatsApp == null || whatsApp.accounts().isEmpty() ? null : whatsApp;
    }

    /** One row per policy and target, for the SLA table. */
    public record SlaRow(String policy, String target, long met, long breached, long pending, long atRisk, String compliance) {
    }

    public List<SlaRow> getSlaRows() {
        List<SlaRow> rows = new ArrayList<>();
        for (TicketAnalytics.SlaPolicyFigures policy : sla.policies()) {
            for (TicketAnalytics.SlaTarget target : policy.targets()) {
                rows.add(new SlaRow(policy.name(), target.target().equals("first_response") ? "First response" : "Resolution", target.met(),
                        target.breached(), target.pending(), target.atRisk(), percent(target.compliancePercent())));
            }
        }
        return rows;
    }

    public List<TicketAnalytics.Share> getBreachesByTarget() {
        return sla.breachesByTarget();
    }

    public List<TicketAnalytics.CsatComment> getCsatComments() {
        return csat.comments();
    }

    public String reopenRate(TicketAnalytics.AgentFigures figures) {
        return percent(figures.reopenRate());
    }

    public String durationOf(Double seconds) {
        return duration(seconds);
    }

    public String csatOf(TicketAnalytics.AgentFigures figures) {
        return percent(figures.csat().score());
    }

    /** The queue of the tickets behind a slice: the period's tickets of this status, priority, channel... */
    public String ticketsOf(String dimension, String key) {
        if (key == null) {
            return null; // "none" (no category, no team) is not a filter the queue has
        }
        return ticketsLink(Map.of(dimension, key), period.from(), period.to());
    }

    /** The tickets created on that day (or in that week). */
    public String ticketsCreated(LocalDate start) {
        LocalDate end = volume.granularity() == Granularity.WEEK ? start.plusDays(6) : start;
        return ticketsLink(Map.of(), start.isBefore(period.from()) ? period.from() : start, end.isAfter(period.to()) ? period.to() : end);
    }

    /** The tickets of one agent created in the period. */
    public String ticketsOfAgent(UUID agentId) {
        return ticketsLink(Map.of("assignee", agentId.toString()), period.from(), period.to());
    }

    private String ticketsLink(Map<String, String> extra, LocalDate start, LocalDate end) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("view", isMine() ? "mine" : "all");
        put(params, "team", team);
        put(params, "channel", channel);
        put(params, "priority", priority);
        put(params, "category", category);
        if (!isMine()) {
            put(params, "assignee", agent);
        }
        params.putAll(extra);
        params.put("created_from", start.toString());
        params.put("created_to", end.toString());
        StringBuilder url = new StringBuilder("/agent/tickets");
        char separator = '?';
        for (Map.Entry<String, String> param : params.entrySet()) {
            url.append(separator).append(param.getKey()).append('=').append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return url.toString();
    }

    private static void put(Map<String, String> params, String key, String value) {
        if (value != null && !value.isBlank()) {
            params.put(key, value);
        }
    }

    /** A click on a bar of the volume chart opens the tickets created that day or week. */
    public void drillVolume(ItemSelectEvent event) throws IOException {
        List<TicketAnalytics.VolumePoint> points = volume.points();
        if (event.getItemIndex() >= 0 && event.getItemIndex() < points.size()) {
            redirect(ticketsCreated(points.get(event.getItemIndex()).start()));
        }
    }

    public void drillStatus(ItemSelectEvent event) throws IOException {
        drill("status", distribution.status(), event);
    }

    public void drillPriority(ItemSelectEvent event) throws IOException {
        drill("priority", distribution.priority(), event);
    }

    public void drillChannel(ItemSelectEvent event) throws IOException {
        drill("channel", distribution.channel(), event);
    }

    private void drill(String dimension, List<TicketAnalytics.Share> shares, ItemSelectEvent event) throws IOException {
        if (event.getItemIndex() >= 0 && event.getItemIndex() < shares.size()) {
            String link = ticketsOf(dimension, shares.get(event.getItemIndex()).key());
            if (link != null) {
                redirect(link);
            }
        }
    }

    private static void redirect(String link) throws IOException {
        FacesContext.getCurrentInstance().getExternalContext().redirect(link);
    }

    /** The CSV of the period's tickets under the same filter (the export servlet checks the reader again). */
    public String getExportLink() {
        return exportLinkFor("tickets", "csv");
    }

    /** A report ({@link org.relaydesk.core.report.ExportReport}'s name) as a file of the format (csv or xlsx), under the same filter. */
    public String exportLinkFor(String report, String format) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("report", report);
        params.put("format", format);
        params.put("from", period.from().toString());
        params.put("to", period.to().toString());
        put(params, "team", team);
        put(params, "channel", channel);
        put(params, "priority", priority);
        put(params, "category", category);
        if (!isMine()) {
            put(params, "agent", agent);
        }
        StringBuilder url = new StringBuilder("/agent/reports/export");
        char separator = '?';
        for (Map.Entry<String, String> param : params.entrySet()) {
            url.append(separator).append(param.getKey()).append('=').append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return url.toString();
    }

    // ---------------------------------------------------------------- peak hours

    public List<String> getWeekdays() {
        return Arrays.stream(DayOfWeek.values()).map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH)).toList();
    }

    public List<Integer> getHours() {
        List<Integer> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            hours.add(h);
        }
        return hours;
    }

    public long arrivals(int weekday, int hour) {
        return peakHours.arrivals()[weekday][hour];
    }

    /** 0 to 5: how dark the cell is, against the busiest hour of the week. */
    public int heat(int weekday, int hour) {
        long max = 0;
        for (long[] day : peakHours.arrivals()) {
            for (long count : day) {
                max = Math.max(max, count);
            }
        }
        long count = peakHours.arrivals()[weekday][hour];
        return max == 0 || count == 0 ? 0 : (int) Math.max(1, Math.round(5.0 * count / max));
    }

    // ---------------------------------------------------------------- filter choices

    public List<Team> getTeamChoices() {
        return teams.teams();
    }

    public List<User> getAgentChoices() {
        return users.list().stream().filter(u -> u.role().atLeast(Role.AGENT)).toList();
    }

    public List<Category> getCategoryChoices() {
        return categories.list();
    }

    public List<String> getPriorityChoices() {
        return Arrays.stream(TicketPriority.values()).map(TicketPriority::apiName).toList();
    }

    public String getPeriodLabel() {
        return period == null ? "" : period.from() + " to " + period.to() + " (" + period.zone().getId() + ")";
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getTeam() {
        return team;
    }

    public void setTeam(String team) {
        this.team = team;
    }

    public String getAgent() {
        return agent;
    }

    public void setAgent(String agent) {
        this.agent = agent;
    }

    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    public String getPriority() {
        return priority;
    }

    public void setPriority(String priority) {
        this.priority = priority;
    }

    public String getCategory() {
        return category;
    }

    public void setCategory(String category) {
        this.category = category;
    }

    public String getGranularity() {
        return granularity;
    }

    public void setGranularity(String granularity) {
        this.granularity = granularity;
    }
}
