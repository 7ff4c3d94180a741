package org.relaydesk.core.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The workspace's ticket figures for a period, on a connection the caller gives: what came in,
 * what was solved and how fast, SLA compliance, satisfaction, per agent, per day or week, per hour of
 * the week. Days and hours are the workspace's ({@link ReportPeriod#zone()}); every statement names
 * the workspace. Merged tickets (closed into another) count nowhere: their conversation lives on in
 * the ticket they joined.
 *
 * <p>"Created" means created in the period; "solved", resolved in the period and still resolved or
 * closed (a ticket reopened since counts when it is solved again); first response and resolution
 * times are from creation, in seconds of the clock (not business hours). SLA targets are met when
 * the first response or the resolution came by its due time, which the SLA engine has already moved
 * on for time spent waiting on the customer; an unanswered ticket past its due time is breached.
 */
public final class TicketAnalytics {
    private static final String ACTIVE = "('NEW', 'OPEN', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'WAITING_ON_THIRD_PARTY')";

    private final Connection connection;
    private final UUID workspaceId;
    private final Clock clock;
    private final Beside beside;

    /** All statements on {@code connection}, one after another. */
    public TicketAnalytics(Connection connection, UUID workspaceId, Clock clock) {
        this(connection, workspaceId, clock, null);
    }

    /**
     * A report's independent statements (the tickets created in the period, those solved in it)
     * may run at the same time, the second on a connection of its own that {@code beside} provides:
     * each reads a period's rows, and on a multi-core server the report then takes as long as the
     * longer one, not the two together. The two see the database a moment apart, as two reports
     * would. {@code beside} null: everything on {@code connection}.
     */
    public TicketAnalytics(Connection connection, UUID workspaceId, Clock clock, Beside beside) {
        this.connection = connection;
        this.workspaceId = workspaceId;
        this.clock = clock;
        this.beside = beside;
    }

    /** Statements run on another connection of the same workspace's figures. */
    @FunctionalInterface
    public interface SideRead<T> {
        T read(TicketAnalytics other) throws SQLException;
    }

    /** Runs a {@link SideRead} on a connection of its own, at once, while the caller goes on; null when there is no room for it now. */
    @FunctionalInterface
    public interface Beside {
        <T> java.util.concurrent.CompletableFuture<T> start(SideRead<T> read);
    }

