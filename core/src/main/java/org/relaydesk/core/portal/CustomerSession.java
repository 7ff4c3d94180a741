package org.relaydesk.core.portal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.relaydesk.core.persistence.WorkspaceOwned;

/**
 * A signed-in portal session, kept in the database (so every node of a cluster knows it) under the
 * digest of the cookie's token. Apart from the staff panels' sessions by design: nothing a customer
 * does can produce one of those.
 */
@Entity
@Table(name = "customer_sessions")
public class CustomerSession extends WorkspaceOwned {
    @Column(name = "account_id", nullable = false)
    private UUID accountId;

    @Column(name = "token_hash", nullable = false)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected CustomerSession() {
    }

    CustomerSession(UUID accountId, String tokenHash, Instant now, java.time.Duration lifetime) {
        this.accountId = accountId;
        this.tokenHash = tokenHash;
        this.createdAt = now;
        this.expiresAt = now.plus(lifetime);
    }

    boolean activeAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    UUID accountId() {
        return accountId;
    }
}
