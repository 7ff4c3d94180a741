package org.relaydesk.core.ticket;

import java.util.UUID;

/**
 * Domain event fired for every change of a ticket (created, updated, commented, merged...). The
 * workflow engine, realtime push, webhooks and plugins observe it. {@code messageId}: the message a
 * comment, note or customer reply added, else null.
 */
public record TicketChanged(UUID workspaceId, UUID ticketId, long number, String action, String actorType, UUID actorId,
        String actorName, UUID messageId) {

    public TicketChanged(UUID workspaceId, UUID ticketId, long number, String action, String actorType, UUID actorId, String actorName) {
        this(workspaceId, ticketId, number, action, actorType, actorId, actorName, null);
    }
}
