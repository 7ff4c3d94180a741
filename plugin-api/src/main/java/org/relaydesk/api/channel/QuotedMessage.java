package org.relaydesk.api.channel;

import java.time.Instant;

/** The message a reply answers, for the channel to quote below it ("On ..., Ann wrote:"). Since 1.1. */
public record QuotedMessage(String authorName, Instant sentAt, String text) {
}
