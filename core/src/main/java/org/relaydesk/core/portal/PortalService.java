package org.relaydesk.core.portal;

import org.relaydesk.core.text.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.outbox.OutboxEntry;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.Message;
import org.relaydesk.core.ticket.NewTicket;
import org.relaydesk.core.ticket.SatisfactionRating;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketAccessTokens;
import org.relaydesk.core.ticket.TicketEvent;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.user.UserService;
import org.relaydesk.core.workspace.Workspace;
import org.relaydesk.core.workspace.WorkspaceService;

/**
 * What customers without an account can do: submit a ticket, then follow and answer it with the
 * access token they got. A token opens exactly one ticket and only the public messages of its
 * customer's conversation: after a merge of two customers' tickets, each still sees only their own.
 */
@ApplicationScoped
public class PortalService {
    public static final String ACCESS_TOKEN_PREFIX = TicketAccessTokens.PREFIX;
    /** One "email me my links" per address per this many minutes, whoever asks: no mail-bombing a customer. */
    static final int LINKS_EMAIL_MINUTES = 10;

    @Inject
    Tenancy tenancy;

    @Inject
    WorkspaceService workspaces;

    @Inject
    TicketService tickets;

    @Inject
    TicketAccessTokens accessTokens;

    @Inject
    org.relaydesk.core.csat.SurveyAnswers surveyAnswers;

    public record Submitted(Workspace workspace, Ticket ticket, String accessToken) {
    }

    /** What the customer sees: their ticket (or the one it was merged into, if that is theirs too) and their conversation. */
    public record PortalTicket(Workspace workspace, Ticket ticket, List<Message> publicMessages, SatisfactionRating rating) {
    }

    @Transactional
    public Submitted submit(String workspaceIdOrSlug, String subject, String description, String email, String name) {
        Workspace workspace = workspaces.findByIdOrSlug(workspaceIdOrSlug)
                .orElseThrow(() -> new InvalidInputException("workspace_id", "no such workspace"));
        return submitThrough(workspace, "portal", subject, description, email, name);
    }

    /** A request a visitor sends from one of the workspace's public forms ({@code channel}: portal, widget, chat). */
    @Transactional
    public Submitted submitThrough(Workspace workspace, String channel, String subject, String description, String email, String name) {
        tenancy.actAs(workspace.id());
        if (description == null || description.isBlank()) {
            throw new InvalidInputException("description", "is required");
        }
        Actor requester = new Actor("customer", null, name == null || name.isBlank() ? email : name);
        Ticket ticket = tickets.create(new NewTicket(subject, description, email, name, null, null, null, null, null, null,
                null, null, channel), requester);
        return new Submitted(workspace, ticket, mintToken(ticket.id()));
    }

    @Transactional
    public PortalTicket view(UUID ticketId, String accessToken) {
        Ticket own = authorize(ticketId, accessToken);
        UUID customer = own.requester().id();
        Ticket current = mergedEnd(own);
        Ticket shown = theirs(own, current);
        List<Message> messages = tickets.messages(current.id(), false).stream().filter(m -> m.belongsToConversationOf(customer)).toList();
        SatisfactionRating rating = surveyAnswers.ratingOfThisResolution(shown);
        return new PortalTicket(workspaces.get(tenancy.workspaceId()), shown, messages, rating);
    }

    @Transactional
    public Message reply(UUID ticketId, String accessToken, String body) {
        Ticket own = authorize(ticketId, accessToken);
        Ticket ticket = theirs(own, mergedEnd(own));
        if (ticket.mergedIntoId() != null) {
            // merged into another customer's ticket: a reply there would go to the agents' conversation with them
            throw new ConflictException("This request was merged with another one; please answer the last email from our team");
        }
        if (ticket.status() == TicketStatus.CLOSED || ticket.status() == TicketStatus.CANCELLED) {
            throw new ConflictException("This ticket is closed; please open a new one");
        }
        return tickets.addCustomerMessage(ticket.id(), body);
    }

    /** The ticket at the end of the merges that started from this one (a merge chain is short; the bound stops a cycle). */
    private Ticket mergedEnd(Ticket ticket) {
        Ticket current = ticket;
        for (int hop = 0; hop < 20 && current.mergedIntoId() != null; hop++) {
            Ticket next = tenancy.em().find(Ticket.class, current.mergedIntoId());
            if (next == null) {
                break;
            }
            current = next;
        }
        return current;
    }

    /** The merged-into ticket when it has the same customer; otherwise their own (its subject and status are another customer's). */
    private static Ticket theirs(Ticket own, Ticket current) {
        return current.requester().id().equals(own.requester().id()) ? current : own;
    }

