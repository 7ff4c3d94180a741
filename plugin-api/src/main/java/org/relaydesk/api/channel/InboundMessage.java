package org.relaydesk.api.channel;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message read from its raw form, in the host's terms. {@code references} are the external ids it
 * answers (an email's In-Reply-To and References), newest last; {@code automatic} marks
 * auto-replies and bounces, which never get an answer.
 */
public record InboundMessage(String externalId, String fromAddress, String fromName, String subject, String text, String html,
        List<String> references, Instant sentAt, boolean automatic, List<InboundAttachment> attachments) {
    public InboundMessage {
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(fromAddress, "fromAddress");
        references = references == null ? List.of() : List.copyOf(references);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
