package org.relaydesk.core.ticket;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.relaydesk.core.persistence.WorkspaceOwned;

/** Lets a customer without an account see and answer one ticket. Only the hash is stored. */
@Entity
@Table(name = "ticket_access_tokens")
public class TicketAccessToken extends WorkspaceOwned {
    @Column(name = "ticket_id", nullable = false)
    private UUID ticketId;

    @Column(name = "token_hash", nullable = false)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected TicketAccessToken() {
    }

    public TicketAccessToken(UUID ticketId, String tokenHash) {
        this.ticketId = ticketId;
        this.tokenHash = tokenHash;
    }

    public UUID ticketId() {
        return ticketId;
    }
}
