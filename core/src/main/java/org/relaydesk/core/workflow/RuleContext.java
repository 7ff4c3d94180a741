package org.relaydesk.core.workflow;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.api.workflow.ActionContext;
import org.relaydesk.api.workflow.ActionFailedException;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketPatch;
import org.relaydesk.core.ticket.TicketService;

/** What an action may do, done through TicketService as "Rule: name", each refusal an ActionFailedException. */
final class RuleContext implements ActionContext {
    private final TicketService tickets;
    private final org.relaydesk.core.canned.CannedResponseService canned;
    private final org.relaydesk.core.persistence.Tenancy tenancy;
    private final String ruleName;
    private final UUID ticketId;
    private final Actor actor;

    RuleContext(TicketService tickets, org.relaydesk.core.canned.CannedResponseService canned, org.relaydesk.core.persistence.Tenancy tenancy,
            String ruleName, UUID ticketId) {
        this.tickets = tickets;
        this.canned = canned;
        this.tenancy = tenancy;
        this.ruleName = ruleName;
        this.ticketId = ticketId;
        this.actor = new Actor("rule", null, "Rule: " + ruleName);
    }

    @Override
    public String ruleName() {
        return ruleName;
    }

    @Override
    public TicketSnapshot ticket() {
        return WorkflowEngine.snapshot(tickets.get(ticketId));
    }

    @Override
    public void setPriority(TicketPriority priority) throws ActionFailedException {
        patch(new TicketPatch(null, null, null, priority.apiName(), null, null, null, null, null, null, null));
    }

    @Override
    public void setStatus(TicketStatus status) throws ActionFailedException {
        attempt(() -> {
            if (status == TicketStatus.RESOLVED) {
                tickets.resolve(ticketId, actor);
            } else if (status == TicketStatus.CLOSED) {
                tickets.close(ticketId, actor);
            } else {
                tickets.update(ticketId, new TicketPatch(null, null, status.apiName(), null, null, null, null, null, null, null, null), actor);
            }
        });
    }

    @Override
    public void assignTo(UUID userId) throws ActionFailedException {
        attempt(() -> tickets.assign(ticketId, userId, actor));
    }

    @Override
    public void moveToTeam(UUID teamId) throws ActionFailedException {
        patch(new TicketPatch(null, null, null, null, null, null, null, Optional.of(teamId), null, null, null));
    }

    @Override
    public void addTag(String tag) throws ActionFailedException {
        Set<String> tags = new LinkedHashSet<>(tickets.get(ticketId).tags());
        tags.add(tag);
        patch(new TicketPatch(null, null, null, null, null, null, null, null, null, tags, null));
    }

    @Override
    public void removeTag(String tag) throws ActionFailedException {
        Ticket ticket = tickets.get(ticketId);
        Set<String> tags = new LinkedHashSet<>(ticket.tags());
        tags.removeIf(t -> t.equalsIgnoreCase(tag));
        patch(new TicketPatch(null, null, null, null, null, null, null, null, null, tags, null));
    }

    @Override
    public void addInternalNote(String text) throws ActionFailedException {
        attempt(() -> tickets.addAutomatedMessage(ticketId, text, true, actor));
    }

    @Override
    public void reply(String text) throws ActionFailedException {
        attempt(() -> tickets.addAutomatedMessage(ticketId, text, false, actor));
    }

    @Override
    public void replyWithCannedResponse(UUID cannedResponseId) throws ActionFailedException {
        attempt(() -> tickets.addAutomatedMessage(ticketId, canned.use(cannedResponseId, ticketId, "The support team").content(), false, actor));
    }

    @Override
    public void notifyStaff(Recipients recipients, String message) throws ActionFailedException {
        Ticket ticket = tickets.get(ticketId);
        java.util.List<org.relaydesk.core.user.User> staff = tenancy.em()
                .createQuery("SELECT u FROM User u WHERE u.active = TRUE ORDER BY u.name", org.relaydesk.core.user.User.class).getResultList();
        Set<UUID> team = ticket.teamId() == null ? Set.of()
                : java.util.Optional.ofNullable(tenancy.em().find(org.relaydesk.core.team.Team.class, ticket.teamId()))
                        .map(org.relaydesk.core.team.Team::memberIds).orElse(Set.of());
        java.util.List<String> to = staff.stream().filter(u -> switch (recipients) {
            case ASSIGNEE -> ticket.assignee() != null && ticket.assignee().id().equals(u.id());
            case TEAM -> team.contains(u.id());
            case SUPERVISORS -> u.role().atLeast(org.relaydesk.core.user.Role.SUPERVISOR) && (team.isEmpty() || team.contains(u.id()));
            case ALL_AGENTS -> true;
        }).map(org.relaydesk.core.user.User::email).toList();
        if (to.isEmpty()) {
            throw new ActionFailedException("nobody to notify (" + recipients.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")");
        }
        // one entry per address: a failure for one (a full mailbox) is retried for that one alone
        for (String address : to) {
            String payload = org.relaydesk.core.text.Jsonp.createObjectBuilder().add("to", address).add("subject", "[#" + ticket.number() + "] " + ticket.subject())
                    .add("message", message).add("ticket_id", ticketId.toString()).add("ticket_number", ticket.number()).add("rule", ruleName)
                    .build().toString();
            tenancy.em().persist(new org.relaydesk.core.outbox.OutboxEntry(StaffNotificationEmail.KIND, payload));
        }
    }

    private void patch(TicketPatch patch) throws ActionFailedException {
        attempt(() -> tickets.update(ticketId, patch, actor));
    }

    private static void attempt(Runnable change) throws ActionFailedException {
        try {
            change.run();
        } catch (InvalidInputException | ConflictException | NotFoundException | PermissionDeniedException e) {
            String reason = e instanceof InvalidInputException invalid && !invalid.fieldErrors().isEmpty()
                    ? invalid.fieldErrors().entrySet().stream().map(f -> f.getKey() + " " + f.getValue()).reduce((a, b) -> a + "; " + b).orElse(e.getMessage())
                    : e.getMessage();
            throw new ActionFailedException(reason);
        }
    }
}