    @Transactional
    public SatisfactionRating rate(UUID ticketId, String accessToken, Integer rating, String feedback) {
        Ticket own = authorize(ticketId, accessToken);
        return rateSolved(theirs(own, mergedEnd(own)), rating, feedback);
    }

    /** The customer's rating of a solved ticket (once); the portal's signed-in pages rate through here too. */
    @Transactional
    SatisfactionRating rateSolved(Ticket ticket, Integer rating, String feedback) {
        if (rating == null || rating < 1 || rating > 5) {
            throw new InvalidInputException("rating", "must be a whole number from 1 to 5");
        }
        if (feedback != null && feedback.length() > 5000) {
            throw new InvalidInputException("feedback", "at most 5000 characters");
        }
        if (ticket.status() != TicketStatus.RESOLVED && ticket.status() != TicketStatus.CLOSED) {
            throw new ConflictException("A ticket can be rated once it is resolved");
        }
        if (surveyAnswers.ratedThisResolution(ticket)) {
            throw new ConflictException("This ticket was already rated");
        }
        SatisfactionRating stored = surveyAnswers.ratedOnStatusPage(ticket, rating, feedback);
        return stored;
    }

    /**
     * Queues, for every workspace that knows this address, an email listing the requester's tickets.
     * Nothing is returned to the caller, so the endpoint cannot be used to probe addresses.
     */
    @Transactional
    public void requestLinks(String email) {
        if (email == null || !UserService.EMAIL.matcher(email.trim()).matches()) {
            return;
        }
        String normalized = email.trim().toLowerCase(Locale.ROOT);
        boolean sentLately = !tenancy.sql("SELECT 1 FROM outbox WHERE kind = 'email.portal_links' AND payload->>'to' = ?1 "
                + "AND created_at > now() - make_interval(mins => ?2) LIMIT 1").setParameter(1, normalized)
                .setParameter(2, LINKS_EMAIL_MINUTES).getResultList().isEmpty();
        if (sentLately) {
            return;
        }
        List<?> rows = tenancy.sql(
                "SELECT CAST(i.workspace_id AS text), CAST(i.contact_id AS text) FROM contact_identities i "
                        + "WHERE i.kind = 'EMAIL' AND lower(i.value) = ?1").setParameter(1, normalized).getResultList();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            tenancy.actAs(UUID.fromString(columns[0].toString()));
            // merged into another customer's ticket, a request still has its own status page (their conversation only)
            List<Ticket> own = tenancy.em().createQuery(
                    "SELECT t FROM Ticket t WHERE t.requester.id = :c AND (t.mergedIntoId IS NULL OR NOT EXISTS "
                            + "(SELECT 1 FROM Ticket m WHERE m.id = t.mergedIntoId AND m.requester.id = :c)) ORDER BY t.createdAt DESC", Ticket.class)
                    .setParameter("c", UUID.fromString(columns[1].toString())).setMaxResults(50).getResultList();
            if (own.isEmpty()) {
                continue;
            }
            JsonArrayBuilder ids = Jsonp.createArrayBuilder();
            own.forEach(t -> ids.add(t.id().toString()));
            // Access links are minted when the email is sent, so no usable token sits in the outbox.
            String payload = Jsonp.createObjectBuilder().add("to", normalized).add("contact_id", columns[1].toString())
                    .add("ticket_ids", ids).build().toString();
            tenancy.em().persist(new OutboxEntry("email.portal_links", payload));
        }
    }

    /** The ticket the token opens, or 404 for a wrong, expired or another ticket's token, or none. */
    private Ticket authorize(UUID ticketId, String accessToken) {
        if (!accessTokens.open(ticketId, accessToken)) {
            throw new NotFoundException("Ticket");
        }
        return tickets.get(ticketId);
    }

    /**
     * The address of the ticket's status page with a new access token (kept only if the caller's
     * transaction commits). The ticket and token travel after '#': browsers never send that part to
     * a server, so it is in no access log, proxy log or Referer.
     */
    @Transactional
    public String statusLink(UUID ticketId) {
        return org.relaydesk.core.channel.NoticeMailer.baseUrl() + "/track.html#ticket=" + ticketId + "&token=" + mintToken(ticketId);
    }

    private String mintToken(UUID ticketId) {
        return accessTokens.mint(ticketId);
    }

    /** Queues the "we have your request" email, with its own status link minted when it is sent. */
    @Transactional
    public void confirmReceipt(UUID ticketId, String email) {
        tenancy.em().persist(new OutboxEntry(TicketReceivedEmail.KIND, Jsonp.createObjectBuilder().add("ticket_id", ticketId.toString())
                .add("to", email).build().toString()));
    }
}
