package org.relaydesk.core.assist;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.relaydesk.api.ticket.StatusCategory;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.core.job.OwnTransaction;
import org.relaydesk.core.job.ScheduledJob;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketPatch;
import org.relaydesk.core.ticket.TicketService;

/**
 * Follow-ups that are due: the ticket comes back to the team (reopened when solved, open again when
 * it waited) with a note from the agent who set it, so it shows in their queue. A ticket already open
 * just gets the note. Each reminder once, in its own transaction.
 */
@ApplicationScoped
public class ReminderJob implements ScheduledJob {
    static final int BATCH = 200;
    private static final Logger LOG = Logger.getLogger(ReminderJob.class.getName());

    @Inject
    Tenancy tenancy;

    @Inject
    OwnTransaction own;

    @Inject
    TicketService tickets;

    /** Replaced in tests. */
    Clock clock = Clock.systemUTC();

    @Override
    public String name() {
        return "ticket.reminders";
    }

    @Override
    public Duration interval() {
        int seconds = ConfigProvider.getConfig().getOptionalValue("relaydesk.reminders.check-seconds", Integer.class).orElse(60);
        return Duration.ofSeconds(Math.max(1, seconds));
    }

    @Override
    public void run() {
        @SuppressWarnings("unchecked")
        List<Object[]> due = own.call(() -> tenancy.sql("SELECT CAST(id AS text), CAST(workspace_id AS text) FROM ticket_reminders "
                + "WHERE done_at IS NULL AND due_at <= ?1 ORDER BY due_at LIMIT " + BATCH).setParameter(1, Timestamp.from(clock.instant())).getResultList());
        for (Object[] row : due) {
            UUID id = UUID.fromString((String) row[0]);
            tenancy.actAs(UUID.fromString((String) row[1]));
            try {
                own.run(() -> remind(id));
            } catch (RuntimeException e) {
                LOG.warning(() -> "Reminder " + id + " could not be carried out (" + OwnTransaction.reasonOf(e) + "); it is tried again in 10 minutes");
                // later, not at once: a reminder that keeps failing must not hold up the others of its batch
                own.run(() -> tenancy.sql("UPDATE ticket_reminders SET due_at = ?1 WHERE id = CAST(?2 AS uuid)")
                        .setParameter(1, Timestamp.from(clock.instant().plus(Duration.ofMinutes(10)))).setParameter(2, id.toString()).executeUpdate());
            }
        }
    }

    private void remind(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = tenancy.sql("SELECT CAST(ticket_id AS text), note, created_by_name, created_at FROM ticket_reminders "
                + "WHERE id = CAST(?1 AS uuid) AND done_at IS NULL FOR UPDATE SKIP LOCKED").setParameter(1, id.toString()).getResultList();
        if (rows.isEmpty()) {
            return;
        }
        UUID ticketId = UUID.fromString((String) rows.get(0)[0]);
        java.time.Instant setAt = rows.get(0)[3] instanceof java.time.OffsetDateTime o ? o.toInstant() : ((Timestamp) rows.get(0)[3]).toInstant();
        Ticket ticket = tenancy.em().find(Ticket.class, ticketId);
        // solved since the follow-up was set: it served its purpose (a follow-up set on a solved ticket still reopens it)
        boolean solvedSince = ticket != null && ticket.resolvedAt() != null && ticket.resolvedAt().isAfter(setAt)
                && !ticket.status().isActive();
        if (ticket != null && !solvedSince && ticket.mergedIntoId() == null && ticket.status() != TicketStatus.CANCELLED) {
            Actor followUp = new Actor("system", null, "Follow-up");
            StatusCategory category = ticket.status().category();
            if (category == StatusCategory.SOLVED || category == StatusCategory.CLOSED) {
                tickets.reopen(ticketId, followUp);
            } else if (category == StatusCategory.PENDING) {
                tickets.update(ticketId, new TicketPatch(null, null, TicketStatus.OPEN.apiName(), null, null, null, null, null, null, null, null), followUp);
            }
            tickets.addAutomatedMessage(ticketId, org.relaydesk.core.text.MessageSanitizer.plainToHtml("Follow-up set by " + rows.get(0)[2] + ": "
                    + rows.get(0)[1]), true, followUp);
        }
        tenancy.sql("UPDATE ticket_reminders SET done_at = ?1 WHERE id = CAST(?2 AS uuid)").setParameter(1, Timestamp.from(clock.instant()))
                .setParameter(2, id.toString()).executeUpdate();
    }
}
