package org.relaydesk.api.channel;

import java.util.Objects;

/** What the channel made of a sent message: its external id (an email's Message-ID), so that replies to it find the ticket. */
public record SentMessage(String externalId) {
    public SentMessage {
        Objects.requireNonNull(externalId, "externalId");
    }
}
