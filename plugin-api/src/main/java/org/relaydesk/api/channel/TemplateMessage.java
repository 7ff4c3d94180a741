package org.relaydesk.api.channel;

import java.util.Map;
import java.util.Objects;

/**
 * An approved template to send, by name and language, with a value for each of its variables,
 * keyed as its {@link MessageTemplate#variables()} declare them ("body.1", "header.1",
 * "body.customer_name", "button.0.1"). Since 1.3.
 */
public record TemplateMessage(String name, String language, Map<String, String> values) {
    public TemplateMessage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
        values = values == null ? Map.of() : Map.copyOf(values);
    }
}
