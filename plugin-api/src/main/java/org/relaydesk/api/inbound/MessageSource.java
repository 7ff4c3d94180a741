package org.relaydesk.api.inbound;

import java.util.UUID;

/** Where a message came in: the channel account, its kind and name. Since 1.1. */
public record MessageSource(UUID accountId, String kind, String accountName) {
}
