package org.relaydesk.api.channel;

import java.util.List;
import java.util.Objects;

/**
 * A message to send to a customer: an agent's reply, or a notice of the host's (a password link).
 * {@code references} are the external ids of the ticket's messages so far, oldest first (an email
 * puts them into In-Reply-To and References); {@code ticketNumber} is the ticket's number as
 * customers see it ("#1001"), for the subject, or null for a message about no ticket.
 * {@code quoted} (since 1.1) is the message the reply answers, or null; {@code attachments} (since
 * 1.1) the files the agent attached.
 * <p>Since 1.3: {@code choices} offers the customer buttons or a list to answer with (only to a
 * channel with {@link Capability#INTERACTIVE}); {@code template} sends an approved template
 * instead of free text (only to a channel with {@link Capability#TEMPLATES}; {@code text} is then
 * the template as the customer will read it, for the ticket's thread); {@code replyTo} is the
 * external id of the customer's message the reply answers, for channels that show it, or null.
 */
public record OutboundMessage(String ticketNumber, String toAddress, String toName, String subject, String text, String html,
        List<String> references, String authorName, QuotedMessage quoted, List<OutboundAttachment> attachments,
        InteractiveChoices choices, TemplateMessage template, String replyTo) {
    public OutboundMessage {
        Objects.requireNonNull(toAddress, "toAddress");
        references = references == null ? List.of() : List.copyOf(references);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** The 1.1 form: no choices, no template. */
    public OutboundMessage(String ticketNumber, String toAddress, String toName, String subject, String text, String html,
            List<String> references, String authorName, QuotedMessage quoted, List<OutboundAttachment> attachments) {
        this(ticketNumber, toAddress, toName, subject, text, html, references, authorName, quoted, attachments, null, null, null);
    }

    /** The 1.0 form: nothing quoted, no files. */
    public OutboundMessage(String ticketNumber, String toAddress, String toName, String subject, String text, String html,
            List<String> references, String authorName) {
        this(ticketNumber, toAddress, toName, subject, text, html, references, authorName, null, List.of(), null, null, null);
    }
}
