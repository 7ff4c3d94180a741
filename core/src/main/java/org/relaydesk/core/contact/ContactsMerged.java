package org.relaydesk.core.contact;

import java.util.UUID;
import org.relaydesk.core.ticket.Actor;

/** Domain event: {@code sourceId} was merged into {@code intoId} by {@code by}, in the transaction of the merge. */
public record ContactsMerged(UUID workspaceId, UUID sourceId, UUID intoId, Actor by) {
}