    /** A read started beside this one (or done now, on this connection, when there is no second one). */
    private <T> Pending<T> besides(SideRead<T> read) throws SQLException {
        java.util.concurrent.CompletableFuture<T> started = beside == null ? null : beside.start(read);
        if (started == null) {
            T value = read.read(this);
            return () -> value;
        }
        return () -> {
            try {
                return started.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof SQLException sql) {
                    throw sql;
                }
                throw e;
            }
        };
    }

    @FunctionalInterface
    private interface Pending<T> {
        T get() throws SQLException;
    }


    /** How long something took: how many, the median and the 90th percentile in seconds (null when none). */
    public record Durations(long count, Double medianSeconds, Double ninetiethPercentileSeconds) {
    }

    /** Targets met and breached; compliance is the met share of all judged, in percent with one decimal (null when none). */
    public record SlaFigures(long firstResponseMet, long firstResponseBreached, long resolutionMet, long resolutionBreached) {
        public Double compliancePercent() {
            return Reports.percent(firstResponseMet + resolutionMet, firstResponseMet + firstResponseBreached + resolutionMet + resolutionBreached);
        }
    }

    /** Ratings given: how many, how many 4 or 5, and that share in percent (the CSAT score). */
    public record CsatFigures(long responses, long satisfied, Double score) {
        static CsatFigures of(long responses, long satisfied) {
            return new CsatFigures(responses, satisfied, Reports.percent(satisfied, responses));
        }
    }

    public record Overview(ReportPeriod period, long created, long solved, long reopened, long openNow, Durations firstResponse,
            Durations resolution, SlaFigures sla, CsatFigures csat) {
        /** What the period added to the pile of work: created less solved. */
        public long backlogChange() {
            return created - solved;
        }
    }

    /** One day or week: created (and by channel), solved. */
    public record VolumePoint(LocalDate start, long created, long solved, Map<String, Long> createdByChannel) {
    }

    public record Volume(ReportPeriod period, Granularity granularity, List<VolumePoint> points) {
    }

    /** One slice of a distribution: its key (an id or an API name; null for "none"), a label, how many. */
    public record Share(String key, String label, long count) {
    }

    public record Distribution(ReportPeriod period, long total, List<Share> status, List<Share> priority, List<Share> category, List<Share> channel,
            List<Share> team) {
    }

    /** Arrivals per weekday (Monday first) and hour of the day, in the workspace's time zone. */
    public record PeakHours(ReportPeriod period, long[][] arrivals) {
    }

    public record AgentFigures(UUID agentId, String name, long assigned, long solved, Durations firstResponse, Durations resolution, long reopened,
            CsatFigures csat) {
        /** Reopened per solved in the period, percent with one decimal (null when none solved). */
        public Double reopenRate() {
            return Reports.percent(reopened, solved);
        }
    }

    public record CsatPoint(LocalDate start, long responses, long satisfied, Double score) {
    }

    public record CsatComment(long ticketNumber, int rating, String comment, OffsetDateTime at) {
    }

    public record CsatDetail(ReportPeriod period, CsatFigures total, long[] perScore, Granularity granularity, List<CsatPoint> trend,
            List<CsatComment> comments) {
    }

    // ---------------------------------------------------------------- overview

    public Overview overview(ReportPeriod period, ReportFilter filter) throws SQLException {
        Pending<Solved> solvedLater = besides(other -> other.solved(period, filter));
        long created;
        Durations firstResponse;
        long frMet;
        long frBreached;
        SqlBuilder sql = new SqlBuilder().add("SELECT count(*), count(t.first_response_at), ")
                .add(percentiles("t.first_response_at - t.created_at", "t.first_response_at IS NOT NULL"))
                .add(", count(*) FILTER (WHERE t.sla_first_response_due_at IS NOT NULL AND t.first_response_at <= t.sla_first_response_due_at)")
                .add(", count(*) FILTER (WHERE t.sla_first_response_due_at IS NOT NULL AND (t.first_response_at > t.sla_first_response_due_at")
                .add(" OR t.first_response_at IS NULL AND t.sla_first_response_due_at < ").param(clock.instant()).add("))");
        createdIn(sql, period, filter);
        try (PreparedStatement statement = sql.prepare(connection); ResultSet row = one(statement)) {
            created = row.getLong(1);
            firstResponse = new Durations(row.getLong(2), (Double) row.getObject(3), (Double) row.getObject(4));
            frMet = row.getLong(5);
            frBreached = row.getLong(6);
        }
        sql = new SqlBuilder().add("SELECT count(*) FROM tickets t WHERE t.workspace_id = ").param(workspaceId)
                .add(" AND t.status IN " + ACTIVE + " AND t.merged_into_id IS NULL");
        filter.appendTo(sql);
        long openNow = count(sql);
        sql = new SqlBuilder().add("SELECT count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE e.workspace_id = ")
                .param(workspaceId).add(" AND e.action = 'reopened' AND e.created_at >= ").param(period.start()).add(" AND e.created_at < ")
                .param(period.end()).add(" AND t.workspace_id = ").param(workspaceId).add(" AND t.merged_into_id IS NULL");
        filter.appendTo(sql);
        long reopened = count(sql);
        CsatFigures csat = csatTotal(period, filter);
        Solved solved = solvedLater.get();
        return new Overview(period, created, solved.count(), reopened, openNow, firstResponse, solved.resolution(),
                new SlaFigures(frMet, frBreached, solved.met(), solved.breached()), csat);
    }

    /** The tickets solved in the period: how many, how fast, resolution targets met and breached. */
    private record Solved(long count, Durations resolution, long met, long breached) {
    }

    private Solved solved(ReportPeriod period, ReportFilter filter) throws SQLException {
        SqlBuilder sql = new SqlBuilder().add("SELECT count(*), ").add(percentiles("t.resolved_at - t.created_at", "TRUE"))
                .add(", count(*) FILTER (WHERE t.sla_resolution_due_at IS NOT NULL AND t.resolved_at <= t.sla_resolution_due_at)")
                .add(", count(*) FILTER (WHERE t.sla_resolution_due_at IS NOT NULL AND t.resolved_at > t.sla_resolution_due_at)");
        solvedIn(sql, period, filter);
        try (PreparedStatement statement = sql.prepare(connection); ResultSet row = one(statement)) {
            long solved = row.getLong(1);
            return new Solved(solved, new Durations(solved, (Double) row.getObject(2), (Double) row.getObject(3)), row.getLong(4), row.getLong(5));
        }
    }

    // ---------------------------------------------------------------- SLA in detail

    /** One target of a policy over the period's tickets: met, breached, still running (of which at risk). */
    public record SlaTarget(String target, long met, long breached, long pending, long atRisk) {
        public Double compliancePercent() {
            return Reports.percent(met, met + breached);
        }
    }

    /** A policy's targets; {@code policyId} null for tickets whose policy was deleted. */
    public record SlaPolicyFigures(UUID policyId, String name, long tickets, List<SlaTarget> targets) {
    }

    /** Per policy and target; the breaches raised in the period by target (first response, next response, resolution) and by priority. */
    public record SlaDetail(ReportPeriod period, List<SlaPolicyFigures> policies, List<Share> breachesByTarget, List<Share> breachesByPriority) {
    }

    public SlaDetail slaDetail(ReportPeriod period, ReportFilter filter) throws SQLException {
        Instant now = clock.instant();
        SqlBuilder sql = new SqlBuilder().add("SELECT CAST(t.sla_policy_id AS text), min(p.name), count(*)");
        target(sql, "t.first_response_at", "t.sla_first_response_due_at", now);
        target(sql, "t.resolved_at", "t.sla_resolution_due_at", now);
        createdIn(sql, period, filter, " LEFT JOIN sla_policies p ON p.id = t.sla_policy_id AND p.workspace_id = t.workspace_id");
        sql.add(" AND t.sla_policy_id IS NOT NULL GROUP BY t.sla_policy_id ORDER BY min(p.name)");
        List<SlaPolicyFigures> policies = new ArrayList<>();
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String id = rows.getString(1);
                List<SlaTarget> targets = List.of(
                        new SlaTarget("first_response", rows.getLong(4), rows.getLong(5), rows.getLong(6), rows.getLong(7)),
                        new SlaTarget("resolution", rows.getLong(8), rows.getLong(9), rows.getLong(10), rows.getLong(11)));
                policies.add(new SlaPolicyFigures(id == null ? null : UUID.fromString(id), rows.getString(2) == null ? "(deleted policy)" : rows.getString(2),
                        rows.getLong(3), targets));
            }
        }
        return new SlaDetail(period, policies, breaches(period, filter, "e.after_value"), breaches(period, filter, "t.priority"));
    }

    /** met, breached, pending and at risk of one target: {@code done} is when it was done, {@code due} when it was due. */
    private static void target(SqlBuilder sql, String done, String due, Instant now) {
        sql.add(", count(*) FILTER (WHERE " + due + " IS NOT NULL AND " + done + " <= " + due + ")")
                .add(", count(*) FILTER (WHERE " + due + " IS NOT NULL AND (" + done + " > " + due + " OR " + done + " IS NULL AND " + due + " < ")
                .param(now).add("))")
                .add(", count(*) FILTER (WHERE " + due + " IS NOT NULL AND " + done + " IS NULL AND " + due + " >= ").param(now).add(")")
                // the watcher marks a ticket at risk by its earliest running target
                .add(", count(*) FILTER (WHERE " + due + " IS NOT NULL AND " + done + " IS NULL AND " + due + " >= ").param(now)
                .add(" AND t.sla_state = 'at_risk' AND t.sla_due_at = " + due + ")");
    }

    /** The breaches the SLA watcher raised in the period (timeline events), grouped by {@code key}. */
    private List<Share> breaches(ReportPeriod period, ReportFilter filter, String key) throws SQLException {
        SqlBuilder sql = new SqlBuilder().add("SELECT " + key + ", count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE e.workspace_id = ")
                .param(workspaceId).add(" AND e.action = 'sla_breached' AND e.created_at >= ").param(period.start()).add(" AND e.created_at < ")
                .param(period.end()).add(" AND t.workspace_id = ").param(workspaceId).add(" AND t.merged_into_id IS NULL");
        filter.appendTo(sql);
        sql.add(" GROUP BY 1 ORDER BY 2 DESC, 1");
        List<Share> shares = new ArrayList<>();
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String value = rows.getString(1);
                String label = value == null ? "(unknown)" : key.equals("t.priority")
                        ? org.relaydesk.api.ticket.TicketPriority.valueOf(value).label() : value.replace('_', ' ');
                shares.add(new Share(value == null ? null : value.toLowerCase(java.util.Locale.ROOT), label, rows.getLong(2)));
            }
        }
        return shares;
    }

    // ---------------------------------------------------------------- WhatsApp

    /** One WhatsApp number's traffic in the period. */
    public record MessagingAccount(UUID accountId, String name, long inbound, long outbound, long templates, long failed, long windowClosed) {
    }

    /**
     * The workspace's WhatsApp traffic in the period: customers' messages in; replies out (queued
     * for a number: sent, failed for good, of which refused because the 24-hour window had closed,
     * still being tried) and of them template messages; and the receipts the numbers reported
     * (delivered, read, failed), each message counted by its latest receipt.
     */
    public record Messaging(ReportPeriod period, long inbound, long outbound, long sent, long failed, long windowClosed, long pending, long templates,
            long delivered, long read, long receiptFailures, List<MessagingAccount> accounts) {
    }

    public Messaging whatsApp(ReportPeriod period) throws SQLException {
        return whatsApp(period, ReportFilter.none());
    }

    /**
     * The same, as far as {@code seen} lets its reader see: a supervisor restricted to their teams
     * counts only the messages, replies and receipts of the tickets they may open (only the
     * filter's restriction applies; the traffic is not a ticket report).
     */
    public Messaging whatsApp(ReportPeriod period, ReportFilter seen) throws SQLException {
        boolean restricted = seen.visibleTo() != null;
        Map<UUID, long[]> perAccount = new LinkedHashMap<>();
        Map<UUID, String> names = new LinkedHashMap<>();
        SqlBuilder sql = new SqlBuilder().add("SELECT CAST(a.id AS text), a.name FROM channel_accounts a WHERE a.workspace_id = ").param(workspaceId)
                .add(" AND a.kind = 'whatsapp' ORDER BY a.name");
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                UUID id = UUID.fromString(rows.getString(1));
                names.put(id, rows.getString(2));
                perAccount.put(id, new long[5]);
            }
        }
        // customers' messages, and template messages staff sent, by number
        sql = new SqlBuilder().add("SELECT CAST(m.source_account_id AS text), count(*) FILTER (WHERE m.author_type = 'CUSTOMER'), ")
                .add("count(*) FILTER (WHERE m.template_name IS NOT NULL AND m.author_type <> 'CUSTOMER') FROM messages m ")
                .add("JOIN channel_accounts a ON a.id = m.source_account_id AND a.kind = 'whatsapp' AND a.workspace_id = ").param(workspaceId)
                .add(restricted ? " JOIN tickets t ON t.id = m.ticket_id" : "")
                .add(" WHERE m.workspace_id = ").param(workspaceId).add(" AND m.created_at >= ").param(period.start()).add(" AND m.created_at < ")
                .param(period.end());
        seen.appendVisibility(sql);
        sql.add(" GROUP BY 1");
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                long[] counts = perAccount.get(UUID.fromString(rows.getString(1)));
                if (counts != null) {
                    counts[0] = rows.getLong(2);
                    counts[2] = rows.getLong(3);
                }
            }
        }
        // replies queued for a number, as they ended (or not yet)
        long sent = 0;
        long pending = 0;
        sql = new SqlBuilder().add("SELECT o.payload->>'account_id', count(*), count(*) FILTER (WHERE o.status = 'sent'), ")
                .add("count(*) FILTER (WHERE o.status = 'dead'), count(*) FILTER (WHERE o.status = 'dead' AND o.last_error LIKE 'the conversation window closed%'), ")
                .add("count(*) FILTER (WHERE o.status = 'pending') FROM outbox o ")
                .add("JOIN channel_accounts a ON CAST(a.id AS text) = o.payload->>'account_id' AND a.kind = 'whatsapp' AND a.workspace_id = ").param(workspaceId)
                .add(restricted ? " JOIN tickets t ON t.id = CAST(o.payload->>'ticket_id' AS uuid)" : "")
                .add(" WHERE o.workspace_id = ").param(workspaceId).add(" AND o.kind = 'channel.reply' AND o.created_at >= ").param(period.start())
                .add(" AND o.created_at < ").param(period.end());
        seen.appendVisibility(sql);
        sql.add(" GROUP BY 1");
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                long[] counts = perAccount.get(UUID.fromString(rows.getString(1)));
                if (counts != null) {
                    counts[1] = rows.getLong(2);
                    counts[3] = rows.getLong(4);
                    counts[4] = rows.getLong(5);
                }
                sent += rows.getLong(3);
                pending += rows.getLong(6);
            }
        }
        long delivered = 0;
        long read = 0;
        long receiptFailures = 0;
        sql = new SqlBuilder().add("SELECT r.status, count(*) FROM message_receipts r JOIN channel_accounts a ON a.id = r.account_id AND a.kind = 'whatsapp' ")
                .add("AND a.workspace_id = ").param(workspaceId)
                // every part a reply was sent as names its ticket (message_references)
                .add(restricted ? " JOIN message_references ref ON ref.workspace_id = r.workspace_id AND ref.external_id = r.external_id "
                        + "JOIN tickets t ON t.id = ref.ticket_id" : "")
                .add(" WHERE r.workspace_id = ").param(workspaceId).add(" AND r.received_at >= ")
                .param(period.start()).add(" AND r.received_at < ").param(period.end());
        seen.appendVisibility(sql);
        sql.add(" GROUP BY 1");
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                switch (rows.getString(1)) {
                    case "delivered" -> delivered = rows.getLong(2);
                    case "read" -> read = rows.getLong(2);
                    case "failed" -> receiptFailures = rows.getLong(2);
                    default -> {
                        // "sent": accepted by the provider, nothing more yet
                    }
                }
            }
        }
        List<MessagingAccount> accounts = new ArrayList<>();
        long inbound = 0;
        long outbound = 0;
        long templates = 0;
        long failed = 0;
        long windowClosed = 0;
        for (Map.Entry<UUID, long[]> entry : perAccount.entrySet()) {
            long[] c = entry.getValue();
            accounts.add(new MessagingAccount(entry.getKey(), names.get(entry.getKey()), c[0], c[1], c[2], c[3], c[4]));
            inbound += c[0];
            outbound += c[1];
            templates += c[2];
            failed += c[3];
            windowClosed += c[4];
        }
        return new Messaging(period, inbound, outbound, sent, failed, windowClosed, pending, templates, delivered, read, receiptFailures, accounts);
    }

    // ---------------------------------------------------------------- volume

    public Volume volume(ReportPeriod period, ReportFilter filter, Granularity granularity) throws SQLException {
        Map<LocalDate, long[]> counts = new TreeMap<>();
        Map<LocalDate, Map<String, Long>> byChannel = new HashMap<>();
        for (LocalDate bucket : granularity.buckets(period)) {
            counts.put(bucket, new long[2]);
            byChannel.put(bucket, new TreeMap<>());
        }
        Pending<Map<LocalDate, Long>> solvedLater = besides(other -> other.solvedPerBucket(period, filter, granularity));
        SqlBuilder sql = new SqlBuilder().add("SELECT date_trunc(").param(granularity.truncation()).add(", t.created_at AT TIME ZONE ")
                .param(period.zone().getId()).add(")::date, t.source_channel, count(*)");
        createdIn(sql, period, filter);
        sql.add(" GROUP BY 1, 2");
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                LocalDate bucket = rows.getObject(1, LocalDate.class);
                long n = rows.getLong(3);
                counts.computeIfAbsent(bucket, b -> new long[2])[0] += n;
                byChannel.computeIfAbsent(bucket, b -> new TreeMap<>()).merge(rows.getString(2), n, Long::sum);
            }
        }
        solvedLater.get().forEach((bucket, n) -> counts.computeIfAbsent(bucket, b -> new long[2])[1] += n);
        List<VolumePoint> points = new ArrayList<>();
        counts.forEach((bucket, n) -> points.add(new VolumePoint(bucket, n[0], n[1], byChannel.getOrDefault(bucket, Map.of()))));
        return new Volume(period, granularity, points);
    }

    private Map<LocalDate, Long> solvedPerBucket(ReportPeriod period, ReportFilter filter, Granularity granularity) throws SQLException {
        Map<LocalDate, Long> solved = new HashMap<>();
        SqlBuilder sql = new SqlBuilder().add("SELECT date_trunc(").param(granularity.truncation()).add(", t.resolved_at AT TIME ZONE ")
                .param(period.zone().getId()).add(")::date, count(*)");
        solvedIn(sql, period, filter);
        sql.add(" GROUP BY 1");
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                solved.merge(rows.getObject(1, LocalDate.class), rows.getLong(2), Long::sum);
            }
        }
        return solved;
    }

    // ---------------------------------------------------------------- distribution

    public Distribution distribution(ReportPeriod period, ReportFilter filter) throws SQLException {
        Map<String, List<Share>> shares = new LinkedHashMap<>();
        for (String dimension : List.of("status", "priority", "category", "channel", "team")) {
            shares.put(dimension, new ArrayList<>());
        }
        // one pass over the period's tickets: a grouping set per dimension
        SqlBuilder sql = new SqlBuilder().add("SELECT grouping(t.status), grouping(t.priority), grouping(t.category_id), grouping(t.source_channel), ")
                .add("t.status, t.priority, CAST(t.category_id AS text), t.source_channel, CAST(t.team_id AS text), count(*)");
        createdIn(sql, period, filter);
        sql.add(" GROUP BY GROUPING SETS ((t.status), (t.priority), (t.category_id), (t.source_channel), (t.team_id))");
        long total = 0;
        List<String[]> categories = new ArrayList<>();
        List<String[]> teams = new ArrayList<>();
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                long n = rows.getLong(10);
                if (rows.getInt(1) == 0) {
                    String status = rows.getString(5);
                    shares.get("status").add(new Share(status.toLowerCase(java.util.Locale.ROOT), org.relaydesk.api.ticket.TicketStatus.valueOf(status).label(), n));
                    total += n;
                } else if (rows.getInt(2) == 0) {
                    String priority = rows.getString(6);
                    shares.get("priority").add(new Share(priority.toLowerCase(java.util.Locale.ROOT),
                            org.relaydesk.api.ticket.TicketPriority.valueOf(priority).label(), n));
                } else if (rows.getInt(3) == 0) {
                    categories.add(new String[] {rows.getString(7), Long.toString(n)});
                } else if (rows.getInt(4) == 0) {
                    shares.get("channel").add(new Share(rows.getString(8), rows.getString(8), n));
                } else {
                    teams.add(new String[] {rows.getString(9), Long.toString(n)});
                }
            }
        }
        shares.get("category").addAll(named(categories, "ticket_categories", "No category"));
        shares.get("team").addAll(named(teams, "teams", "No team"));
        for (List<Share> list : shares.values()) {
            list.sort((a, b) -> Long.compare(b.count(), a.count()));
        }
        return new Distribution(period, total, shares.get("status"), shares.get("priority"), shares.get("category"), shares.get("channel"),
                shares.get("team"));
    }

    /** Ids with counts as shares labelled with the names in {@code table} (of this workspace). */
    private List<Share> named(List<String[]> idsAndCounts, String table, String none) throws SQLException {
        Map<String, String> names = new HashMap<>();
        SqlBuilder sql = new SqlBuilder().add("SELECT CAST(id AS text), name FROM " + table + " WHERE workspace_id = ").param(workspaceId);
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                names.put(rows.getString(1), rows.getString(2));
            }
        }
        List<Share> shares = new ArrayList<>();
        for (String[] idAndCount : idsAndCounts) {
            String label = idAndCount[0] == null ? none : names.getOrDefault(idAndCount[0], "(deleted)");
            shares.add(new Share(idAndCount[0], label, Long.parseLong(idAndCount[1])));
        }
        return shares;
    }

    // ---------------------------------------------------------------- peak hours

    public PeakHours peakHours(ReportPeriod period, ReportFilter filter) throws SQLException {
        long[][] arrivals = new long[7][24];
        SqlBuilder sql = new SqlBuilder().add("SELECT CAST(extract(isodow FROM t.created_at AT TIME ZONE ").param(period.zone().getId())
                .add(") AS int), CAST(extract(hour FROM t.created_at AT TIME ZONE ").param(period.zone().getId()).add(") AS int), count(*)");
        createdIn(sql, period, filter);
        sql.add(" GROUP BY 1, 2");
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                arrivals[rows.getInt(1) - 1][rows.getInt(2)] = rows.getLong(3);
            }
        }
        return new PeakHours(period, arrivals);
    }

    // ---------------------------------------------------------------- agents

    /** Every active member of staff (and anyone else with figures in the period), the most solved first. */
    public List<AgentFigures> agents(ReportPeriod period, ReportFilter filter) throws SQLException {
        Pending<Map<UUID, Durations>> solvedLater = besides(other -> other.solvedPerAgent(period, filter));
        Map<UUID, AgentFigures> figures = new LinkedHashMap<>();
        // every member of staff at once: the active ones are listed, the others only with figures (one query, not one per name)
        Map<UUID, String> names = new HashMap<>();
        SqlBuilder sql = new SqlBuilder().add("SELECT id, name, active FROM users WHERE workspace_id = ").param(workspaceId);
        if (filter.agentId() != null) {
            sql.add(" AND id = ").param(filter.agentId());
        }
        sql.add(" ORDER BY name");
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                UUID id = rows.getObject(1, UUID.class);
                names.put(id, rows.getString(2));
                if (rows.getBoolean(3)) {
                    figures.put(id, empty(id, rows.getString(2)));
                }
            }
        }
        sql = new SqlBuilder().add("SELECT t.assignee_id, count(*), count(t.first_response_at), ")
                .add(percentiles("t.first_response_at - t.created_at", "t.first_response_at IS NOT NULL"));
        createdIn(sql, period, filter);
        sql.add(" AND t.assignee_id IS NOT NULL GROUP BY t.assignee_id");
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                AgentFigures a = agent(figures, names, rows.getObject(1, UUID.class));
                figures.put(a.agentId(), new AgentFigures(a.agentId(), a.name(), rows.getLong(2), a.solved(),
                        new Durations(rows.getLong(3), (Double) rows.getObject(4), (Double) rows.getObject(5)), a.resolution(), a.reopened(), a.csat()));
            }
        }
        for (Map.Entry<UUID, Durations> solved : solvedLater.get().entrySet()) {
            AgentFigures a = agent(figures, names, solved.getKey());
            figures.put(a.agentId(), new AgentFigures(a.agentId(), a.name(), a.assigned(), solved.getValue().count(), a.firstResponse(),
                    solved.getValue(), a.reopened(), a.csat()));
        }
        sql = new SqlBuilder().add("SELECT t.assignee_id, count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE e.workspace_id = ")
                .param(workspaceId).add(" AND e.action = 'reopened' AND e.created_at >= ").param(period.start()).add(" AND e.created_at < ")
                .param(period.end()).add(" AND t.workspace_id = ").param(workspaceId).add(" AND t.merged_into_id IS NULL AND t.assignee_id IS NOT NULL");
        filter.appendTo(sql);
        sql.add(" GROUP BY t.assignee_id");
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                AgentFigures a = agent(figures, names, rows.getObject(1, UUID.class));
                figures.put(a.agentId(), new AgentFigures(a.agentId(), a.name(), a.assigned(), a.solved(), a.firstResponse(), a.resolution(),
                        rows.getLong(2), a.csat()));
            }
        }
        sql = new SqlBuilder().add("SELECT t.assignee_id, count(*), count(*) FILTER (WHERE r.rating >= 4)");
        ratedIn(sql, period, filter);
        sql.add(" AND t.assignee_id IS NOT NULL GROUP BY t.assignee_id");
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                AgentFigures a = agent(figures, names, rows.getObject(1, UUID.class));
                figures.put(a.agentId(), new AgentFigures(a.agentId(), a.name(), a.assigned(), a.solved(), a.firstResponse(), a.resolution(),
                        a.reopened(), CsatFigures.of(rows.getLong(2), rows.getLong(3))));
            }
        }
        List<AgentFigures> list = new ArrayList<>(figures.values());
        list.sort((a, b) -> a.solved() != b.solved() ? Long.compare(b.solved(), a.solved()) : a.name().compareToIgnoreCase(b.name()));
        return list;
    }

    /** Per assignee: the tickets solved in the period and how fast (the count is the durations'). */
    private Map<UUID, Durations> solvedPerAgent(ReportPeriod period, ReportFilter filter) throws SQLException {
        Map<UUID, Durations> solved = new LinkedHashMap<>();
        SqlBuilder sql = new SqlBuilder().add("SELECT t.assignee_id, count(*), ").add(percentiles("t.resolved_at - t.created_at", "TRUE"));
        solvedIn(sql, period, filter);
        sql.add(" AND t.assignee_id IS NOT NULL GROUP BY t.assignee_id");
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                solved.put(rows.getObject(1, UUID.class), new Durations(rows.getLong(2), (Double) rows.getObject(3), (Double) rows.getObject(4)));
            }
        }
        return solved;
    }

    private static AgentFigures empty(UUID id, String name) {
        Durations none = new Durations(0, null, null);
        return new AgentFigures(id, name, 0, 0, none, none, 0, CsatFigures.of(0, 0));
    }

    /** The agent's figures so far; one no longer active (or deleted) is added under its stored name. */
    private static AgentFigures agent(Map<UUID, AgentFigures> figures, Map<UUID, String> names, UUID id) {
        AgentFigures known = figures.get(id);
        return known != null ? known : empty(id, names.getOrDefault(id, "(deleted user)"));
    }

    // ---------------------------------------------------------------- CSAT

    public CsatDetail csat(ReportPeriod period, ReportFilter filter, Granularity granularity, int comments) throws SQLException {
        long[] perScore = new long[5];
        SqlBuilder sql = new SqlBuilder().add("SELECT r.rating, count(*)");
        ratedIn(sql, period, filter);
        sql.add(" GROUP BY r.rating");
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                perScore[rows.getInt(1) - 1] = rows.getLong(2);
            }
        }
        long responses = java.util.Arrays.stream(perScore).sum();
        Map<LocalDate, long[]> trend = new TreeMap<>();
        for (LocalDate bucket : granularity.buckets(period)) {
            trend.put(bucket, new long[2]);
        }
        sql = new SqlBuilder().add("SELECT date_trunc(").param(granularity.truncation()).add(", r.created_at AT TIME ZONE ")
                .param(period.zone().getId()).add(")::date, count(*), count(*) FILTER (WHERE r.rating >= 4)");
        ratedIn(sql, period, filter);
        sql.add(" GROUP BY 1");
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                long[] n = trend.computeIfAbsent(rows.getObject(1, LocalDate.class), b -> new long[2]);
                n[0] += rows.getLong(2);
                n[1] += rows.getLong(3);
            }
        }
        List<CsatPoint> points = new ArrayList<>();
        trend.forEach((bucket, n) -> points.add(new CsatPoint(bucket, n[0], n[1], Reports.percent(n[1], n[0]))));
        List<CsatComment> latest = new ArrayList<>();
        sql = new SqlBuilder().add("SELECT t.number, r.rating, r.feedback, r.created_at");
        ratedIn(sql, period, filter);
        sql.add(" AND r.feedback IS NOT NULL AND r.feedback <> '' ORDER BY r.created_at DESC, r.id LIMIT ").param(comments);
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                latest.add(new CsatComment(rows.getLong(1), rows.getInt(2), rows.getString(3), rows.getObject(4, OffsetDateTime.class)));
            }
        }
        long satisfied = perScore[3] + perScore[4];
        return new CsatDetail(period, CsatFigures.of(responses, satisfied), perScore, granularity, points, latest);
    }

    private CsatFigures csatTotal(ReportPeriod period, ReportFilter filter) throws SQLException {
        SqlBuilder sql = new SqlBuilder().add("SELECT count(*), count(*) FILTER (WHERE r.rating >= 4)");
        ratedIn(sql, period, filter);
        try (PreparedStatement statement = sql.prepare(connection); ResultSet row = one(statement)) {
            return CsatFigures.of(row.getLong(1), row.getLong(2));
        }
    }

    // ---------------------------------------------------------------- export

    /** The columns of the ticket export, in order. */
    public static final List<String> EXPORT_COLUMNS = List.of("number", "subject", "status", "priority", "channel", "category", "team", "assignee",
            "created_at", "first_response_at", "resolved_at", "first_response_seconds", "resolution_seconds", "sla_state");

    /**
     * The tickets created in the period, oldest first, one row each as they are read (a cursor of a
     * thousand rows at a time, so that a year of tickets never sits in memory). Times are local to
     * the workspace's zone, without offset, as spreadsheets read them; how many were written.
     */
    public long exportTickets(ReportPeriod period, ReportFilter filter, ReportRows out) throws SQLException {
        String zone = period.zone().getId();
        SqlBuilder sql = new SqlBuilder().add("SELECT t.number, t.subject, t.status, t.priority, t.source_channel, c.name, m.name, u.name, ")
                .add("to_char(t.created_at AT TIME ZONE ").param(zone).add(", 'YYYY-MM-DD\"T\"HH24:MI:SS'), ")
                .add("to_char(t.first_response_at AT TIME ZONE ").param(zone).add(", 'YYYY-MM-DD\"T\"HH24:MI:SS'), ")
                .add("to_char(t.resolved_at AT TIME ZONE ").param(zone).add(", 'YYYY-MM-DD\"T\"HH24:MI:SS'), ")
                .add("CAST(extract(epoch FROM t.first_response_at - t.created_at) AS bigint), CAST(extract(epoch FROM t.resolved_at - t.created_at) AS bigint), ")
                .add("t.sla_state");
        // the joins name their workspace too: an id of another workspace's row never lends its name
        createdIn(sql, period, filter, " LEFT JOIN ticket_categories c ON c.id = t.category_id AND c.workspace_id = t.workspace_id"
                + " LEFT JOIN teams m ON m.id = t.team_id AND m.workspace_id = t.workspace_id"
                + " LEFT JOIN users u ON u.id = t.assignee_id AND u.workspace_id = t.workspace_id");
        sql.add(" ORDER BY t.created_at, t.number");
        long rows = 0;
        try (PreparedStatement statement = sql.prepare(connection)) {
            statement.setFetchSize(1000);
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    out.row(java.util.Arrays.asList(r.getLong(1), r.getString(2), r.getString(3).toLowerCase(java.util.Locale.ROOT),
                            r.getString(4).toLowerCase(java.util.Locale.ROOT), r.getString(5), r.getString(6), r.getString(7), r.getString(8),
                            r.getString(9), r.getString(10), r.getString(11), r.getObject(12), r.getObject(13),
                            r.getString(14) == null ? null : r.getString(14).toLowerCase(java.util.Locale.ROOT)));
                    rows++;
                }
            }
        }
        return rows;
    }

    // ---------------------------------------------------------------- the shared parts

    /** FROM and WHERE for the tickets created in the period. */
    private void createdIn(SqlBuilder sql, ReportPeriod period, ReportFilter filter) {
        createdIn(sql, period, filter, "");
    }

    /** The same, with tables joined to the tickets. */
    private void createdIn(SqlBuilder sql, ReportPeriod period, ReportFilter filter, String joins) {
        sql.add(" FROM tickets t" + joins + " WHERE t.workspace_id = ").param(workspaceId).add(" AND t.created_at >= ").param(period.start())
                .add(" AND t.created_at < ").param(period.end()).add(" AND t.merged_into_id IS NULL");
        filter.appendTo(sql);
    }

    /** FROM and WHERE for the tickets solved in the period (resolved then, and not reopened since). */
    private void solvedIn(SqlBuilder sql, ReportPeriod period, ReportFilter filter) {
        sql.add(" FROM tickets t WHERE t.workspace_id = ").param(workspaceId).add(" AND t.resolved_at >= ").param(period.start())
                .add(" AND t.resolved_at < ").param(period.end()).add(" AND t.merged_into_id IS NULL");
        filter.appendTo(sql);
    }

    /** FROM and WHERE for the ratings given in the period on the filter's tickets. */
    private void ratedIn(SqlBuilder sql, ReportPeriod period, ReportFilter filter) {
        sql.add(" FROM satisfaction_ratings r JOIN tickets t ON t.id = r.ticket_id WHERE r.workspace_id = ").param(workspaceId)
                .add(" AND r.created_at >= ").param(period.start()).add(" AND r.created_at < ").param(period.end())
                .add(" AND t.workspace_id = ").param(workspaceId);
        filter.appendTo(sql);
    }

    /**
     * The median and 90th percentile in seconds of an interval, over the rows where {@code condition}
     * holds. The intervals are sorted as they are (the two share one sort) and only the two answers
     * turned into seconds: turning every row's interval into seconds first took three times as long.
     */
    private static String percentiles(String interval, String condition) {
        return seconds("percentile_cont(0.5) WITHIN GROUP (ORDER BY " + interval + ") FILTER (WHERE " + condition + ")") + ", "
                + seconds("percentile_cont(0.9) WITHIN GROUP (ORDER BY " + interval + ") FILTER (WHERE " + condition + ")");
    }

    private static String seconds(String interval) {
        return "CAST(extract(epoch FROM " + interval + ") AS double precision)";
    }

    private static ResultSet one(PreparedStatement statement) throws SQLException {
        ResultSet row = statement.executeQuery();
        row.next();
        return row;
    }

    private long count(SqlBuilder sql) throws SQLException {
        try (PreparedStatement statement = sql.prepare(connection); ResultSet row = one(statement)) {
            return row.getLong(1);
        }
    }
}
