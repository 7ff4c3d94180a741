package org.relaydesk.core.ticket;

import java.util.UUID;

/** A customer's message joined a ticket (fired in its transaction), for the assignee's notice. */
public record CustomerReplied(UUID workspaceId, UUID ticketId, UUID messageId) {
}
