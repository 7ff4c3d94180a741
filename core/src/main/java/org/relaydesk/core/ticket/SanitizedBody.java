package org.relaydesk.core.ticket;

/** A message body after sanitizing: safe HTML plus its plain-text rendering. */
public record SanitizedBody(String html, String text) {
}
