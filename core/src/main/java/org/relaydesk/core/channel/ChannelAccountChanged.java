package org.relaydesk.core.channel;

import java.util.UUID;

/** A channel account's settings were saved or it was deleted: whoever keeps what it read of the account reads it again. */
public record ChannelAccountChanged(UUID accountId) {
}
