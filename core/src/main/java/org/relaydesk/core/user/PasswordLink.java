package org.relaydesk.core.user;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.relaydesk.core.persistence.WorkspaceOwned;

/** A one-time link to set a password (an invitation or a reset): for whom and what for; the token part is a {@link SingleUseLink}. */
@Entity
@Table(name = "password_links")
public class PasswordLink extends WorkspaceOwned {
    /** What the link is for: an invitation lives a week, a reset an hour. */
    public enum Purpose {
        INVITE, RESET
    }

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Purpose purpose;

    @Embedded
    private SingleUseLink link;

    protected PasswordLink() {
    }

    PasswordLink(UUID userId, Purpose purpose, SingleUseLink link) {
        this.userId = userId;
        this.purpose = purpose;
        this.link = link;
    }

    boolean usableAt(Instant now) {
        return link.usableAt(now);
    }

    void use(Instant at) {
        link.use(at);
    }

    public UUID userId() {
        return userId;
    }

    public Purpose purpose() {
        return purpose;
    }

    public Instant expiresAt() {
        return link.expiresAt();
    }
}
