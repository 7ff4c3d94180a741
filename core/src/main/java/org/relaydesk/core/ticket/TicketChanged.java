package org.relaydesk.core.ticket;

import java.util.UUID;

/**
 * Domain event fired for every change of a ticket (created, updated, commented, merged...). The
 * workflow engine, realtime push, webhooks and plugins observe it.
 */
public record TicketChanged(UUID workspaceId, UUID ticketId, long number, String action, String actorType, UUID actorId,
        String actorName) {
}
