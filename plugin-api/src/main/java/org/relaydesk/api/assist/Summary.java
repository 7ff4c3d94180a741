package org.relaydesk.api.assist;

/** What a thread is about and where it stands, in a few lines. */
public record Summary(String text, String model) {
    public Summary {
        text = text == null ? "" : text;
    }
}
