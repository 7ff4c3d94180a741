package org.relaydesk.core.channel;

import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.user.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.persistence.Tenancy;

/** The stored inbound messages of an account, for admins: what was filed, what was set aside and why; a retry. */
@ApplicationScoped
public class InboundMessages {
    static final List<String> STATUSES = List.of("pending", "done", "failed", "ignored");

    @Inject
    Tenancy tenancy;

    @Inject
    ChannelAccounts accounts;

    public record Entry(UUID id, String externalId, String contentType, int size, Instant receivedAt, String status, int attempts, String error,
            UUID ticketId, Instant processedAt) {
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public List<Entry> list(UUID accountId, String status, int limit) {
        accounts.get(accountId);
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidInputException("status", "must be one of " + String.join(", ", STATUSES));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = tenancy.sql("SELECT CAST(id AS text), external_id, content_type, octet_length(content), received_at, status, attempts, error, "
                        + "CAST(ticket_id AS text), processed_at FROM inbound_messages WHERE workspace_id = CAST(?1 AS uuid) AND account_id = CAST(?2 AS uuid) "
                        + "AND (CAST(?3 AS text) IS NULL OR status = ?3) ORDER BY received_at DESC LIMIT " + Math.max(1, Math.min(limit, 200)))
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, accountId.toString()).setParameter(3, status).getResultList();
        return rows.stream().map(r -> new Entry(UUID.fromString(r[0].toString()), r[1].toString(), r[2].toString(), ((Number) r[3]).intValue(),
                ((java.sql.Timestamp) r[4]).toInstant(), r[5].toString(), ((Number) r[6]).intValue(), r[7] == null ? null : r[7].toString(),
                r[8] == null ? null : UUID.fromString(r[8].toString()), r[9] == null ? null : ((java.sql.Timestamp) r[9]).toInstant())).toList();
    }

    /** A set-aside message goes back in line (after a fix in the plugin or the settings). */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public void retry(UUID accountId, UUID messageId) {
        accounts.get(accountId);
        List<?> found = tenancy.sql("SELECT status FROM inbound_messages WHERE id = CAST(?1 AS uuid) AND account_id = CAST(?2 AS uuid) "
                        + "AND workspace_id = CAST(?3 AS uuid)").setParameter(1, messageId.toString()).setParameter(2, accountId.toString())
                .setParameter(3, tenancy.workspaceId().toString()).getResultList();
        if (found.isEmpty()) {
            throw new NotFoundException("Inbound message");
        }
        Object status = found.get(0);
        if (!"failed".equals(status) && !"ignored".equals(status)) {
            throw new ConflictException("Only a message that was set aside or ignored can be retried (this one is " + status + ")");
        }
        tenancy.sql("UPDATE inbound_messages SET status = 'pending', error = NULL WHERE id = CAST(?1 AS uuid) AND workspace_id = CAST(?2 AS uuid)")
                .setParameter(1, messageId.toString()).setParameter(2, tenancy.workspaceId().toString()).executeUpdate();
    }
}
