package org.relaydesk.api.channel;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A message read from its raw form, in the host's terms. {@code references} are the external ids it
 * answers (an email's In-Reply-To and References), newest last; {@code automatic} marks
 * auto-replies and bounces, which never get an answer. {@code ticketFields} (since 1.1) are values
 * for the workspace's custom ticket fields, by key (a form asked for them); a new ticket gets them.
 * {@code receipt} (since 1.1, or null) is what the message reports about one Relaydesk sent (a
 * bounce says it failed); the host shows it on that reply.
 */
public record InboundMessage(String externalId, String fromAddress, String fromName, String subject, String text, String html,
        List<String> references, Instant sentAt, boolean automatic, List<InboundAttachment> attachments, Map<String, String> ticketFields,
        DeliveryReceipt receipt) {
    public InboundMessage {
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(fromAddress, "fromAddress");
        references = references == null ? List.of() : List.copyOf(references);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        ticketFields = ticketFields == null ? Map.of() : Map.copyOf(ticketFields);
    }

    /** Without a receipt. */
    public InboundMessage(String externalId, String fromAddress, String fromName, String subject, String text, String html,
            List<String> references, Instant sentAt, boolean automatic, List<InboundAttachment> attachments, Map<String, String> ticketFields) {
        this(externalId, fromAddress, fromName, subject, text, html, references, sentAt, automatic, attachments, ticketFields, null);
    }

    /** The 1.0 form: no ticket field values, no receipt. */
    public InboundMessage(String externalId, String fromAddress, String fromName, String subject, String text, String html,
            List<String> references, Instant sentAt, boolean automatic, List<InboundAttachment> attachments) {
        this(externalId, fromAddress, fromName, subject, text, html, references, sentAt, automatic, attachments, Map.of(), null);
    }
}
