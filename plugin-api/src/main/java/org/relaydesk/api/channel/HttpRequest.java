package org.relaydesk.api.channel;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A request to a channel account's public address, as the host received it. {@code path} is what
 * follows {@code /api/public/channels/{account id}/} ("submit", "webform.js"); header names are
 * matched without regard to case; {@code clientAddress} is the caller's address (behind a trusted
 * proxy, the forwarded one). Since 1.1.
 */
public record HttpRequest(String method, String path, Map<String, List<String>> headers, Map<String, List<String>> query, byte[] body,
        String clientAddress) {
    public HttpRequest {
        Objects.requireNonNull(method, "method");
        path = path == null ? "" : path;
        TreeMap<String, List<String>> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> caseless.put(name, List.copyOf(values)));
        }
        headers = java.util.Collections.unmodifiableMap(caseless);
        query = query == null ? Map.of() : Map.copyOf(query);
        body = body == null ? new byte[0] : body;
    }

    /** The header's first value, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The query parameter's first value, or null. */
    public String query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public boolean is(String method) {
        return this.method.toUpperCase(Locale.ROOT).equals(method);
    }
}
