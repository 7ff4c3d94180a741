package org.relaydesk.api.channel;

import java.util.List;
import java.util.Objects;

/**
 * What the channel made of a sent message: its external id (an email's Message-ID), so that replies
 * to it find the ticket. {@code parts} (since 1.3): when the channel sent the reply as several
 * messages (WhatsApp: one per file, and the text), the id of each, {@code externalId} among them, so
 * that every part's delivery receipts reach the reply; otherwise just {@code externalId}.
 */
public record SentMessage(String externalId, List<String> parts) {
    public SentMessage {
        Objects.requireNonNull(externalId, "externalId");
        parts = parts == null || parts.isEmpty() ? List.of(externalId) : List.copyOf(parts);
        if (!parts.contains(externalId)) {
            throw new IllegalArgumentException("the parts of a sent message include its external id");
        }
    }

    /** A message sent as one. */
    public SentMessage(String externalId) {
        this(externalId, List.of(externalId));
    }
}
