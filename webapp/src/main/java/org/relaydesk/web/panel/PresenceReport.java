package org.relaydesk.web.panel;

import java.util.UUID;

/** An agent reported in on a ticket page (or left it) on this node: other nodes of a cluster hear of it. */
public record PresenceReport(UUID workspaceId, UUID ticketId, UUID userId, String name, boolean replying, boolean left) {
}
