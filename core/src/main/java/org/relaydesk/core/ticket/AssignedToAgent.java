package org.relaydesk.core.ticket;

import java.util.UUID;

/** A ticket was given to a staff member (fired in the transaction of the change); {@code actorId} null for routing and rules. */
public record AssignedToAgent(UUID workspaceId, UUID ticketId, UUID assigneeId, UUID actorId, String actorName) {
}
