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

    @Inject
    org.relaydesk.core.plugin.PluginHost plugins;

    /**
     * {@code status}: sending, sent, retrying (an attempt failed; tried again at nextAttemptAt),
     * failed (given up, or refused for good: a closed conversation window, an opted-out customer; or
     * reported failed by a messaging provider, its words in {@code receiptDetail}), or what the
     * channel reported after sending: sent (accepted by the provider), delivered, read, bounced (an
     * email's failure report, with the channel's words in {@code receiptDetail}). {@code kind}: the
     * channel kind it goes out through ("whatsapp", "email"), null when the account is gone;
     * {@code address} where it goes (null: as the channel decides, for replies queued before this was
     * kept); {@code byMailbox} it went by email because the ticket's own channel cannot send. Status
     * not_sent: nothing could carry it ({@code lastError} says why), the reply stays on the ticket.
     */
    public record Delivery(String status, int attempts, String lastError, Instant nextAttemptAt, String channel, String receiptDetail, String kind,
            String address, boolean byMailbox) {
        /** A reply nothing could carry: kept on the ticket, {@code reason} saying why. */
        static Delivery notSent(String reason) {
            return new Delivery("not_sent", 0, reason, null, null, null, null, null, false);
        }

        /** "Sent through Support inbox to mia@shop.test", "Not sent yet through …: the server refused (attempt 2; next try in 10 min)", "Bounced: …". */
        public String describe(Instant now) {
            String channel = this.channel + (address == null ? "" : " to " + address) + (byMailbox ? " (by email: the ticket's channel cannot send)" : "");
            return switch (status) {
                case "not_sent" -> lastError;
                case "sent" -> "Sent through " + channel;
                case "delivered" -> "Delivered through " + channel;
                case "read" -> "Read by the customer";
                case "failed" -> "Not delivered through " + channel + ": " + (lastError != null ? lastError
                        : receiptDetail == null || receiptDetail.isBlank() ? "the channel reported a failure" : receiptDetail);
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

    /**
     * Message id to its delivery, for the ticket's replies that went (or go) out through a channel. A
     * reply the channel sent as several messages (message_parts) is as far as its slowest part: read
     * when every part was read, failed when any part failed.
     */
    @Transactional
    public Map<UUID, Delivery> ofTicket(UUID ticketId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = tenancy.sql("SELECT o.payload->>'message_id', o.status, o.attempts, o.last_error, o.next_attempt_at, a.name, r.status, "
                        + "r.detail, a.kind, o.payload->>'to', coalesce(o.payload->>'by_mailbox', 'false') FROM outbox o LEFT JOIN channel_accounts a ON CAST(a.id AS text) = o.payload->>'account_id' "
                        + "LEFT JOIN messages m ON m.id = CAST(o.payload->>'message_id' AS uuid) "
                        + "LEFT JOIN LATERAL (SELECT CASE WHEN bool_or(x.status = 'failed') THEN 'failed' WHEN count(x.external_id) < count(*) THEN NULL "
                        + "ELSE (array_agg(x.status ORDER BY x.rank))[1] END AS status, "
                        + "(array_agg(x.detail ORDER BY x.status = 'failed' DESC, x.rank) FILTER (WHERE x.detail IS NOT NULL))[1] AS detail "
                        + "FROM (SELECT p.external_id FROM message_parts p WHERE p.message_id = m.id "
                        + "UNION SELECT m.external_id WHERE m.external_id IS NOT NULL) ids "
                        + "LEFT JOIN message_receipts x ON x.workspace_id = o.workspace_id AND x.external_id = ids.external_id "
                        // only what the account the reply went out through reported: another number's webhook cannot speak for it
                        + "AND x.account_id = CAST(o.payload->>'account_id' AS uuid)) r ON true "
                        + "WHERE o.workspace_id = CAST(?1 AS uuid) AND o.kind = ?2 AND o.payload->>'ticket_id' = ?3")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, TicketService.CHANNEL_REPLY).setParameter(3, ticketId.toString())
                .getResultList();
        Map<UUID, Delivery> deliveries = new HashMap<>();
        for (Object[] row : rows) {
            String status = row[1].toString();
            int attempts = ((Number) row[2]).intValue();
            String receipt = row[6] == null ? null : row[6].toString();
            // a messaging provider's failure report is a failure of that message; an email's is a bounce
            boolean messaging = row[8] != null && plugins.channelKind(row[8].toString()).map(org.relaydesk.core.plugin.ChannelKind::messaging).orElse(false);
            String shown = switch (status) {
                case "sent" -> receipt == null ? "sent" : receipt.equals("failed") ? (messaging ? "failed" : "bounced") : receipt;
                case "dead" -> "failed";
                default -> attempts == 0 ? "sending" : "retrying";
            };
            deliveries.put(UUID.fromString(row[0].toString()), new Delivery(shown, attempts, row[3] == null ? null : row[3].toString(),
                    ((java.sql.Timestamp) row[4]).toInstant(), row[5] == null ? "a removed channel" : row[5].toString(),
                    row[7] == null ? null : row[7].toString(), row[8] == null ? null : row[8].toString(), row[9] == null ? null : row[9].toString(),
                    "true".equals(row[10].toString())));
        }
        tenancy.em().createQuery("SELECT m FROM Message m WHERE m.ticketId = :t AND m.notSentReason IS NOT NULL", org.relaydesk.core.ticket.Message.class)
                .setParameter("t", ticketId).getResultList().forEach(m -> deliveries.putIfAbsent(m.id(), Delivery.notSent(m.notSentReason())));
        return deliveries;
    }
}
