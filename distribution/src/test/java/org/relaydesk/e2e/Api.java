package org.relaydesk.e2e;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for the REST API, as a script of a customer would use it. */
final class Api {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;

    Api(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** The bearer token this client sends (null when anonymous). */
    String token() {
        return token;
    }

    Api as(String otherToken) {
        return new Api(baseUrl, otherToken);
    }

    record Reply(int status, String body, HttpResponse<String> raw) {
        JsonObject json() {
            try {
                return Json.createReader(new StringReader(body)).readObject();
            } catch (jakarta.json.JsonException notJson) {
                throw new AssertionError("Expected JSON from " + raw.request().method() + " " + raw.request().uri()
                        + " but got HTTP " + status + " " + contentType() + ": " + body, notJson);
            }
        }

        String contentType() {
            return raw.headers().firstValue("Content-Type").orElse("");
        }
    }

    Reply get(String path) throws Exception {
        return send(request(path).GET());
    }

    /** A GET with extra headers, name then value. */
    Reply get(String path, String... headers) throws Exception {
        HttpRequest.Builder builder = request(path).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder);
    }

    /** A GET whose answer is a file: its bytes as they came. */
    HttpResponse<byte[]> getBytes(String path) throws Exception {
        return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    Reply delete(String path) throws Exception {
        return send(request(path).DELETE());
    }

    Reply post(String path, String json) throws Exception {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply post(String path, JsonStructure json) throws Exception {
        return post(path, json.toString());
    }

    /** A raw body, as a file upload sends it. */
    Reply post(String path, byte[] body, String contentType) throws Exception {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    Reply put(String path, JsonStructure json) throws Exception {
        return put(path, json.toString());
    }

    Reply put(String path, String json) throws Exception {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Reply send(HttpRequest.Builder builder) throws Exception {
        HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response);
    }

    static String login(String baseUrl, String email, String password) throws Exception {
        Reply reply = new Api(baseUrl, null).post("/api/auth/login",
                Json.createObjectBuilder().add("email", email).add("password", password).build());
        if (reply.status() != 200) {
            throw new IllegalStateException("login failed: " + reply.status() + " " + reply.body());
        }
        return reply.json().getString("token");
    }
}
