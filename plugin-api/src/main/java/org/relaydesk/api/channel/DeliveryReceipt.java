package org.relaydesk.api.channel;

import java.util.Objects;

/**
 * What the channel reports about a message Relaydesk sent ({@code sentId}, the id its
 * {@link SentMessage} had): delivered, read, or failed (a bounce), with the channel's own words.
 * Carried by the inbound message that reports it (an email's delivery status notification, or a
 * provider's status webhook through {@link InboundMessage#receiptOnly}). Since 1.1.
 */
public record DeliveryReceipt(String sentId, Status status, String detail) {
    public enum Status {
        DELIVERED, READ, FAILED,
        /** Accepted by the channel's provider, not yet on the customer's device. Since 1.3. */
        SENT;

        /**
         * The order in which reports may replace each other: a provider's reports arrive out of
         * order (a "delivered" after the "read"), and a later report never takes a message back.
         * A failure is final.
         */
        public int rank() {
            return switch (this) {
                case SENT -> 1;
                case DELIVERED -> 2;
                case READ -> 3;
                case FAILED -> 4;
            };
        }
    }

    public DeliveryReceipt {
        Objects.requireNonNull(sentId, "sentId");
        Objects.requireNonNull(status, "status");
    }
}
