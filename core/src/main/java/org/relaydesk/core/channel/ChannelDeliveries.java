package org.relaydesk.core.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.ticket.TicketService;

/** How each agent reply of a ticket fared on its way out through the ticket's channel, for the thread and the API. */
@ApplicationScoped
public class ChannelDeliveries {
    @Inject
    Tenancy tenancy;

    /**
     * {@code status}: sending, sent, retrying (an attempt failed; tried again at nextAttemptAt),
     * failed (given up; replayable), or what the channel reported after sending: delivered, read,
     * bounced (with the channel's words in {@code receiptDetail}).
     */
    public record Delivery(String status, int attempts, String lastError, Instant nextAttemptAt, String channel, String receiptDetail) {
        /** "Sent through Support inbox", "Not sent yet through …: the server refused (attempt 2; next try in 10 min)", "Bounced: …". */
        public String describe(Instant now) {
            return switch (status) {
                case "sent" -> "Sent through " + channel;
                case "delivered" -> "Delivered through " + channel;
                case "read" -> "Read by the customer";
                case "bounced" -> "Sent through " + channel + ", but it bounced" + (receiptDetail == null || receiptDetail.isBlank() ? "" : ": " + receiptDetail);
                case "sending" -> "Sending through " + channel + "…";
                case "retrying" -> "Not sent yet through " + channel + ": " + lastError + " (attempt " + attempts + "; next try in "
                        + wait(Duration.between(now, nextAttemptAt)) + ")";
                default -> "Not delivered through " + channel + ": " + lastError;
            };
        }

        private static String wait(Duration duration) {
            long seconds = Math.max(0, duration.toSeconds());
            return seconds < 90 ? seconds + " s" : seconds < 5400 ? (seconds + 30) / 60 + " min" : (seconds + 1800) / 3600 + " h";
        }
    }

    /** Message id to its delivery, for the ticket's replies that went (or go) out through a channel. */
    @Transactional
    public Map<UUID, Delivery> ofTicket(UUID ticketId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = tenancy.sql("SELECT o.payload->>'message_id', o.status, o.attempts, o.last_error, o.next_attempt_at, a.name, r.status, "
                        + "r.detail FROM outbox o LEFT JOIN channel_accounts a ON CAST(a.id AS text) = o.payload->>'account_id' "
                        + "LEFT JOIN messages m ON m.id = CAST(o.payload->>'message_id' AS uuid) "
                        + "LEFT JOIN message_receipts r ON r.workspace_id = o.workspace_id AND r.external_id = m.external_id "
                        + "WHERE o.workspace_id = CAST(?1 AS uuid) AND o.kind = ?2 AND o.payload->>'ticket_id' = ?3")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, TicketService.CHANNEL_REPLY).setParameter(3, ticketId.toString())
                .getResultList();
        Map<UUID, Delivery> deliveries = new HashMap<>();
        for (Object[] row : rows) {
            String status = row[1].toString();
            int attempts = ((Number) row[2]).intValue();
            String receipt = row[6] == null ? null : row[6].toString();
            String shown = switch (status) {
                case "sent" -> receipt == null ? "sent" : receipt.equals("failed") ? "bounced" : receipt;
                case "dead" -> "failed";
                default -> attempts == 0 ? "sending" : "retrying";
            };
            deliveries.put(UUID.fromString(row[0].toString()), new Delivery(shown, attempts, row[3] == null ? null : row[3].toString(),
                    ((java.sql.Timestamp) row[4]).toInstant(), row[5] == null ? "a removed channel" : row[5].toString(),
                    row[7] == null ? null : row[7].toString()));
        }
        return deliveries;
    }
}
