package org.relaydesk.core.contact;

import java.util.UUID;

/** Domain event: a contact was created (by a channel, a form, the API or an agent), in the transaction that created it. */
public record ContactCreated(UUID workspaceId, UUID contactId) {
}
