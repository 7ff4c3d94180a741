package org.relaydesk.core.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.relaydesk.core.persistence.WorkspaceOwned;

/** A personal API token. Only its SHA-256 is stored; the token itself is shown once. */
@Entity
@Table(name = "api_tokens")
public class ApiToken extends WorkspaceOwned {
    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(nullable = false)
    private String name;

    @Column(name = "token_hash", nullable = false)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(nullable = false)
    private String scopes;

    @Column(name = "minted_by")
    private String mintedBy;

    protected ApiToken() {
    }

    public ApiToken(UUID userId, String name, String tokenHash, java.util.Set<TokenScope> scopes, Instant expiresAt, String mintedBy) {
        this.userId = userId;
        this.name = name;
        this.tokenHash = tokenHash;
        this.scopes = TokenScope.format(scopes);
        this.expiresAt = expiresAt;
        this.mintedBy = mintedBy;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public java.util.Set<TokenScope> scopes() {
        return TokenScope.parse(scopes);
    }

    public void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }

    public UUID userId() {
        return userId;
    }

    public String name() {
        return name;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }
}
