package org.relaydesk.bench;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * A client of the Relaydesk REST API on this machine, signed in as one staff user. Shared by all
 * client threads of a run: java.net.http.HttpClient is thread-safe and pools keep-alive connections.
 */
final class ApiClient {
    static final Set<String> OPTIONS = Set.of("base-url", "email", "password");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Signs in again this long before the token runs out, so long runs never see a 401. */
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);

    private final HttpClient http;
    private final String baseUrl;
    private final String email;
    private final String password;
    private volatile String token;
    private volatile Instant renewAt = Instant.MAX;

    private ApiClient(String baseUrl, String email, String password) {
        this.baseUrl = baseUrl;
        this.email = email;
        this.password = password;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static ApiClient signIn(Options options) throws IOException, InterruptedException {
        return signIn(options.text("base-url", "http://127.0.0.1:8080"), options.required("email"), options.required("password"));
    }

    /** Signed in to the server at that address (loopback only), e.g. another node of a cluster. */
    static ApiClient signIn(String baseUrl, String email, String password) throws IOException, InterruptedException {
        String base = baseUrl.replaceAll("/+$", "");
        Loopback.requireLoopback(base);
        ApiClient client = new ApiClient(base, email, password);
        client.login();
        return client;
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(authorized(pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, JsonObject body) throws IOException, InterruptedException {
        HttpRequest request = authorized(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> put(String path, JsonObject body) throws IOException, InterruptedException {
        HttpRequest request = authorized(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return http.send(authorized(path).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET whose answer the benchmark needs before it can start: anything but 200 ends the run. */
    JsonStructure getJson(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = get(pathAndQuery);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + pathAndQuery + " answered HTTP " + response.statusCode() + ": " + excerpt(response.body()));
        }
        return parse(response.body());
    }

    static JsonStructure parse(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.read();
        }
    }

    /** The list in a response that is either the list itself or an object holding it under {@code field}. */
    static JsonArray list(JsonStructure json, String field) {
        if (json instanceof JsonArray array) {
            return array;
        }
        JsonObject object = (JsonObject) json;
        if (!object.containsKey(field)) {
            throw new IllegalStateException("expected a \"" + field + "\" list in " + excerpt(object.toString()));
        }
        return object.getJsonArray(field);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String excerpt(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "...";
    }

    private HttpRequest.Builder authorized(String pathAndQuery) throws IOException, InterruptedException {
        if (Instant.now().isAfter(renewAt)) {
            login();
        }
        return HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private synchronized void login() throws IOException, InterruptedException {
        if (token != null && Instant.now().isBefore(renewAt)) {
            return; // another thread renewed it meanwhile
        }
        JsonObject credentials = Json.createObjectBuilder().add("email", email).add("password", password).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/auth/login")).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(credentials.toString())).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("signing in as " + email + " failed: HTTP " + response.statusCode() + " "
                    + excerpt(response.body()));
        }
        JsonObject answer = (JsonObject) parse(response.body());
        token = answer.getString("token");
        renewAt = renewalTime(answer.getString("expires_at", null));
    }

    private static Instant renewalTime(String expiresAt) {
        if (expiresAt == null) {
            return Instant.MAX;
        }
        try {
            return Instant.parse(expiresAt).minus(RENEW_BEFORE_EXPIRY);
        } catch (DateTimeParseException e) {
            return Instant.MAX; // an unknown format: keep the token and let a 401 show up as errors
        }
    }
}
