package org.relaydesk.core.ticket;

import java.util.UUID;

/** An internal note was written on a ticket (fired in its transaction): mentions in it are looked for. */
public record NoteAdded(UUID workspaceId, UUID ticketId, UUID messageId, UUID authorId) {
}
