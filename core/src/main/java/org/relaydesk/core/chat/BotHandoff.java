package org.relaydesk.core.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.portal.PortalService;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketPatch;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.workspace.Workspace;
import org.relaydesk.core.workspace.WorkspaceService;

/**
 * Outside chatbots hand a conversation to people (seed 003's chat-to-ticket API): a ticket with the
 * bot's transcript kept on it, one per conversation (a bot that posts the same conversation again
 * gets the same ticket), and an escalation of that ticket, proven by the access token the hand-off
 * may bring, that raises its priority and says why (as seed 003 has it, a bot escalates by the
 * conversation's id alone; only with the token does the answer show the ticket). A retry of a
 * hand-off must bring the token of the first: conversation ids are the bot's own and may be guessed.
 */
@ApplicationScoped
public class BotHandoff {
    public static final int MAX_HISTORY = 200;
    static final int MAX_ENTRY = 5_000;
    static final int MAX_TRANSCRIPT = 100_000;
    static final Set<String> ROLES = Set.of("user", "customer", "bot", "assistant", "agent", "system");
    private static final String CONVERSATION = "[A-Za-z0-9._:-]{1,100}";

    @Inject
    Tenancy tenancy;

    @Inject
    WorkspaceService workspaces;

    @Inject
    PortalService portal;

    @Inject
    TicketService tickets;

    @Inject
    org.relaydesk.core.ticket.TicketAccessTokens accessTokens;

    /** One line of the bot's conversation. */
    public record Turn(String role, String content) {
    }

    /** What a bot hands over. */
    /** {@code accessToken}: on a repeat of the same conversation, the token the first hand-off returned. */
    public record Handoff(String workspace, String conversationId, String subject, String description, String customerEmail, String customerName,
            List<Turn> history, String accessToken) {
    }

    /** The ticket of the conversation, the token that opens it, and whether it was made just now. */
    public record HandedOff(Workspace workspace, Ticket ticket, String accessToken, boolean created) {
    }

    @Transactional
    public HandedOff fromChat(Handoff handoff) {
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        errors.check(handoff.conversationId() == null || handoff.conversationId().matches(CONVERSATION), "conversation_id",
                "at most 100 letters, digits, '.', '_', ':' or '-'");
        List<Turn> history = handoff.history() == null ? List.of() : handoff.history();
        errors.check(history.size() <= MAX_HISTORY, "chat_history", "at most " + MAX_HISTORY + " entries");
        int total = 0;
        for (int i = 0; i < Math.min(history.size(), MAX_HISTORY); i++) {
            Turn turn = history.get(i);
            errors.check(turn.role() != null && ROLES.contains(turn.role().toLowerCase(Locale.ROOT)), "chat_history",
                    "entry " + i + ": role must be one of " + new java.util.TreeSet<>(ROLES));
            errors.check(turn.content() != null && turn.content().length() <= MAX_ENTRY, "chat_history",
                    "entry " + i + ": content is required (at most " + MAX_ENTRY + " characters)");
            total += turn.content() == null ? 0 : turn.content().length();
        }
        errors.check(total <= MAX_TRANSCRIPT, "chat_history", "at most " + MAX_TRANSCRIPT + " characters in all");
        errors.throwIfAny();
        Workspace workspace = workspaces.findByIdOrSlug(handoff.workspace()).orElseThrow(() -> new InvalidInputException("workspace_id", "no such workspace"));
        tenancy.actAs(workspace.id());
        if (handoff.conversationId() != null) {
            Ticket earlier = ticketOf(handoff.conversationId());
            if (earlier != null) {
                // a bot's retry proves itself with the first answer's token; without it, nobody learns anything of that ticket
                if (handoff.accessToken() == null || !accessTokens.open(earlier.id(), handoff.accessToken())) {
                    throw new ConflictException("This conversation was handed over already; a retry sends the access token it was given");
                }
                return new HandedOff(workspace, earlier, handoff.accessToken(), false);
            }
        }
        String subject = handoff.subject() == null || handoff.subject().isBlank() ? "Conversation handed over by a chatbot" : handoff.subject();
        String description = handoff.description() == null || handoff.description().isBlank() ? firstCustomerLine(history) : handoff.description();
        PortalService.Submitted submitted = portal.submitThrough(workspace, "chat", subject, description, handoff.customerEmail(),
                handoff.customerName());
        if (!history.isEmpty()) {
            tickets.addAutomatedMessage(submitted.ticket().id(), transcript(handoff.conversationId(), history), true, new Actor("system", null, "Chatbot"));
        }
        if (handoff.conversationId() != null) {
            tenancy.sql("INSERT INTO message_references (workspace_id, external_id, ticket_id) VALUES (CAST(?1 AS uuid), ?2, CAST(?3 AS uuid)) "
                    + "ON CONFLICT DO NOTHING").setParameter(1, workspace.id().toString()).setParameter(2, reference(handoff.conversationId()))
                    .setParameter(3, submitted.ticket().id().toString()).executeUpdate();
        }
        return new HandedOff(workspace, submitted.ticket(), submitted.accessToken(), true);
    }

