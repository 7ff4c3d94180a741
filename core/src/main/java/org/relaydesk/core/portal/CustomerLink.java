package org.relaydesk.core.portal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.relaydesk.core.persistence.WorkspaceOwned;

/** A one-time link emailed to a customer; only its token's digest is kept. */
@Entity
@Table(name = "customer_links")
public class CustomerLink extends WorkspaceOwned {
    /** What a link does, and how long it lives. */
    public enum Purpose {
        /** Confirms the address of a new account (a day). */
        VERIFY(java.time.Duration.ofDays(1)),
        /** Signs in without a password (15 minutes). */
        SIGN_IN(java.time.Duration.ofMinutes(15)),
        /** Chooses a new password (an hour). */
        RESET(java.time.Duration.ofHours(1));

        private final java.time.Duration lifetime;

        Purpose(java.time.Duration lifetime) {
            this.lifetime = lifetime;
        }

        public java.time.Duration lifetime() {
            return lifetime;
        }
    }

    @Column(name = "account_id", nullable = false)
    private UUID accountId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Purpose purpose;

    @Column(name = "token_hash", nullable = false)
    private String tokenHash;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected CustomerLink() {
    }

    CustomerLink(UUID accountId, Purpose purpose, String tokenHash, Instant now) {
        this.accountId = accountId;
        this.purpose = purpose;
        this.tokenHash = tokenHash;
        this.createdAt = now;
        this.expiresAt = now.plus(purpose.lifetime());
    }

    boolean usableAt(Instant now) {
        return usedAt == null && now.isBefore(expiresAt);
    }

    void use(Instant at) {
        usedAt = at;
    }

    UUID accountId() {
        return accountId;
    }

    Purpose purpose() {
        return purpose;
    }
}
