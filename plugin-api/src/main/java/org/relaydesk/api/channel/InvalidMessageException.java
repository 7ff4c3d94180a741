package org.relaydesk.api.channel;

import java.util.Map;

/** What a customer sent cannot be taken as it is; {@code errors} names each problem by field. Since 1.1. */
public class InvalidMessageException extends ChannelException {
    private static final long serialVersionUID = 1L;
    private final Map<String, String> errors;

    public InvalidMessageException(Map<String, String> errors) {
        super(String.join("; ", errors.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
        this.errors = Map.copyOf(errors);
    }

    public Map<String, String> errors() {
        return errors;
    }
}
