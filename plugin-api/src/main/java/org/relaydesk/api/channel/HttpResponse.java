package org.relaydesk.api.channel;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A channel's answer to a request to its public address. Since 1.1. */
public record HttpResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
    public HttpResponse {
        Objects.requireNonNull(contentType, "contentType");
        body = body == null ? new byte[0] : body;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static HttpResponse of(int status, String contentType, String body) {
        return new HttpResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static HttpResponse json(int status, String json) {
        return of(status, "application/json; charset=UTF-8", json);
    }

    public static HttpResponse text(int status, String text) {
        return of(status, "text/plain; charset=UTF-8", text);
    }

    /** The same answer with one more header. */
    public HttpResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpResponse(status, contentType, body, more);
    }
}
