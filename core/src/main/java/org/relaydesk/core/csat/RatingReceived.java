package org.relaydesk.core.csat;

import java.util.UUID;

/** Domain event: a customer rated a ticket's support (survey link, WhatsApp, status page), in the transaction that stored it. */
public record RatingReceived(UUID workspaceId, UUID ticketId, UUID ratingId) {
}
