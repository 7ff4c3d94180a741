package org.relaydesk.api.channel;

import java.util.Map;
import java.util.UUID;

/** One configured instance of a channel (a mailbox, a form, a number), with its settings; secrets are given in clear. */
public record ChannelAccount(UUID id, String kind, String name, Map<String, String> config) {
    public ChannelAccount {
        config = config == null ? Map.of() : Map.copyOf(config);
    }

    /** The value, or null when it is not set. */
    public String get(String key) {
        String value = config.get(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    public String get(String key, String fallback) {
        String value = get(key);
        return value == null ? fallback : value;
    }

    public int integer(String key, int fallback) {
        String value = get(key);
        return value == null ? fallback : Integer.parseInt(value);
    }

    public boolean flag(String key, boolean fallback) {
        String value = get(key);
        return value == null ? fallback : Boolean.parseBoolean(value);
    }
}
