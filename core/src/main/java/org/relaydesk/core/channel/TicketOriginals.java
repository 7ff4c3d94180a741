package org.relaydesk.core.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.ticket.TicketService;

/**
 * The messages as they arrived (an email's full source, quotes and signature included) of a ticket
 * the caller may see: the thread shows them trimmed, the original stays available here. They live
 * with their channel account: deleting the account removes them.
 */
@ApplicationScoped
public class TicketOriginals {
    @Inject
    Tenancy tenancy;

    @Inject
    TicketService tickets;

    public record Original(UUID id, String channel, String externalId, String contentType, int size, Instant receivedAt) {
        /** For the panel's links. */
        public String getIdText() {
            return id.toString();
        }
    }

    public record Content(String contentType, String fileName, byte[] bytes) {
        /** Never shown as a page: downloaded, and sandboxed should a browser try. */
        public Map<String, String> downloadHeaders() {
            return Map.of("Content-Disposition", "attachment; filename=\"" + fileName + "\"", "X-Content-Type-Options", "nosniff",
                    "Content-Security-Policy", "sandbox");
        }
    }

    @Transactional
    public List<Original> of(UUID ticketId) {
        tickets.get(ticketId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = tenancy.sql("SELECT CAST(m.id AS text), a.name, m.external_id, m.content_type, octet_length(m.content), m.received_at "
                        + "FROM inbound_messages m JOIN channel_accounts a ON a.id = m.account_id WHERE m.workspace_id = CAST(?1 AS uuid) "
                        + "AND m.ticket_id = CAST(?2 AS uuid) AND m.status = 'done' ORDER BY m.received_at")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, ticketId.toString()).getResultList();
        return rows.stream().map(r -> new Original(UUID.fromString(r[0].toString()), r[1].toString(), r[2].toString(), r[3].toString(),
                ((Number) r[4]).intValue(), ((java.sql.Timestamp) r[5]).toInstant())).toList();
    }

    /** One original of a ticket the caller may see; 404 for another ticket's or an unknown one. */
    @Transactional
    public Content content(UUID ticketId, UUID originalId) {
        tickets.get(ticketId);
        List<?> rows = tenancy.sql("SELECT content_type, content, received_at FROM inbound_messages WHERE id = CAST(?1 AS uuid) "
                        + "AND ticket_id = CAST(?2 AS uuid) AND workspace_id = CAST(?3 AS uuid) AND status = 'done'")
                .setParameter(1, originalId.toString()).setParameter(2, ticketId.toString()).setParameter(3, tenancy.workspaceId().toString())
                .getResultList();
        if (rows.isEmpty()) {
            throw new NotFoundException("Original message");
        }
        Object[] row = (Object[]) rows.get(0);
        String type = row[0].toString();
        String extension = type.equals("message/rfc822") ? ".eml" : type.contains("json") ? ".json" : ".bin";
        String stamp = ((java.sql.Timestamp) row[2]).toInstant().toString().replace(":", "").replaceAll("\\..*", "");
        return new Content(type.equals("message/rfc822") ? type : "application/octet-stream", "original-" + stamp + extension, (byte[]) row[1]);
    }
}
