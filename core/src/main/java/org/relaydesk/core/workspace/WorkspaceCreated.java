package org.relaydesk.core.workspace;

import java.util.UUID;

/** Fired inside the transaction that creates a workspace, acting in it: features set up their defaults. */
public record WorkspaceCreated(UUID workspaceId) {
}
