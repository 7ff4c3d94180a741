package org.relaydesk.web.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.relaydesk.core.ticket.Attachment;
import org.relaydesk.core.ticket.Message;
import org.relaydesk.core.ticket.MessageKind;

/**
 * A message of a ticket's conversation; {@code body} is sanitized HTML, {@code body_text} plain text,
 * {@code attachments} the files sent with it, {@code delivery} how a reply fared on its way out through
 * the ticket's channel (null for other messages). {@code source}: where it came from (email,
 * whatsapp, webform or another channel kind, api, portal, agent, system), for the thread's icon;
 * {@code source_account_id} the channel account; {@code template_name} the provider template it was
 * sent as (null: free text).
 */
public record CommentJson(UUID id, UUID workspaceId, UUID ticketId, String kind, String body, String bodyText, String authorType,
        UUID authorId, String authorName, boolean isInternal, UUID mergedFromTicketId, Instant createdAt, Instant editedAt,
        List<AttachmentJson> attachments, DeliveryJson delivery, String source, UUID sourceAccountId, String templateName) {

    /**
     * {@code status}: sending, sent, retrying or failed (see the outbox to replay it), or what the
     * channel reported after sending: delivered, read or bounced; not_sent when nothing could reach
     * the customer ({@code last_error} says why); {@code receipt}: its words (a bounce's reason), or
     * null. {@code channel} the account's name, {@code channel_kind} its kind (email, whatsapp),
     * {@code address} where it went, {@code by_mailbox} true when it went by email because the
     * ticket's own channel cannot send; {@code description} all of it in a sentence.
     */
    public record DeliveryJson(String status, String channel, String channelKind, String address, boolean byMailbox, int attempts, String lastError,
            Instant nextAttemptAt, String receipt, String description) {
        static DeliveryJson of(org.relaydesk.core.channel.ChannelDeliveries.Delivery d) {
            return d == null ? null : new DeliveryJson(d.status(), d.channel(), d.kind(), d.address(), d.byMailbox(), d.attempts(), d.lastError(),
                    d.status().equals("retrying") ? d.nextAttemptAt() : null, d.receiptDetail(), d.describe(Instant.now()));
        }
    }

    /** {@code workspaceId} is the caller's: tenant isolation means every message shown belongs to it. */
    public static CommentJson of(Message m, UUID workspaceId, List<Attachment> files) {
        return of(m, workspaceId, files, null);
    }

    public static CommentJson of(Message m, UUID workspaceId, List<Attachment> files,
            org.relaydesk.core.channel.ChannelDeliveries.Delivery delivery) {
        return new CommentJson(m.id(), workspaceId, m.ticketId(), m.kind() == MessageKind.EVENT ? "event" : m.isInternal() ? "note" : "reply",
                m.bodyHtml(), m.bodyText(), m.authorType().apiName(),
                m.authorUserId() != null ? m.authorUserId() : m.authorContactId(), m.authorName(), m.isInternal(),
                m.mergedFromTicketId(), m.createdAt(), m.editedAt(), files.stream().map(AttachmentJson::of).toList(), DeliveryJson.of(delivery),
                m.source(), m.sourceAccountId(), m.templateName());
    }
}
