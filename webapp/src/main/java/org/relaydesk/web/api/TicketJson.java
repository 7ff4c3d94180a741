package org.relaydesk.web.api;

import org.relaydesk.core.text.Jsonp;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.relaydesk.core.ticket.Ticket;

/** A ticket as the API shows it (seed 003's field names). */
public record TicketJson(UUID id, UUID workspaceId, String ticketNumber, long number, String subject, String description, String status,
        String statusCategory, String priority, String type, UUID categoryId, UUID requesterId, String requesterEmail,
        String requesterName, UUID assigneeId, String assigneeName, UUID teamId, UUID departmentId, String sourceChannel,
        List<String> tags, JsonObject customFields, UUID mergedIntoId, Instant firstResponseAt, Instant resolvedAt,
        Instant closedAt, Instant createdAt, Instant updatedAt, SlaSummary sla, List<String> requiredSkills, String requesterPhone,
        List<ContactJson.IdentityJson> requesterIdentities, WindowJson conversationWindow) {

    /**
     * The conversation window of the ticket's channel (GET /api/tickets/{id} only; null in lists):
     * {@code state} open (until {@code open_until}), closed (since {@code open_until}, null: never
     * opened) or none (the channel has no window); {@code reason} the provider's rule.
     */
    public record WindowJson(String state, Instant openUntil, String reason, String whenClosed) {
        static WindowJson of(org.relaydesk.core.channel.ReplyRoutes.WindowState w) {
            return w == null ? null : new WindowJson(w.state(), w.openUntil(), w.reason(), w.whenClosed());
        }
    }

    /**
     * The SLA as last computed; due times are null for clocks that are not running. {@code error}: why it could not be computed
     * lately (the watcher set the ticket aside and tries again later), else null. Detail at GET /api/tickets/{id}/sla.
     */
    public record SlaSummary(UUID policyId, Instant firstResponseDueAt, Instant nextResponseDueAt, Instant resolutionDueAt, String state,
            String error) {
    }

    /** {@code workspace} is the caller's: tenant isolation means every ticket shown belongs to it. */
    public static TicketJson of(Ticket t, org.relaydesk.core.workspace.Workspace workspace) {
        return of(t, workspace, null);
    }

    public static TicketJson of(Ticket t, org.relaydesk.core.workspace.Workspace workspace, org.relaydesk.core.channel.ReplyRoutes.WindowState window) {
        String prefix = workspace.ticketPrefix();
        return new TicketJson(t.id(), workspace.id(), prefix + t.number(), t.number(), t.subject(), t.description(), t.status().apiName(),
                t.status().category().apiName(), t.priority().apiName(), t.type().apiName(), t.categoryId(),
                t.requester().id(), t.requester().primaryEmail(), t.requester().name(),
                t.assignee() == null ? null : t.assignee().id(), t.assignee() == null ? null : t.assignee().name(),
                t.teamId(), t.departmentId(), t.sourceChannel(), t.tags().stream().sorted().toList(),
                Jsonp.createReader(new StringReader(t.customFields())).readObject(), t.mergedIntoId(), t.firstResponseAt(),
                t.resolvedAt(), t.closedAt(), t.createdAt(), t.updatedAt(), new SlaSummary(t.slaPolicyId(), t.slaFirstResponseDueAt(),
                        t.slaNextResponseDueAt(), t.slaResolutionDueAt(), t.slaState(), t.slaError()), List.copyOf(t.requiredSkills()),
                t.requester().primaryPhone(), ContactJson.identities(t.requester()), WindowJson.of(window));
    }
}
