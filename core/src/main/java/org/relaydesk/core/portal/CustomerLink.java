package org.relaydesk.core.portal;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.relaydesk.core.persistence.WorkspaceOwned;
import org.relaydesk.core.user.SingleUseLink;

/** A one-time link emailed to a customer: for which account and what it does; the token part is a {@link SingleUseLink}. */
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

    @Embedded
    private SingleUseLink link;

    protected CustomerLink() {
    }

    CustomerLink(UUID accountId, Purpose purpose, SingleUseLink link) {
        this.accountId = accountId;
        this.purpose = purpose;
        this.link = link;
    }

    boolean usableAt(Instant now) {
        return link.usableAt(now);
    }

    void use(Instant at) {
        link.use(at);
    }

    UUID accountId() {
        return accountId;
    }

    Purpose purpose() {
        return purpose;
    }
}
