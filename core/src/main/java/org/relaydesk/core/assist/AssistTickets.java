package org.relaydesk.core.assist;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.relaydesk.api.assist.AssistTicket;
import org.relaydesk.api.ticket.MessageAuthorType;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.ticket.Category;
import org.relaydesk.core.ticket.Message;
import org.relaydesk.core.ticket.MessageKind;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.team.Team;

/**
 * A ticket as the assistant reads it: names instead of ids, the thread as plain text (the latest
 * {@link #TURNS} turns, each cut), and how many of its linked tasks are still open. Called with a
 * ticket the caller was allowed to read.
 */
@ApplicationScoped
public class AssistTickets {
    static final int TURNS = 50;
    static final int TURN_CHARS = 4_000;

    @Inject
    Tenancy tenancy;

    @Inject
    org.relaydesk.core.ticket.TicketService tickets;

    /**
     * The ticket read in a transaction of its own, for a caller who may open it (else 404): the
     * assistant's call that follows may take seconds and holds no transaction or connection meanwhile.
     */
    @jakarta.transaction.Transactional
    public AssistTicket read(java.util.UUID ticketId) {
        return of(tickets.get(ticketId), tickets.messages(ticketId, true));
    }

    AssistTicket of(Ticket ticket, List<Message> messages) {
        List<AssistTicket.Turn> turns = new ArrayList<>();
        if (ticket.description() != null && !ticket.description().isBlank()) {
            turns.add(new AssistTicket.Turn(AssistTicket.Author.CUSTOMER, cut(ticket.description()), ticket.createdAt()));
        }
        for (Message message : messages) {
            turns.add(new AssistTicket.Turn(author(message), cut(message.bodyText()), message.createdAt()));
        }
        List<AssistTicket.Turn> latest = turns.size() <= TURNS ? turns : turns.subList(turns.size() - TURNS, turns.size());
        Category category = ticket.categoryId() == null ? null : tenancy.em().find(Category.class, ticket.categoryId());
        Team team = ticket.teamId() == null ? null : tenancy.em().find(Team.class, ticket.teamId());
        return new AssistTicket(ticket.workspaceId(), ticket.id(), "#" + ticket.number(), ticket.subject(), ticket.status().apiName(),
                ticket.priority().apiName(), ticket.sourceChannel(), category == null ? null : category.name(), team == null ? null : team.name(),
                ticket.assignee() == null ? null : ticket.assignee().name(), List.copyOf(ticket.tags()), ticket.requester().name(),
                ticket.requester().primaryEmail(), ticket.createdAt(), latest, openTasks(ticket));
    }

    private int openTasks(Ticket ticket) {
        Number open = (Number) tenancy.sql("SELECT count(*) FROM ticket_links l JOIN tickets t ON t.id = l.linked_ticket_id "
                + "WHERE l.ticket_id = CAST(?1 AS uuid) AND l.kind = 'RELATED' AND t.type = 'TASK' AND t.status NOT IN ('RESOLVED', 'CLOSED', 'CANCELLED')")
                .setParameter(1, ticket.id().toString()).getSingleResult();
        return open.intValue();
    }

    private static AssistTicket.Author author(Message message) {
        if (message.kind() == MessageKind.NOTE) {
            return AssistTicket.Author.NOTE;
        }
        if (message.kind() == MessageKind.EVENT || message.authorType() == MessageAuthorType.SYSTEM) {
            return AssistTicket.Author.SYSTEM;
        }
        return message.authorType() == MessageAuthorType.CUSTOMER ? AssistTicket.Author.CUSTOMER : AssistTicket.Author.AGENT;
    }

    private static String cut(String text) {
        return text == null ? "" : text.length() <= TURN_CHARS ? text : text.substring(0, TURN_CHARS);
    }
}
