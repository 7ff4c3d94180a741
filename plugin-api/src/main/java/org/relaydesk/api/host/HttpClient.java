package org.relaydesk.api.host;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** HTTP for plugins, with time limits the host enforces. Since 1.1. */
public interface HttpClient {
    /** The longest a request may take; a longer {@code timeout} is cut to this. */
    Duration LONGEST = Duration.ofSeconds(30);

    /** Sends the request; an unreachable server, a timeout or a too-large answer throws {@link HttpFailure}. */
    Answer send(Call call) throws HttpFailure;

    /** {@code headers} by name; {@code timeout} null: 10 s. */
    record Call(String method, String url, Map<String, String> headers, byte[] body, Duration timeout) {
        public Call {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(url, "url");
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        public static Call get(String url) {
            return new Call("GET", url, Map.of(), null, null);
        }

        public static Call postJson(String url, String json) {
            return new Call("POST", url, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8), null);
        }
    }

    record Answer(int status, Map<String, List<String>> headers, byte[] body) {
        public Answer {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            body = body == null ? new byte[0] : body;
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The request did not get an answer; the message says why. */
    class HttpFailure extends Exception {
        private static final long serialVersionUID = 1L;

        public HttpFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
