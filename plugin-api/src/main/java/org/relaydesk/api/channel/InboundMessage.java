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
 * {@code addressChange} (since 1.3, or null): the provider reports that the sender now writes from
 * another address (WhatsApp's "user changed number"); the host moves the contact to it.
 */
public record InboundMessage(String externalId, String fromAddress, String fromName, String subject, String text, String html,
        List<String> references, Instant sentAt, boolean automatic, List<InboundAttachment> attachments, Map<String, String> ticketFields,
        DeliveryReceipt receipt, AddressChange addressChange) {
    /** A sender's move from one address to another, both in the channel's address kind (WhatsApp ids). Since 1.3. */
    public record AddressChange(String oldAddress, String newAddress) {
        public AddressChange {
            Objects.requireNonNull(oldAddress, "oldAddress");
            Objects.requireNonNull(newAddress, "newAddress");
        }
    }

    public InboundMessage {
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(fromAddress, "fromAddress");
        references = references == null ? List.of() : List.copyOf(references);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        ticketFields = ticketFields == null ? Map.of() : Map.copyOf(ticketFields);
    }

    /** The 1.1 form, without an address change. */
    public InboundMessage(String externalId, String fromAddress, String fromName, String subject, String text, String html,
            List<String> references, Instant sentAt, boolean automatic, List<InboundAttachment> attachments, Map<String, String> ticketFields,
            DeliveryReceipt receipt) {
        this(externalId, fromAddress, fromName, subject, text, html, references, sentAt, automatic, attachments, ticketFields, receipt, null);
    }

    /**
     * The provider's notice that the sender {@code oldAddress} now writes from {@code newAddress}: an
     * automatic message (never a ticket of its own) whose {@code text} says so. Since 1.3.
     */
    public static InboundMessage addressChanged(String externalId, String oldAddress, String newAddress, Instant at, String text) {
        return new InboundMessage(externalId, oldAddress, null, null, text, null, List.of(), at, true, List.of(), Map.of(), null,
                new AddressChange(oldAddress, newAddress));
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

    /**
     * A report about a message Relaydesk sent and nothing else (a provider's status webhook): the
     * host records the receipt and files no message. Since 1.3.
     */
    public static InboundMessage receiptOnly(String externalId, String fromAddress, Instant at, DeliveryReceipt receipt) {
        java.util.Objects.requireNonNull(receipt, "receipt");
        return new InboundMessage(externalId, fromAddress, null, null, null, null, List.of(), at, true, List.of(), Map.of(), receipt);
    }

    /** Whether this carries only a delivery receipt. Since 1.3. */
    public boolean isReceiptOnly() {
        return receipt != null && (text == null || text.isBlank()) && (html == null || html.isBlank()) && attachments.isEmpty();
    }
}
