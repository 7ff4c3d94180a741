package org.relaydesk.core.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.team.Team;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketChanged;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.user.User;

/**
 * Routes unassigned tickets of teams that assign automatically: when such a ticket is created in the
 * team, moved to it, or changed while still unassigned (so a ticket nobody could take earlier is
 * tried again). Runs in the transaction of the change; the decision and its reason go on the
 * ticket's timeline.
 */
@ApplicationScoped
public class AutoAssigner {
    private static final Set<String> TRIGGERS = Set.of("created", "updated", "status_changed", "customer_replied", "reopened");

    @Inject
    Tenancy tenancy;

    @Inject
    TicketService tickets;

    void onTicketChanged(@Observes TicketChanged change) {
        if (!TRIGGERS.contains(change.action())) {
            return;
        }
        Ticket ticket = tenancy.em().find(Ticket.class, change.ticketId());
        if (ticket == null || ticket.assignee() != null || ticket.teamId() == null || !ticket.status().isActive() || ticket.mergedIntoId() != null) {
            return;
        }
        Team team = tenancy.em().find(Team.class, ticket.teamId());
        if (team == null || team.assignmentStrategy() == AssignmentStrategy.MANUAL) {
            return;
        }
        Router.Decision decision = Router.choose(team.assignmentStrategy(), team.name(), candidates(team), ticket.requiredSkills());
        UUID agent = decision.agent().map(Router.Candidate::userId).orElse(null);
        if (agent != null) {
            tenancy.em().find(User.class, agent).autoAssigned(Instant.now());
        }
        tickets.route(ticket.id(), agent, decision.reason());
    }

    /** The team's active members with their open tickets, limits, skills and last automatic assignment. */
    private List<Router.Candidate> candidates(Team team) {
        Set<UUID> members = team.memberIds();
        if (members.isEmpty()) {
            return List.of();
        }
        Map<UUID, Integer> open = new HashMap<>();
        Map<UUID, Map<String, Integer>> skills = new HashMap<>();
        String ids = "{" + String.join(",", members.stream().map(UUID::toString).toList()) + "}";
        // the workspace is named in both queries
        // the open statuses without merged tickets (closed anyway): answered from the open tickets' index by agent alone; reading
        // each open ticket's row took seconds per routed ticket in a workspace of 100,000 open ones (docs/performance.md)
        for (Object row : tenancy.sql("SELECT CAST(assignee_id AS text), count(*) FROM tickets WHERE workspace_id = CAST(?1 AS uuid) "
                        + "AND assignee_id = ANY (CAST(?2 AS uuid[])) AND status IN ('NEW', 'OPEN', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', "
                        + "'WAITING_ON_THIRD_PARTY') AND merged_into_id IS NULL GROUP BY assignee_id")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, ids).getResultList()) {
            Object[] columns = (Object[]) row;
            open.put(UUID.fromString(columns[0].toString()), ((Number) columns[1]).intValue());
        }
        for (Object row : tenancy.sql("SELECT CAST(s.user_id AS text), s.skill, s.level FROM user_skills s JOIN users u ON u.id = s.user_id "
                        + "WHERE u.workspace_id = CAST(?1 AS uuid) AND CAST(s.user_id AS text) = ANY (CAST(?2 AS text[]))")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, ids).getResultList()) {
            Object[] columns = (Object[]) row;
            skills.computeIfAbsent(UUID.fromString(columns[0].toString()), k -> new HashMap<>()).put(columns[1].toString(), ((Number) columns[2]).intValue());
        }
        List<Router.Candidate> candidates = new ArrayList<>();
        for (UUID id : members) {
            User user = tenancy.em().find(User.class, id);
            if (user != null && user.active()) {
                candidates.add(new Router.Candidate(user.id(), user.name(), user.availability(), open.getOrDefault(id, 0), user.maxOpenTickets(),
                        skills.getOrDefault(id, Map.of()), user.lastAutoAssignedAt()));
            }
        }
        return candidates;
    }
}
