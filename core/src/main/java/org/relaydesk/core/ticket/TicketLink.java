package org.relaydesk.core.ticket;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.relaydesk.core.persistence.WorkspaceOwned;

/** A typed link from one ticket to another. */
@Entity
@Table(name = "ticket_links")
public class TicketLink extends WorkspaceOwned {
    public enum Kind { MERGED_INTO, SPLIT_FROM, RELATED, ORIGINATING_CHAT }

    @Column(name = "ticket_id", nullable = false)
    private UUID ticketId;

    @Column(name = "linked_ticket_id", nullable = false)
    private UUID linkedTicketId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Kind kind;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected TicketLink() {
    }

    public TicketLink(UUID ticketId, UUID linkedTicketId, Kind kind) {
        this.ticketId = ticketId;
        this.linkedTicketId = linkedTicketId;
        this.kind = kind;
    }

    public UUID ticketId() {
        return ticketId;
    }

    public UUID linkedTicketId() {
        return linkedTicketId;
    }

    public Kind kind() {
        return kind;
    }
}
