package org.relaydesk.core.ticket;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.team.Team;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.workspace.Workspace;

/**
 * Which tickets the staff member of this request may see. By default everyone in a workspace sees
 * all its tickets; when the workspace restricts to teams, agents and supervisors see the tickets
 * of their teams, those without a team (so new tickets can be triaged) and those assigned to them.
 * Admins always see everything. Enforced in one place for lists ({@link TicketSearch}) and one for
 * single tickets ({@link TicketService#get}), so no screen or endpoint can forget it.
 */
@RequestScoped
public class TicketVisibility {
    /** Who is restricted, and to which teams. */
    public record Restriction(UUID userId, Set<UUID> teamIds) {
    }

    @Inject
    Tenancy tenancy;

    private Restriction restriction;

    /** Called by authentication for the staff member of the request (API or panel). */
    @Transactional
    public void applyFor(AuthenticatedUser user) {
        restriction = null;
        if (user.may(Role.ADMIN)) {
            return;
        }
        Workspace workspace = tenancy.global().find(Workspace.class, user.workspaceId());
        if (workspace == null || !workspace.restrictsToTeams()) {
            return;
        }
        List<Team> teams = tenancy.em().createQuery("SELECT t FROM Team t", Team.class).getResultList();
        restriction = new Restriction(user.id(), teams.stream().filter(t -> t.memberIds().contains(user.id()))
                .map(Team::id).collect(Collectors.toUnmodifiableSet()));
    }

    public Optional<Restriction> restriction() {
        return Optional.ofNullable(restriction);
    }

    public boolean allows(Ticket ticket) {
        return restriction == null
                || ticket.teamId() == null
                || restriction.teamIds().contains(ticket.teamId())
                || ticket.assignee() != null && ticket.assignee().id().equals(restriction.userId());
    }
}
