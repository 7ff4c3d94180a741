package org.relaydesk.api.channel;

import java.time.Instant;
import java.util.Objects;

/**
 * A message as it came in, before anything reads it: what the host stores first, so that nothing
 * is lost when reading it fails. {@code externalId} is the channel's own id (an email's
 * Message-ID); the host drops a second message with the same id on the same account.
 */
public record RawMessage(String externalId, String contentType, byte[] content, Instant receivedAt) {
    public RawMessage {
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(content, "content");
        contentType = contentType == null ? "application/octet-stream" : contentType;
        receivedAt = receivedAt == null ? Instant.now() : receivedAt;
    }
}
