package org.relaydesk.web.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.relaydesk.core.ticket.Attachment;
import org.relaydesk.core.ticket.Message;
import org.relaydesk.core.ticket.MessageKind;

/**
 * A message of a ticket's conversation; {@code body} is sanitized HTML, {@code body_text} plain text,
 * {@code attachments} the files sent with it.
 */
public record CommentJson(UUID id, UUID ticketId, String kind, String body, String bodyText, String authorType,
        UUID authorId, String authorName, boolean isInternal, UUID mergedFromTicketId, Instant createdAt, Instant editedAt,
        List<AttachmentJson> attachments) {

    public static CommentJson of(Message m) {
        return of(m, List.of());
    }

    public static CommentJson of(Message m, List<Attachment> files) {
        return new CommentJson(m.id(), m.ticketId(), m.kind() == MessageKind.EVENT ? "event" : m.isInternal() ? "note" : "reply",
                m.bodyHtml(), m.bodyText(), m.authorType().apiName(),
                m.authorUserId() != null ? m.authorUserId() : m.authorContactId(), m.authorName(), m.isInternal(),
                m.mergedFromTicketId(), m.createdAt(), m.editedAt(), files.stream().map(AttachmentJson::of).toList());
    }
}
