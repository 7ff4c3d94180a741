package org.relaydesk.web.panel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.faces.push.Push;
import jakarta.faces.push.PushContext;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.relaydesk.core.ticket.TicketAudience;
import org.relaydesk.core.ticket.TicketChanged;

/**
 * Realtime for the panels: every committed ticket change goes over the Faces WebSocket channel
 * "tickets" (one connection per page, addressed by its user) to the staff who may see the ticket
 * ({@link TicketAudience}: with team restriction, nobody else hears even its number). Pages decide
 * themselves whether it concerns them. The change arrives here as the
 * CDI event TicketService publishes, or, in a cluster, from another node through
 * {@link org.relaydesk.web.cluster.ClusterRelay}: each node tells the pages connected to it.
 */
@ApplicationScoped
public class LivePush {
    private static final Logger LOG = Logger.getLogger(LivePush.class.getName());

    @Inject
    @Push(channel = "tickets")
    PushContext tickets;

    @Inject
    TicketAudience audience;

    /** A live chat changed (typing, reading, a line, who is in it): the agents who may see its ticket refresh their chat inbox. */
    void onChatChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) org.relaydesk.core.chat.ChatChanged change) {
        chatChanged(change);
    }

    void onTicketChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) TicketChanged change) {
        ticketChanged(change);
    }

    /** Tells this node's pages of a chat change (made here, or on another node of the cluster). */
    public void chatChanged(org.relaydesk.core.chat.ChatChanged change) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "chat");
        message.put("chat", change.chatId().toString());
        message.put("ticket", change.ticketId().toString());
        try {
            tickets.send(message, audience.of(change.workspaceId(), change.ticketId()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not push a chat change to the panels", e);
        }
    }

    /** Tells this node's pages of a committed ticket change (made here, or on another node of the cluster). */
    public void ticketChanged(TicketChanged change) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "ticket");
        message.put("ticket", change.ticketId().toString());
        message.put("number", change.number());
        message.put("action", change.action());
        message.put("actorId", change.actorId() == null ? "" : change.actorId().toString());
        message.put("actorName", change.actorName() == null ? "" : change.actorName());
        try {
            tickets.send(message, audience.of(change.workspaceId(), change.ticketId()));
        } catch (RuntimeException e) {
            // a push that fails must never undo or fail the change itself
            LOG.log(Level.WARNING, "Could not push a ticket change to the panels", e);
        }
    }
}
