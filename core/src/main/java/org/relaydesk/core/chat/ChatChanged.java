package org.relaydesk.core.chat;

import java.util.UUID;

/** Something changed in a live chat (a line, typing, reading, who is in it, its end): its visitor's widget hears of it. */
public record ChatChanged(UUID workspaceId, UUID chatId, UUID ticketId) {
}
