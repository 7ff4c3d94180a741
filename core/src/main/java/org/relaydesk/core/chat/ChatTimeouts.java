package org.relaydesk.core.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.relaydesk.core.job.ScheduledJob;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.TicketService;

/**
 * Every minute: a live chat whose visitor has given no sign (no read, no line, no typing) for
 * {@code relaydesk.chat.idle-minutes} (10 by default) ends as left by the visitor, so it leaves the
 * agents' inbox; its ticket stays open as any ticket. Expired visitor links and sessions of the
 * widget go too.
 */
@ApplicationScoped
public class ChatTimeouts implements ScheduledJob {
    static final int BATCH = 200;

    @Inject
    Tenancy tenancy;

    @Inject
    TicketService tickets;

    @Inject
    Event<ChatChanged> changed;

    @Inject
    @ConfigProperty(name = "relaydesk.chat.idle-minutes", defaultValue = "10")
    int idleMinutes;

    @Override
    public String name() {
        return "chat.timeouts";
    }

    @Override
    public Duration interval() {
        return Duration.ofMinutes(1);
    }

    @Override
    public void run() {
        @SuppressWarnings("unchecked")
        List<Object[]> ended = tenancy.sql("UPDATE chats SET status = 'ended', ended_by = 'timeout', ended_at = now() WHERE id IN (SELECT id FROM chats "
                + "WHERE status <> 'ended' AND visitor_seen_at < now() - make_interval(mins => ?1) LIMIT " + BATCH + ") "
                + "RETURNING CAST(workspace_id AS text), CAST(id AS text), CAST(ticket_id AS text)").setParameter(1, Math.max(1, idleMinutes)).getResultList();
        for (Object[] chat : ended) {
            UUID workspace = UUID.fromString(chat[0].toString());
            UUID ticket = UUID.fromString(chat[2].toString());
            tenancy.actAs(workspace);
            tickets.addAutomatedMessage(ticket, "The chat ended: no sign of the visitor for " + idleMinutes + " minutes.", true,
                    new Actor("system", null, "Chat"));
            changed.fire(new ChatChanged(workspace, UUID.fromString(chat[1].toString()), ticket));
        }
        tenancy.sql("DELETE FROM widget_visitor_tokens WHERE id IN (SELECT id FROM widget_visitor_tokens WHERE expires_at < now() LIMIT 5000)")
                .executeUpdate();
    }
}
