package org.relaydesk.api.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A committed change to a ticket. {@code action} names it: created, updated, status_changed,
 * replied (a public reply by staff), customer_replied, note_added, assigned, merged, deleted, and
 * the SLA's own (sla_warning, sla_breached), as the host's change events do. {@code ticketNumber}
 * is the number as customers see it ("#1001"). Since 1.1.
 */
public record TicketEvent(UUID workspaceId, UUID ticketId, String ticketNumber, String action, Instant at) {
}