    /**
     * The bot asks for people urgently: the conversation's ticket (opened by its access token) goes to
     * High (or stays higher), gains the tag "escalated" and a note with the reason and the bot.
     */
    @Transactional
    public Ticket escalate(String workspaceParameter, String conversationId, String accessToken, String botId, String reason, String context) {
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        errors.check(conversationId != null && conversationId.matches(CONVERSATION), "conversation_id", "is required: the conversation handed over");
        errors.check(reason == null || reason.length() <= 500, "reason", "at most 500 characters");
        errors.check(botId == null || botId.length() <= 100, "bot_id", "at most 100 characters");
        errors.check(context == null || context.length() <= 10_000, "context", "at most 10,000 characters");
        errors.throwIfAny();
        Workspace workspace = workspaces.findByIdOrSlug(workspaceParameter).orElseThrow(() -> new InvalidInputException("workspace_id", "no such workspace"));
        tenancy.actAs(workspace.id());
        Ticket ticket = ticketOf(conversationId);
        if (ticket == null || accessToken != null && !accessTokens.open(ticket.id(), accessToken)) {
            throw new NotFoundException("Conversation"); // the same whether it does not exist or the token is wrong
        }
        Actor bot = new Actor("system", null, botId == null || botId.isBlank() ? "Chatbot" : "Chatbot " + botId);
        java.util.Set<String> tags = new java.util.TreeSet<>(ticket.tags());
        tags.add("escalated");
        String priority = ticket.priority().ordinal() < org.relaydesk.api.ticket.TicketPriority.HIGH.ordinal() ? "high" : null;
        tickets.update(ticket.id(), new TicketPatch(null, null, null, priority, null, null, null, null, null, tags, null, null), bot);
        tickets.addAutomatedMessage(ticket.id(), "Escalated by " + bot.name() + (reason == null || reason.isBlank() ? "" : ": " + reason)
                + (context == null || context.isBlank() ? "" : "\n\nContext: " + context), true, bot);
        return tickets.get(ticket.id());
    }

    private Ticket ticketOf(String conversationId) {
        List<?> found = tenancy.sql("SELECT CAST(ticket_id AS text) FROM message_references WHERE workspace_id = CAST(?1 AS uuid) AND external_id = ?2")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, reference(conversationId)).getResultList();
        return found.isEmpty() ? null : tickets.get(UUID.fromString(found.get(0).toString()));
    }

    private static String reference(String conversationId) {
        return "chatbot-conversation:" + conversationId;
    }

    private static String firstCustomerLine(List<Turn> history) {
        return history.stream().filter(t -> t.role() != null && Set.of("user", "customer").contains(t.role().toLowerCase(Locale.ROOT)))
                .map(Turn::content).filter(c -> c != null && !c.isBlank()).findFirst().orElse("(no message)");
    }

    /** The conversation as agents read it: one paragraph a turn, who said it first. */
    private static String transcript(String conversationId, List<Turn> history) {
        StringBuilder text = new StringBuilder("<p><strong>Chatbot transcript</strong>").append(conversationId == null ? ""
                : " (" + escape(conversationId) + ")").append("</p>");
        for (Turn turn : history) {
            String who = switch (turn.role().toLowerCase(Locale.ROOT)) {
                case "user", "customer" -> "Customer";
                case "bot", "assistant" -> "Bot";
                case "agent" -> "Agent";
                default -> "System";
            };
            text.append("<p><strong>").append(who).append(":</strong> ").append(escape(turn.content().strip())).append("</p>");
        }
        return text.toString();
    }

    private static String escape(String plain) {
        return plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;")
                .replaceAll("\\R", "<br>");
    }
}
