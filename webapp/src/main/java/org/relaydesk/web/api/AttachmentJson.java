package org.relaydesk.web.api;

import java.time.Instant;
import java.util.UUID;
import org.relaydesk.core.ticket.Attachment;

/**
 * A file of a ticket. {@code pending}: uploaded but not yet sent with a comment; {@code message_id}
 * is null for the files that came with the ticket itself.
 */
public record AttachmentJson(UUID id, UUID ticketId, UUID messageId, String fileName, String contentType, long size,
        String sha256, boolean pending, Instant createdAt) {

    public static AttachmentJson of(Attachment a) {
        return new AttachmentJson(a.id(), a.ticketId(), a.messageId(), a.fileName(), a.contentType(), a.size(), a.sha256(),
                a.messageId() == null && !a.isOnDescription(), a.createdAt());
    }
}
