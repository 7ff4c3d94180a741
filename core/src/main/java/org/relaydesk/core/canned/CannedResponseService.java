package org.relaydesk.core.canned;

import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.user.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.workspace.WorkspaceService;

/** The workspace's library of saved replies. */
@ApplicationScoped
public class CannedResponseService {
    @Inject
    Tenancy tenancy;

    @Inject
    TicketService tickets;

    @Inject
    WorkspaceService workspaces;

    public record CannedInput(String title, String shortcut, String category, String content) {
    }

    @Transactional
    public List<CannedResponse> list() {
        return tenancy.em().createQuery("SELECT c FROM CannedResponse c ORDER BY c.title", CannedResponse.class).getResultList();
    }

    @Transactional
    public CannedResponse get(UUID id) {
        CannedResponse response = tenancy.em().find(CannedResponse.class, id);
        if (response == null) {
            throw new NotFoundException("Canned response");
        }
        return response;
    }

    @Transactional
    @RequiresRole(Role.SUPERVISOR)
    public CannedResponse create(CannedInput input) {
        validate(input, null);
        CannedResponse response = new CannedResponse(input.title().trim(), input.shortcut(), input.category(), input.content());
        tenancy.em().persist(response);
        return response;
    }

    @Transactional
    @RequiresRole(Role.SUPERVISOR)
    public CannedResponse update(UUID id, CannedInput input) {
        CannedResponse response = get(id);
        validate(input, id);
        response.update(input.title().trim(), input.shortcut(), input.category(), input.content(), Instant.now());
        return response;
    }

    @Transactional
    @RequiresRole(Role.SUPERVISOR)
    public void delete(UUID id) {
        tenancy.em().remove(get(id));
    }

    public record Rendered(CannedResponse response, String content) {
    }

    /** Counts a use and renders the variables for the given ticket and agent. */
    @Transactional
    public Rendered use(UUID id, UUID ticketId, AuthenticatedUser agent) {
        return use(id, ticketId, agent.name());
    }

    /** The same for automation, which signs with a name of its own. */
    @Transactional
    public Rendered use(UUID id, UUID ticketId, String signature) {
        CannedResponse response = get(id);
        return new Rendered(response, response.use(variables(ticketId, signature)));
    }

    /** The variables a text for this ticket may use: agent_name, and with a ticket customer_name and ticket_number (visibility-checked). */
    @Transactional
    public Map<String, String> variables(UUID ticketId, String signature) {
        Map<String, String> variables = new java.util.HashMap<>();
        variables.put("agent_name", signature);
        if (ticketId != null) {
            Ticket ticket = tickets.get(ticketId);
            variables.put("customer_name", ticket.requester().name());
            variables.put("ticket_number", workspaces.get(tenancy.workspaceId()).displayNumber(ticket.number()));
            variables.put("contact.name", variables.get("customer_name"));
            variables.put("ticket.number", variables.get("ticket_number"));
        }
        return variables;
    }

    private void validate(CannedInput input, UUID self) {
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        String shortcut = input.shortcut() == null || input.shortcut().isBlank() ? null : input.shortcut().trim().toLowerCase(java.util.Locale.ROOT);
        errors.check(input.title() != null && !input.title().isBlank() && input.title().length() <= 200, "title", "is required (at most 200 characters)")
                .check(input.content() != null && !input.content().isBlank() && input.content().length() <= 50_000, "content", "is required (at most 50000 characters)")
                .check(shortcut == null || CannedResponse.SHORTCUT.matcher(shortcut).matches(), "shortcut",
                        "1 to 40 lowercase letters, digits, - or _")
                .check(input.category() == null || input.category().length() <= 100, "category", "at most 100 characters");
        errors.throwIfAny();
        if (shortcut != null) {
            boolean taken = tenancy.em().createQuery("SELECT c FROM CannedResponse c WHERE c.shortcut = :s", CannedResponse.class)
                    .setParameter("s", shortcut).getResultStream().anyMatch(c -> !c.id().equals(self));
            if (taken) {
                throw new ConflictException("Shortcut /" + shortcut + " is already used by another canned response");
            }
        }
    }
}
