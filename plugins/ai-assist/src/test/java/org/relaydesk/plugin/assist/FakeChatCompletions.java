package org.relaydesk.plugin.assist;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An OpenAI-compatible server on loopback, for the generation path: {@code POST /v1/chat/completions}
 * answered as the API documents it (a chat.completion object with choices[0].message.content), the
 * requests kept for the test to read. {@code reply} makes the assistant's text from the request.
 */
final class FakeChatCompletions implements AutoCloseable {
    final List<JsonObject> requests = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    volatile Function<JsonObject, String> reply = request -> "I don't know";
    volatile int status = 200;
    private final HttpServer server;

    FakeChatCompletions() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            try (exchange) {
                JsonObject request = Json.createReader(new StringReader(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))).readObject();
                requests.add(request);
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                byte[] body;
                if (status != 200) {
                    body = "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}".getBytes(StandardCharsets.UTF_8);
                } else {
                    body = Json.createObjectBuilder().add("id", "chatcmpl-" + requests.size()).add("object", "chat.completion")
                            .add("created", 1_700_000_000L).add("model", request.getString("model"))
                            .add("choices", Json.createArrayBuilder().add(Json.createObjectBuilder().add("index", 0)
                                    .add("message", Json.createObjectBuilder().add("role", "assistant").add("content", reply.apply(request)))
                                    .add("finish_reason", "stop")))
                            .add("usage", Json.createObjectBuilder().add("prompt_tokens", 100).add("completion_tokens", 20).add("total_tokens", 120))
                            .build().toString().getBytes(StandardCharsets.UTF_8);
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The user message of a request. */
    static String userMessage(JsonObject request) {
        return request.getJsonArray("messages").getJsonObject(1).getString("content");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
