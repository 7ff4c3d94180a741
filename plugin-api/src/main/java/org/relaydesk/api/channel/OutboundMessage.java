package org.relaydesk.api.channel;

import java.util.List;
import java.util.Objects;

/**
 * An agent's reply to send to the customer. {@code references} are the external ids of the ticket's
 * messages so far, oldest first (an email puts them into In-Reply-To and References);
 * {@code ticketNumber} is the ticket's number as customers see it ("#1001"), for the subject.
 */
public record OutboundMessage(String ticketNumber, String toAddress, String toName, String subject, String text, String html,
        List<String> references, String authorName) {
    public OutboundMessage {
        Objects.requireNonNull(toAddress, "toAddress");
        references = references == null ? List.of() : List.copyOf(references);
    }
}
