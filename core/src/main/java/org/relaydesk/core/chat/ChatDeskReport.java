package org.relaydesk.core.chat;

import java.util.UUID;

/** An agent came to the chat desk (or reported in again), or left it, on this node: other nodes of a cluster hear of it. */
public record ChatDeskReport(UUID workspaceId, UUID agentId, boolean here) {
}
