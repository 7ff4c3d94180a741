package org.relaydesk.core.sla;

import java.time.Instant;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.api.ticket.TicketStatus;

/** What happened to a ticket that an SLA clock cares about; the clock is computed from these alone. */
public sealed interface SlaFact {
    Instant at();

    record Created(Instant at, TicketPriority priority, TicketStatus status) implements SlaFact {
    }

    record PriorityChanged(Instant at, TicketPriority priority) implements SlaFact {
    }

    record StatusChanged(Instant at, TicketStatus status) implements SlaFact {
    }

    /** A public reply by staff (internal notes are no answer to the customer). */
    record AgentReplied(Instant at) implements SlaFact {
    }

    record CustomerWrote(Instant at) implements SlaFact {
    }
}
