package org.relaydesk.core.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.core.access.Access;
import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.outbox.OutboxEntry;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.team.Team;
import org.relaydesk.core.text.Jsonp;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketPatch;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.Availability;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.user.User;

/**
 * Predictive insights for supervisors (seed 002), each with the numbers behind it and its next
 * action as a button:
 * <ul>
 * <li>tickets likely to miss their SLA in the next hours, nobody (online) on them: assign to the
 * online agent with the fewest open tickets, or raise the priority;</li>
 * <li>teams whose arrivals outrun their solving over the last two weeks: tell the supervisors;</li>
 * <li>a day busier than the usual same weekday by this hour: tell the supervisors.</li>
 * </ul>
 * Everything is computed from the tickets as they are now (no model to train); a button's action is
 * checked again when pressed (the ticket may have moved on) and recorded with who pressed it.
 * In a workspace restricted to teams a supervisor's insights speak only of the tickets and teams
 * they may see (TicketVisibility's rule), so no insight names a ticket they could not open.
 */
@ApplicationScoped
public class Insights {
    static final Duration BREACH_HORIZON = Duration.ofHours(4);
    static final int MAX_BREACHES = 10;
    static final int BACKLOG_DAYS = 14;
    static final double BACKLOG_RATIO = 1.2;
    static final int ANOMALY_WEEKS = 4;
    static final double ANOMALY_RATIO = 2.0;
    static final int ANOMALY_MIN = 10;
    static final String NOTICE_KIND = "email.insight_notice";
    private static final String ACTIVE = "('NEW', 'OPEN', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'WAITING_ON_THIRD_PARTY')";

    @Inject
    Tenancy tenancy;

    @Inject
    Workload workload;

    @Inject
    TicketService tickets;

    @Inject
    Access access;

    @Inject
    AnalyticsService analytics;

    @Inject
    org.relaydesk.core.ticket.TicketVisibility visibility;

    Clock clock = Clock.systemUTC();

    /** What was done from a button, newest first. */
    public record Done(String insight, String label, String userName, Instant at) {
    }

    @Transactional
    @RequiresRole(Role.SUPERVISOR)
    public List<Insight> current() {
        Instant now = clock.instant();
        ZoneId zone = analytics.workspaceZone();
        List<Insight> insights = new ArrayList<>();
        insights.addAll(likelyBreaches(now));
        insights.addAll(backlogRisks(now));
        volumeAnomaly(now, zone).ifPresent(insights::add);
        return insights;
    }

    @Transactional
    @RequiresRole(Role.SUPERVISOR)
    public List<Done> recentlyDone(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = tenancy.sql("SELECT insight, label, user_name, created_at FROM insight_actions WHERE workspace_id = CAST(?1 AS uuid) "
                + "ORDER BY created_at DESC LIMIT " + Math.max(1, Math.min(limit, 100))).setParameter(1, tenancy.workspaceId().toString()).getResultList();
        return rows.stream().map(r -> new Done(r[0].toString(), r[1].toString(), r[2].toString(), instant(r[3]))).toList();
    }

    // ---------------------------------------------------------------- likely breaches

