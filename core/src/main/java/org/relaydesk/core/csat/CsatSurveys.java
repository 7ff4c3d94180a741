package org.relaydesk.core.csat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.persistence.Ids;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketChanged;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.workspace.Workspace;

/**
 * Schedules a survey for each resolution of a ticket, and keeps the workspace's survey settings.
 * The survey is a row written in the transaction that solves the ticket (so a crash or a restart
 * loses none); {@link SurveyJob} sends it when it is due.
 */
@ApplicationScoped
public class CsatSurveys {
    @Inject
    Tenancy tenancy;

    @Inject
    CsatSettingsStore settings;

    /** Replaced in tests. */
    Clock clock = Clock.systemUTC();

    /**
     * Synchronous, in the solving transaction. Any change seen on a solved ticket makes sure its
     * resolution has a survey; the unique (ticket, resolved_at) keeps it to one per resolution.
     */
    void onTicketChanged(@Observes TicketChanged change) {
        if ("deleted".equals(change.action()) || change.action().startsWith("sla_")) {
            return;
        }
        Ticket ticket = tenancy.em().find(Ticket.class, change.ticketId());
        if (ticket == null || ticket.status() != TicketStatus.RESOLVED || ticket.resolvedAt() == null || ticket.mergedIntoId() != null) {
            return;
        }
        SurveySettings current = settings.current();
        if (!current.enabled()) {
            return;
        }
        schedule(ticket, current);
    }

    /** Inserts the resolution's survey unless it has one; @return whether one was added. */
    boolean schedule(Ticket ticket, SurveySettings current) {
        java.time.Instant base = ticket.resolvedAt().isAfter(clock.instant()) ? ticket.resolvedAt() : clock.instant();
        return tenancy.sql("INSERT INTO csat_surveys (id, workspace_id, ticket_id, resolved_at, status, due_at, created_at) "
                        + "VALUES (CAST(?1 AS uuid), CAST(?2 AS uuid), CAST(?3 AS uuid), ?4, 'scheduled', ?5, ?6) ON CONFLICT (ticket_id, resolved_at) DO NOTHING")
                .setParameter(1, Ids.newId().toString()).setParameter(2, tenancy.workspaceId().toString()).setParameter(3, ticket.id().toString())
                .setParameter(4, Timestamp.from(ticket.resolvedAt())).setParameter(5, Timestamp.from(SurveyPolicy.dueAt(base, current)))
                .setParameter(6, Timestamp.from(clock.instant())).executeUpdate() == 1;
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public SurveySettings settings() {
        return settings.current();
    }

    /** Saves the settings (checked when built); surveys already scheduled follow the new ones when they fall due. */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public SurveySettings save(SurveySettings changed) {
        settings.save(changed);
        return changed;
    }

    /** The wording as a customer would read it, filled with a sample ticket of this workspace. */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public SurveyWording preview(SurveySettings draft) {
        Workspace workspace = tenancy.global().find(Workspace.class, tenancy.workspaceId());
        return SurveyWording.render(draft, SurveyWording.variables("Jamie Doe", workspace.displayNumber(1042), "Cannot sign in to my account",
                "Alex from support", workspace.name()));
    }

    /** The surveys of a ticket, newest first (for the ticket page; the caller has the ticket already). */
    /** Cancels the ticket's surveys not sent yet (an agent chose, when resolving, not to ask), saying why. */
    public void cancelScheduled(java.util.UUID ticketId, String reason) {
        tenancy.sql("UPDATE csat_surveys SET status = 'cancelled', reason = ?1 WHERE ticket_id = CAST(?2 AS uuid) AND status = 'scheduled'")
                .setParameter(1, reason).setParameter(2, ticketId.toString()).executeUpdate();
    }

    public List<CsatSurvey> ofTicket(java.util.UUID ticketId) {
        return tenancy.em().createQuery("SELECT s FROM CsatSurvey s WHERE s.ticketId = :t ORDER BY s.createdAt DESC", CsatSurvey.class)
                .setParameter("t", ticketId).getResultList();
    }
}
