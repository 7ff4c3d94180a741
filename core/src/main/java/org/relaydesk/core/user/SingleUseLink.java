package org.relaydesk.core.user;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.relaydesk.core.persistence.Tenancy;

/**
 * The single-use, expiring part of an emailed link (a staff invitation or password reset, a portal
 * customer's verification, sign-in or reset link): a random token given out once, of which only the
 * SHA-256 is kept, when it expires and when it was used. Embedded in each kind of link's entity,
 * whose table has the columns {@code token_hash}, {@code expires_at}, {@code used_at} and
 * {@code created_at}; the entity adds whom the link is for and what it does.
 */
@Embeddable
public class SingleUseLink {
    /** A longer token is nobody's: refused before it is hashed. */
    static final int MAX_TOKEN = 200;

    @Column(name = "token_hash", nullable = false)
    private String tokenHash;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected SingleUseLink() {
    }

    private SingleUseLink(String tokenHash, Instant now, Duration lifetime) {
        this.tokenHash = tokenHash;
        this.createdAt = now;
        this.expiresAt = now.plus(lifetime);
    }

    /** A new link's token (to send, never stored) and the part to keep. */
    public record Minted(String token, SingleUseLink link) {
    }

    /** A new random token with this prefix, usable for {@code lifetime} from {@code now}. */
    public static Minted mint(String prefix, Instant now, Duration lifetime) {
        String token = Secrets.newToken(prefix);
        return new Minted(token, new SingleUseLink(Secrets.sha256(token), now, lifetime));
    }

    public boolean usableAt(Instant now) {
        return usedAt == null && now.isBefore(expiresAt);
    }

    public void use(Instant at) {
        if (usedAt == null) {
            usedAt = at;
        }
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant usedAt() {
        return usedAt;
    }

    /**
     * The link of this token in {@code table} (mapped by {@code type}), in whichever workspace it was
     * made, which becomes the current one; used or expired ones too (the caller judges with
     * {@link #usableAt}). A blank or oversized token finds nothing.
     */
    public static <T> Optional<T> find(Tenancy tenancy, String table, Class<T> type, String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN) {
            return Optional.empty();
        }
        // the table name is the caller's constant, never input; the token goes in as a parameter
        List<?> rows = tenancy.sql("SELECT CAST(workspace_id AS text), CAST(id AS text) FROM " + table + " WHERE token_hash = ?1")
                .setParameter(1, Secrets.sha256(token.trim())).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        tenancy.actAs(UUID.fromString(row[0].toString()));
        return Optional.ofNullable(tenancy.em().find(type, UUID.fromString(row[1].toString())));
    }
}