    private List<Insight> likelyBreaches(Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = forReader(tenancy.sql("SELECT CAST(t.id AS text), t.number, t.subject, t.sla_due_at, t.priority, CAST(t.assignee_id AS text), "
                        + "CAST(t.team_id AS text), u.availability FROM tickets t LEFT JOIN users u ON u.id = t.assignee_id "
                        + "WHERE t.workspace_id = CAST(?1 AS uuid) AND t.status IN " + ACTIVE + " AND t.merged_into_id IS NULL "
                        + "AND t.sla_due_at >= ?2 AND t.sla_due_at < ?3 AND (t.assignee_id IS NULL OR u.availability <> 'ONLINE') " + visibleTickets(4)
                        + "ORDER BY t.sla_due_at LIMIT " + MAX_BREACHES)
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, java.sql.Timestamp.from(now))
                .setParameter(3, java.sql.Timestamp.from(now.plus(BREACH_HORIZON))), 4).getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Workload.AgentLoad> loads = workload.perAgent();
        java.util.Map<UUID, java.util.Set<UUID>> membersOfTeam = new java.util.HashMap<>(); // one look-up per team, not per ticket
        List<Insight> insights = new ArrayList<>();
        for (Object[] row : rows) {
            UUID id = UUID.fromString(row[0].toString());
            long number = ((Number) row[1]).longValue();
            Instant due = instant(row[3]);
            TicketPriority priority = TicketPriority.valueOf(row[4].toString());
            UUID team = row[6] == null ? null : UUID.fromString(row[6].toString());
            String who = row[5] == null ? "nobody has it" : "its agent is " + availability(row[7]).toLowerCase(Locale.ROOT);
            List<Insight.Action> actions = new ArrayList<>();
            java.util.Set<UUID> members = team == null ? null : membersOfTeam.computeIfAbsent(team, this::members);
            Optional<Workload.AgentLoad> helper = leastLoadedOnline(loads, members, row[5] == null ? null : UUID.fromString(row[5].toString()));
            String because = "#" + number + " \"" + row[2] + "\" misses its SLA in " + ReportText.duration((double) Duration.between(now, due).toSeconds())
                    + " and " + who;
            if (helper.isPresent()) {
                Workload.AgentLoad agent = helper.get();
                actions.add(new Insight.Action("assign:" + id + ":" + agent.agent().id(), "Assign to " + agent.agent().name()));
                because += "; " + agent.agent().name() + " is online with the fewest open tickets" + (team == null ? "" : " in its team") + " ("
                        + agent.open() + ")";
            } else {
                because += "; no agent" + (team == null ? "" : " of its team") + " is online";
            }
            if (priority.ordinal() < TicketPriority.HIGH.ordinal()) {
                actions.add(new Insight.Action("priority:" + id + ":high", "Raise priority to High"));
            }
            insights.add(new Insight("breach:" + id, Insight.Kind.LIKELY_BREACH, "#" + number + " is about to miss its SLA", because + ".", actions));
        }
        return insights;
    }

    private java.util.Set<UUID> members(UUID team) {
        return tenancy.em().createQuery("SELECT t FROM Team t WHERE t.id = :id", Team.class).setParameter("id", team).getResultStream().findFirst()
                .map(Team::memberIds).orElse(java.util.Set.of());
    }

    /** The online agent with the fewest open tickets among {@code members} (null: anyone), other than the current one. */
    private static Optional<Workload.AgentLoad> leastLoadedOnline(List<Workload.AgentLoad> loads, java.util.Set<UUID> members, UUID current) {
        return loads.stream().filter(l -> l.agent().active() && l.agent().may(Role.AGENT) && l.agent().availability() == Availability.ONLINE)
                .filter(l -> !l.agent().id().equals(current)).filter(l -> members == null || members.contains(l.agent().id()))
                .min(Comparator.comparingLong(Workload.AgentLoad::open).thenComparing(l -> l.agent().name()));
    }

    // ---------------------------------------------------------------- backlog risk

    private List<Insight> backlogRisks(Instant now) {
        Instant since = now.minus(Duration.ofDays(BACKLOG_DAYS));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = forReader(tenancy.sql("SELECT CAST(m.id AS text), m.name, "
                        + "(SELECT count(*) FROM tickets t WHERE t.workspace_id = m.workspace_id AND t.team_id = m.id AND t.created_at >= ?2 "
                        + "AND t.merged_into_id IS NULL), "
                        + "(SELECT count(*) FROM tickets t WHERE t.workspace_id = m.workspace_id AND t.team_id = m.id AND t.resolved_at >= ?2 "
                        + "AND t.merged_into_id IS NULL), "
                        + "(SELECT count(*) FROM tickets t WHERE t.workspace_id = m.workspace_id AND t.team_id = m.id AND t.status IN " + ACTIVE
                        + " AND t.merged_into_id IS NULL) FROM teams m WHERE m.workspace_id = CAST(?1 AS uuid) "
                        + (reader() == null ? "" : "AND m.id IN (SELECT tm.team_id FROM team_members tm WHERE tm.user_id = CAST(?3 AS uuid)) ")
                        + "ORDER BY m.name")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, java.sql.Timestamp.from(since)), 3).getResultList();
        List<Insight> insights = new ArrayList<>();
        for (Object[] row : rows) {
            long arrived = ((Number) row[2]).longValue();
            long solved = ((Number) row[3]).longValue();
            long open = ((Number) row[4]).longValue();
            double perDayIn = arrived / (double) BACKLOG_DAYS;
            double perDayOut = solved / (double) BACKLOG_DAYS;
            if (arrived < BACKLOG_DAYS || arrived < solved * BACKLOG_RATIO) {
                continue; // fewer than one a day, or solving keeps up
            }
            String team = row[1].toString();
            double growth = perDayIn - perDayOut;
            String explanation = "Over the last " + BACKLOG_DAYS + " days " + team + " got " + arrived + " tickets (" + oneDecimal(perDayIn)
                    + " a day) and solved " + solved + " (" + oneDecimal(perDayOut) + " a day): its " + open + " open tickets grow by about "
                    + oneDecimal(growth) + " a day" + (perDayOut > 0 ? ", " + Math.round(100 * (perDayIn / perDayOut - 1)) + "% more than it solves" : "")
                    + ".";
            insights.add(new Insight("backlog:" + row[0], Insight.Kind.BACKLOG_RISK, team + "'s backlog is growing", explanation,
                    List.of(new Insight.Action("notify:backlog:" + row[0], "Tell the supervisors"))));
        }
        return insights;
    }

    // ---------------------------------------------------------------- volume anomaly

    private Optional<Insight> volumeAnomaly(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime startOfDay = local.toLocalDate().atStartOfDay(zone);
        Duration soFar = Duration.between(startOfDay, local);
        long today = count(startOfDay.toInstant(), now);
        long past = 0;
        for (int week = 1; week <= ANOMALY_WEEKS; week++) {
            ZonedDateTime day = startOfDay.minusWeeks(week);
            past += count(day.toInstant(), day.plus(soFar).toInstant());
        }
        double usual = past / (double) ANOMALY_WEEKS;
        if (today < ANOMALY_MIN || today < usual * ANOMALY_RATIO) {
            return Optional.empty();
        }
        String weekday = local.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        String clock = String.format(Locale.ROOT, "%02d:%02d", local.getHour(), local.getMinute());
        String times = usual == 0 ? "with none on the usual " + weekday : oneDecimal(today / usual) + "× the usual " + weekday;
        String explanation = today + " tickets so far today by " + clock + ", " + times + " by then (" + oneDecimal(usual) + " on average over the last "
                + ANOMALY_WEEKS + " " + weekday + "s).";
        return Optional.of(new Insight("anomaly:" + local.toLocalDate(), Insight.Kind.VOLUME_ANOMALY, "Unusually many tickets today", explanation,
                List.of(new Insight.Action("notify:anomaly:" + local.toLocalDate(), "Tell the supervisors"))));
    }

    private long count(Instant from, Instant to) {
        return ((Number) forReader(tenancy.sql("SELECT count(*) FROM tickets t WHERE t.workspace_id = CAST(?1 AS uuid) AND t.created_at >= ?2 "
                        + "AND t.created_at < ?3 " + visibleTickets(4))
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, java.sql.Timestamp.from(from))
                .setParameter(3, java.sql.Timestamp.from(to)), 4).getSingleResult()).longValue();
    }

    /** The reader whose view of the tickets is restricted to their teams, as text for a query; null when they see everything. */
    private String reader() {
        if (access.systemWork()) {
            return null;
        }
        return visibility.restriction().map(r -> r.userId().toString()).orElse(null);
    }

    /**
     * The queue's visibility rule on tickets {@code t} for a restricted reader in parameter {@code p};
     * nothing for a reader who sees everything, so their queries stay as the indexes expect them.
     */
    private String visibleTickets(int p) {
        if (reader() == null) {
            return "";
        }
        String reader = "CAST(?" + p + " AS uuid)";
        return "AND (t.team_id IS NULL OR t.assignee_id = " + reader + " OR t.team_id IN (SELECT tm.team_id FROM team_members tm WHERE tm.user_id = "
                + reader + ")) ";
    }

    /** Binds the restricted reader to parameter {@code p} of a query written with {@link #visibleTickets}. */
    private jakarta.persistence.Query forReader(jakarta.persistence.Query query, int p) {
        String reader = reader();
        return reader == null ? query : query.setParameter(p, reader);
    }

    // ---------------------------------------------------------------- the buttons

    /**
     * Carries out a button's action as the signed-in supervisor, after checking it still makes sense
     * (the ticket is still open and visible to them, the agent still active), and records it. Returns
     * what was done, in words.
     */
    @Transactional
    @RequiresRole(Role.SUPERVISOR)
    public String act(String actionId) {
        AuthenticatedUser me = access.current().orElseThrow(() -> new ConflictException("Sign in to act on an insight"));
        Actor actor = Actor.of(me);
        String[] parts = actionId == null ? new String[0] : actionId.split(":");
        String done;
        String insight;
        try {
            switch (parts.length > 0 ? parts[0] : "") {
                case "assign" -> {
                    requireParts(parts, 3);
                    UUID ticketId = UUID.fromString(parts[1]);
                    User agent = tenancy.em().find(User.class, UUID.fromString(parts[2]));
                    if (agent == null || !agent.may(Role.AGENT)) {
                        throw new ConflictException("That agent can no longer take tickets");
                    }
                    Ticket ticket = tickets.assign(ticketId, agent.id(), actor);
                    done = "Assigned #" + ticket.number() + " to " + agent.name();
                    insight = "breach:" + ticketId;
                }
                case "priority" -> {
                    requireParts(parts, 3);
                    UUID ticketId = UUID.fromString(parts[1]);
                    TicketPriority priority = TicketPriority.fromApiName(parts[2]).orElseThrow(() -> new InvalidInputException("action", "unknown priority"));
                    Ticket ticket = tickets.update(ticketId, new TicketPatch(null, null, null, priority.apiName(), null, null, null, null, null, null, null),
                            actor);
                    done = "Raised #" + ticket.number() + " to " + priority.label();
                    insight = "breach:" + ticketId;
                }
                case "notify" -> {
                    requireParts(parts, 3);
                    insight = parts[1] + ":" + parts[2];
                    Insight current = current().stream().filter(i -> i.key().equals(insight)).findFirst()
                            .orElseThrow(() -> new ConflictException("This insight no longer holds; nothing was sent"));
                    int told = notifySupervisors(current, me);
                    done = "Told " + told + (told == 1 ? " supervisor" : " supervisors") + ": " + current.title();
                }
                default -> throw new InvalidInputException("action", "unknown action");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("action", "is not an action of an insight");
        }
        tenancy.sql("INSERT INTO insight_actions (id, workspace_id, insight, action, label, user_id, user_name, created_at) VALUES "
                        + "(CAST(?1 AS uuid), CAST(?2 AS uuid), ?3, ?4, ?5, CAST(?6 AS uuid), ?7, ?8)")
                .setParameter(1, org.relaydesk.core.persistence.Ids.newId().toString()).setParameter(2, tenancy.workspaceId().toString())
                .setParameter(3, insight).setParameter(4, actionId.length() > 300 ? actionId.substring(0, 300) : actionId).setParameter(5, done)
                .setParameter(6, me.id().toString()).setParameter(7, me.name()).setParameter(8, java.sql.Timestamp.from(clock.instant())).executeUpdate();
        return done;
    }

    private int notifySupervisors(Insight insight, AuthenticatedUser by) {
        List<User> supervisors = tenancy.em().createQuery("SELECT u FROM User u ORDER BY u.name", User.class).getResultList().stream()
                .filter(u -> u.may(Role.SUPERVISOR) && !u.id().equals(by.id())).toList();
        for (User supervisor : supervisors) {
            tenancy.em().persist(new OutboxEntry(NOTICE_KIND, Jsonp.createObjectBuilder().add("user_id", supervisor.id().toString())
                    .add("title", insight.title()).add("explanation", insight.explanation()).add("by", by.name()).build().toString()));
        }
        return supervisors.size();
    }

    private static void requireParts(String[] parts, int count) {
        if (parts.length != count) {
            throw new InvalidInputException("action", "is not an action of an insight");
        }
    }

    private static String availability(Object value) {
        return value == null ? "away" : Availability.valueOf(value.toString()).label();
    }

    private static String oneDecimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value).replace(".0", "");
    }

    private static Instant instant(Object value) {
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return value instanceof Instant i ? i : Instant.parse(value.toString());
    }
}
