package org.relaydesk.api.channel;

import java.util.Objects;

/**
 * What the channel reports about a message Relaydesk sent ({@code sentId}, the id its
 * {@link SentMessage} had): delivered, read, or failed (a bounce), with the channel's own words.
 * Carried by the inbound message that reports it (an email's delivery status notification). Since 1.1.
 */
public record DeliveryReceipt(String sentId, Status status, String detail) {
    public enum Status {
        DELIVERED, READ, FAILED
    }

    public DeliveryReceipt {
        Objects.requireNonNull(sentId, "sentId");
        Objects.requireNonNull(status, "status");
    }
}
