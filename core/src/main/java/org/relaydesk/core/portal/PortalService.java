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
import org.relaydesk.core.ticket.TicketAccessToken;
import org.relaydesk.core.ticket.TicketEvent;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.user.Secrets;
import org.relaydesk.core.user.UserService;
import org.relaydesk.core.workspace.Workspace;
import org.relaydesk.core.workspace.WorkspaceService;

/**
 * What customers without an account can do: submit a ticket, then follow and answer it with the
 * access token they got. A token opens exactly one ticket and only its public messages.
 */
@ApplicationScoped
public class PortalService {
    public static final String ACCESS_TOKEN_PREFIX = "rdt_";

    @Inject
    Tenancy tenancy;

    @Inject
    WorkspaceService workspaces;

    @Inject
    TicketService tickets;

    public record Submitted(Workspace workspace, Ticket ticket, String accessToken) {
    }

    public record PortalTicket(Workspace workspace, Ticket ticket, List<Message> publicMessages, SatisfactionRating rating) {
    }

    @Transactional
    public Submitted submit(String workspaceIdOrSlug, String subject, String description, String email, String name) {
        Workspace workspace = workspaces.findByIdOrSlug(workspaceIdOrSlug)
                .orElseThrow(() -> new InvalidInputException("workspace_id", "no such workspace"));
        tenancy.actAs(workspace.id());
        if (description == null || description.isBlank()) {
            throw new InvalidInputException("description", "is required");
        }
        Actor requester = new Actor("customer", null, name == null || name.isBlank() ? email : name);
        Ticket ticket = tickets.create(new NewTicket(subject, description, email, name, null, null, null, null, null, null,
                null, null, "portal"), requester);
        return new Submitted(workspace, ticket, mintToken(ticket.id()));
    }

    @Transactional
    public PortalTicket view(UUID ticketId, String accessToken) {
        Ticket ticket = authorize(ticketId, accessToken);
        List<Message> messages = tickets.messages(ticket.id(), false);
        SatisfactionRating rating = tenancy.em().createQuery("SELECT r FROM SatisfactionRating r WHERE r.ticketId = :t",
                SatisfactionRating.class).setParameter("t", ticket.id()).getResultStream().findFirst().orElse(null);
        return new PortalTicket(workspaces.get(tenancy.workspaceId()), ticket, messages, rating);
    }

    @Transactional
    public Message reply(UUID ticketId, String accessToken, String body) {
        Ticket ticket = authorize(ticketId, accessToken);
        if (ticket.mergedIntoId() != null) {
            throw new ConflictException("This ticket was merged into another one; reply there");
        }
        if (ticket.status() == TicketStatus.CLOSED || ticket.status() == TicketStatus.CANCELLED) {
            throw new ConflictException("This ticket is closed; please open a new one");
        }
        return tickets.addCustomerMessage(ticket.id(), body);
    }

    @Transactional
    public SatisfactionRating rate(UUID ticketId, String accessToken, Integer rating, String feedback) {
        Ticket ticket = authorize(ticketId, accessToken);
        if (rating == null || rating < 1 || rating > 5) {
            throw new InvalidInputException("rating", "must be a whole number from 1 to 5");
        }
        if (feedback != null && feedback.length() > 5000) {
            throw new InvalidInputException("feedback", "at most 5000 characters");
        }
        if (ticket.status() != TicketStatus.RESOLVED && ticket.status() != TicketStatus.CLOSED) {
            throw new ConflictException("A ticket can be rated once it is resolved");
        }
        boolean rated = !tenancy.em().createQuery("SELECT r FROM SatisfactionRating r WHERE r.ticketId = :t", SatisfactionRating.class)
                .setParameter("t", ticket.id()).getResultList().isEmpty();
        if (rated) {
            throw new ConflictException("This ticket was already rated");
        }
        SatisfactionRating stored = new SatisfactionRating(ticket.id(), rating, feedback == null ? null : feedback.strip());
        tenancy.em().persist(stored);
        tenancy.em().persist(new TicketEvent(ticket.id(), "rated", org.relaydesk.core.ticket.FieldChange.of("rating", null, rating),
                Actor.customer(ticket.requester().id(), ticket.requester().name()), stored.createdAt()));
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
        List<?> rows = tenancy.sql(
                "SELECT CAST(i.workspace_id AS text), CAST(i.contact_id AS text) FROM contact_identities i "
                        + "WHERE i.kind = 'EMAIL' AND lower(i.value) = ?1").setParameter(1, normalized).getResultList();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            tenancy.actAs(UUID.fromString(columns[0].toString()));
            List<Ticket> own = tenancy.em().createQuery(
                    "SELECT t FROM Ticket t WHERE t.requester.id = :c AND t.mergedIntoId IS NULL ORDER BY t.createdAt DESC", Ticket.class)
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

    /** The ticket the token opens, or 404 for a wrong token, another ticket's token, or no token. */
    private Ticket authorize(UUID ticketId, String accessToken) {
        if (accessToken == null || accessToken.isBlank()) {
            throw new NotFoundException("Ticket");
        }
        List<?> rows = tenancy.sql(
                "SELECT CAST(workspace_id AS text) FROM ticket_access_tokens WHERE token_hash = ?1 AND ticket_id = CAST(?2 AS uuid)")
                .setParameter(1, Secrets.sha256(accessToken.trim())).setParameter(2, ticketId.toString()).getResultList();
        if (rows.isEmpty()) {
            throw new NotFoundException("Ticket");
        }
        tenancy.actAs(UUID.fromString(rows.get(0).toString()));
        return tickets.get(ticketId);
    }

    /** A new access token for the ticket, as the address of its status page (kept only if the caller's transaction commits). */
    @Transactional
    public String statusLink(UUID ticketId) {
        return org.relaydesk.core.channel.NoticeMailer.baseUrl() + "/track.html?ticket=" + ticketId + "&token=" + mintToken(ticketId);
    }

    /** A new access token for the ticket: only its hash is stored, the token itself is handed out once. */
    private String mintToken(UUID ticketId) {
        String token = Secrets.newToken(ACCESS_TOKEN_PREFIX);
        tenancy.em().persist(new TicketAccessToken(ticketId, Secrets.sha256(token)));
        return token;
    }

    /** Queues the "we have your request" email, with its own status link minted when it is sent. */
    @Transactional
    public void confirmReceipt(UUID ticketId, String email) {
        tenancy.em().persist(new OutboxEntry(TicketReceivedEmail.KIND, Jsonp.createObjectBuilder().add("ticket_id", ticketId.toString())
                .add("to", email).build().toString()));
    }
}
