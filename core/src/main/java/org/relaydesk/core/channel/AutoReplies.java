package org.relaydesk.core.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.relaydesk.api.channel.InboundMessage;
import org.relaydesk.core.canned.CannedResponse;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.plugin.ChannelKind;
import org.relaydesk.core.sla.BusinessCalendar;
import org.relaydesk.core.sla.BusinessHours;
import org.relaydesk.core.text.MessageSanitizer;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.workspace.Workspace;

/**
 * Sends a channel account's automatic replies (acknowledgement, away message) after a customer's
 * message is filed, in the filing's transaction: the reply is a message from the system on the
 * ticket, queued in the outbox like an agent's, so it goes out only if the filing holds. Never for
 * receipts, automatic messages (two robots would answer each other forever) or STOP/START, and
 * never to a customer who opted out or whose conversation window is closed.
 */
@ApplicationScoped
public class AutoReplies {
    @Inject
    Tenancy tenancy;

    @Inject
    TicketService tickets;

    @Inject
    ReplyRoutes routes;

    Clock clock = Clock.systemUTC();

    /** After {@code message} through {@code accountId} was filed with {@code outcome}. */
    void afterFiling(ChannelKind kind, UUID accountId, InboundMessage message, InboundFiling.Outcome outcome, Instant receivedAt) {
        if (outcome.ticketId() == null || !"done".equals(outcome.status()) || message.automatic() || message.isReceiptOnly()
                || MessagingConversations.isOptKeyword(message)) {
            return;
        }
        ChannelAccountRecord account = tenancy.em().find(ChannelAccountRecord.class, accountId);
        if (account == null) {
            return;
        }
        AutoReplySettings settings = account.autoReplies();
        if (!settings.acknowledges() && !settings.answersAfterHours()) {
            return;
        }
        UUID ticketId = outcome.ticketId();
        var arrival = new AutoReplyDecision.Arrival(kind.messaging(), InboundFiling.OPENED.equals(outcome.detail()), receivedAt);
        Optional<AutoReplyDecision.Kind> reply = new AutoReplyDecision(clock).decide(settings, arrival, calendar(settings), lastSent(ticketId));
        if (reply.isEmpty()) {
            return;
        }
        Ticket ticket = tenancy.em().find(Ticket.class, ticketId);
        boolean reachable = routes.routes(ticket).stream().anyMatch(r -> r.accountId().equals(accountId) && r.freeFormAllowed());
        if (!reachable) {
            return; // opted out, or a window that is closed: the deliverer would refuse it, so nothing is put on the ticket
        }
        String text = reply.get() == AutoReplyDecision.Kind.AWAY ? settings.away() : settings.acknowledgement();
        // texts are checked when saved (at most 4,096 characters), so the message is always valid here
        tickets.addAutoReply(ticketId, MessageSanitizer.plainToHtml(render(text, ticket, account)), accountId);
        tenancy.sql("INSERT INTO auto_replies_sent (workspace_id, ticket_id, kind, sent_at) VALUES (CAST(?1 AS uuid), CAST(?2 AS uuid), ?3, ?4) "
                        + "ON CONFLICT (ticket_id, kind) DO UPDATE SET sent_at = EXCLUDED.sent_at")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, ticketId.toString()).setParameter(3, reply.get().stored)
                .setParameter(4, java.sql.Timestamp.from(clock.instant())).executeUpdate();
    }

    private BusinessCalendar calendar(AutoReplySettings settings) {
        if (settings.calendarId() == null) {
            return null;
        }
        BusinessHours hours = tenancy.em().find(BusinessHours.class, settings.calendarId());
        return hours == null ? null : hours.calendar();
    }

    private Map<AutoReplyDecision.Kind, Instant> lastSent(UUID ticketId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = tenancy.sql("SELECT kind, sent_at FROM auto_replies_sent WHERE ticket_id = CAST(?1 AS uuid)")
                .setParameter(1, ticketId.toString()).getResultList();
        Map<AutoReplyDecision.Kind, Instant> sent = new EnumMap<>(AutoReplyDecision.Kind.class);
        rows.forEach(row -> sent.put(AutoReplyDecision.Kind.ofStored(row[0].toString()), ((java.sql.Timestamp) row[1]).toInstant()));
        return sent;
    }

    /** The canned responses' variables ({{customer_name}}, {{ticket_number}}) and their dotted names ({{contact.name}}, {{ticket.number}}). */
    String render(String text, Ticket ticket, ChannelAccountRecord account) {
        Workspace workspace = tenancy.global().find(Workspace.class, tenancy.workspaceId());
        Map<String, String> variables = new HashMap<>();
        variables.put("customer_name", ticket.requester().name());
        variables.put("contact.name", ticket.requester().name());
        variables.put("ticket_number", workspace.displayNumber(ticket.number()));
        variables.put("ticket.number", workspace.displayNumber(ticket.number()));
        variables.put("ticket.subject", ticket.subject());
        variables.put("account.name", account.name());
        variables.put("workspace.name", workspace.name());
        return CannedResponse.render(text, variables);
    }
}
