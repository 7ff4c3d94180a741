package org.relaydesk.api.channel;

import java.util.Objects;

/** A file that came with a message; {@code contentId} is set for inline images (cid:). */
public record InboundAttachment(String filename, String contentType, byte[] content, String contentId) {
    public InboundAttachment {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(content, "content");
    }
}
