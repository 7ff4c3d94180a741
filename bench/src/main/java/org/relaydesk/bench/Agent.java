package org.relaydesk.bench;

import java.util.UUID;

/** A staff user of the workspace: assignee of tickets and author of replies. */
record Agent(UUID id, String name) {
}
