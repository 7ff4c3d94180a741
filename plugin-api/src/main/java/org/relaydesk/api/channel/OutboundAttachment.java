package org.relaydesk.api.channel;

import java.util.Objects;

/** A file sent with a reply. Since 1.1. */
public record OutboundAttachment(String filename, String contentType, byte[] content) {
    public OutboundAttachment {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(content, "content");
        contentType = contentType == null ? "application/octet-stream" : contentType;
    }
}
