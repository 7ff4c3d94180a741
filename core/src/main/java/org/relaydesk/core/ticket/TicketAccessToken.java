package org.relaydesk.core.ticket;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.relaydesk.core.persistence.WorkspaceOwned;

/**
 * Lets a customer without an account see and answer one ticket. Only the hash is stored. A link
 * travels by email and sits in mailboxes for years, so it does not open the ticket forever: it
 * lives {@link #LIFETIME} from the last public reply (each reply renews the links still alive), and
 * after that the customer asks for a fresh one by email.
 */
@Entity
@Table(name = "ticket_access_tokens")
public class TicketAccessToken extends WorkspaceOwned {
    public static final Duration LIFETIME = Duration.ofDays(30);

    @Column(name = "ticket_id", nullable = false)
    private UUID ticketId;

    @Column(name = "token_hash", nullable = false)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected TicketAccessToken() {
    }

    public TicketAccessToken(UUID ticketId, String tokenHash, Instant now) {
        this.ticketId = ticketId;
        this.tokenHash = tokenHash;
        this.createdAt = now;
        this.expiresAt = now.plus(LIFETIME);
    }

    public UUID ticketId() {
        return ticketId;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** Valid up to, not including, its expiry. */
    public boolean opensAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    /** A public reply at {@code now}: a live link lasts a full lifetime from it; an expired one stays expired. */
    public void renewOnReply(Instant now) {
        if (opensAt(now) && now.plus(LIFETIME).isAfter(expiresAt)) {
            expiresAt = now.plus(LIFETIME);
        }
    }
}
