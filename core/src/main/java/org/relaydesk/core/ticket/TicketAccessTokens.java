package org.relaydesk.core.ticket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.user.Secrets;

/**
 * The customers' status-page tokens (see {@link TicketAccessToken}): minted one per link sent,
 * checked against their hash and lifetime, renewed by public replies.
 */
@ApplicationScoped
public class TicketAccessTokens {
    public static final String PREFIX = "rdt_";

    @Inject
    Tenancy tenancy;

    /** Replaced in tests; the lifetime rule itself lives in the entity. */
    Clock clock = Clock.systemUTC();

    /** A new token for the ticket: only its hash is stored, the token itself is handed out once. */
    @Transactional
    public String mint(UUID ticketId) {
        String token = Secrets.newToken(PREFIX);
        tenancy.em().persist(new TicketAccessToken(ticketId, Secrets.sha256(token), clock.instant()));
        return token;
    }

    /**
     * Whether this token opens the ticket now (the ticket's own token, not expired); if it does, the
     * request acts for the ticket's workspace from here on. Asked before any workspace is known (a
     * customer has no account), so the token is looked up across workspaces.
     */
    @Transactional
    public boolean open(UUID ticketId, String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return false;
        }
        List<?> rows = tenancy.sql("SELECT CAST(workspace_id AS text), CAST(id AS text) FROM ticket_access_tokens "
                        + "WHERE token_hash = ?1 AND ticket_id = CAST(?2 AS uuid)")
                .setParameter(1, Secrets.sha256(token.trim())).setParameter(2, ticketId.toString()).getResultList();
        if (rows.isEmpty()) {
            return false;
        }
        Object[] row = (Object[]) rows.get(0);
        tenancy.actAs(UUID.fromString(row[0].toString()));
        TicketAccessToken found = tenancy.em().find(TicketAccessToken.class, UUID.fromString(row[1].toString()));
        return found != null && found.opensAt(clock.instant());
    }

    /** A public reply on the ticket at {@code at}: its live links last another full lifetime. */
    @Transactional
    public void renew(UUID ticketId, Instant at) {
        tenancy.em().createQuery("SELECT t FROM TicketAccessToken t WHERE t.ticketId = :t", TicketAccessToken.class)
                .setParameter("t", ticketId).getResultList().forEach(token -> token.renewOnReply(at));
    }
}
