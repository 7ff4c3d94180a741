package org.relaydesk.web.api;

import java.time.Instant;
import java.util.UUID;
import org.relaydesk.core.ticket.Message;
import org.relaydesk.core.ticket.MessageKind;

/** A message of a ticket's conversation; {@code body} is sanitized HTML, {@code body_text} plain text. */
public record CommentJson(UUID id, UUID ticketId, String kind, String body, String bodyText, String authorType,
        UUID authorId, String authorName, boolean isInternal, UUID mergedFromTicketId, Instant createdAt, Instant editedAt) {

    public static CommentJson of(Message m) {
        return new CommentJson(m.id(), m.ticketId(), m.kind() == MessageKind.EVENT ? "event" : m.isInternal() ? "note" : "reply",
                m.bodyHtml(), m.bodyText(), m.authorType().apiName(),
                m.authorUserId() != null ? m.authorUserId() : m.authorContactId(), m.authorName(), m.isInternal(),
                m.mergedFromTicketId(), m.createdAt(), m.editedAt());
    }
}
