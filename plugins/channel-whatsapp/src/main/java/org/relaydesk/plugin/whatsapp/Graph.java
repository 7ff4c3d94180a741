package org.relaydesk.plugin.whatsapp;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.ChannelException.Failure;
import org.relaydesk.api.host.AddressNotAllowedException;
import org.relaydesk.api.host.AnswerTooLargeException;
import org.relaydesk.api.host.HttpClient;

/**
 * Meta's Graph API for one number, through the host's HTTP client (time limits, the outbound
 * address rule on every connection and redirect). Every call carries the access token; an error
 * answer becomes a ChannelException whose failure says whether a retry can help.
 */
final class Graph {
    /** Sends and JSON calls: Meta answers in well under a second, a stuck call is given up. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);
    /** Media transfers: up to the host's longest. */
    static final Duration TRANSFER_TIMEOUT = HttpClient.LONGEST;
    private final WhatsAppSettings settings;
    private final HttpClient http;
    private final Duration callTimeout;
    private final Duration transferTimeout;

    Graph(WhatsAppSettings settings, HttpClient http) {
        this(settings, http, CALL_TIMEOUT, TRANSFER_TIMEOUT);
    }

    /** With other time limits (tests of a slow API). */
    Graph(WhatsAppSettings settings, HttpClient http, Duration callTimeout, Duration transferTimeout) {
        this.settings = settings;
        this.http = http;
        this.callTimeout = callTimeout;
        this.transferTimeout = transferTimeout;
    }

    WhatsAppSettings settings() {
        return settings;
    }

    JsonObject postJson(String path, JsonObject body, String what) throws ChannelException {
        Map<String, String> headers = auth();
        headers.put("Content-Type", "application/json");
        return json(call(new HttpClient.Call("POST", settings.graph(path), headers, Json.bytes(body), callTimeout), what), what);
    }

    JsonObject postMultipart(String path, Multipart form, String what) throws ChannelException {
        Map<String, String> headers = auth();
        headers.put("Content-Type", form.contentType());
        return json(call(new HttpClient.Call("POST", settings.graph(path), headers, form.bytes(), transferTimeout), what), what);
    }

    JsonObject get(String path, String what) throws ChannelException {
        return getUrl(settings.graph(path), what);
    }

    JsonObject getUrl(String url, String what) throws ChannelException {
        return json(call(new HttpClient.Call("GET", url, auth(), null, callTimeout), what), what);
    }

    /**
     * The answer to a GET of a media file's address (bearer token required by Meta), whatever its
     * status. The token goes in the Authorization header, never the address (addresses are logged),
     * and only to the address Meta gave, over https unless the Graph API itself is reached over http
     * (a test double): the host follows no redirect to another host with it.
     *
     * @throws AnswerTooLargeException when the file is larger than the host reads (it stops there)
     */
    HttpClient.Answer download(String url, String what) throws ChannelException, AnswerTooLargeException {
        if (mediaAddressProblem(url) != null) {
            throw new ChannelException(Failure.REFUSED, "WhatsApp gave " + what + " an address the access token is not sent to: " + mediaAddressProblem(url),
                    null);
        }
        try {
            return http.send(new HttpClient.Call("GET", url, auth(), null, transferTimeout));
        } catch (AnswerTooLargeException e) {
            throw e;
        } catch (HttpClient.HttpFailure e) {
            throw failure(e, what);
        }
    }

    /** Why the access token may not be sent to this media address, or null: https with a host (http only when the Graph API is on http). */
    String mediaAddressProblem(String url) {
        URI address;
        try {
            address = new URI(url);
        } catch (URISyntaxException e) {
            return "not an address";
        }
        String scheme = address.getScheme() == null ? "" : address.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean graphOnHttp = settings.graph("").toLowerCase(java.util.Locale.ROOT).startsWith("http:");
        if (!scheme.equals("https") && !(graphOnHttp && scheme.equals("http"))) {
            return "not https";
        }
        if (address.getHost() == null || address.getRawUserInfo() != null) {
            return "no plain host";
        }
        return null;
    }

    private HttpClient.Answer call(HttpClient.Call call, String what) throws ChannelException {
        HttpClient.Answer answer = send(call, what);
        if (answer.status() / 100 != 2) {
            throw GraphError.of(answer.status(), answer.body()).exception(what);
        }
        return answer;
    }

    private HttpClient.Answer send(HttpClient.Call call, String what) throws ChannelException {
        try {
            return http.send(call);
        } catch (HttpClient.HttpFailure e) {
            throw failure(e, what);
        }
    }

    private static ChannelException failure(HttpClient.HttpFailure e, String what) {
        boolean refused = e.getCause() instanceof AddressNotAllowedException || AddressNotAllowedException.MESSAGE.equals(e.getMessage());
        return new ChannelException(refused ? Failure.ADDRESS_NOT_ALLOWED : Failure.UNREACHABLE,
                "The WhatsApp Graph API could not be reached for " + what + ": " + e.getMessage(), e);
    }

    private static JsonObject json(HttpClient.Answer answer, String what) throws ChannelException {
        JsonObject object = Json.object(answer.body());
        if (object == null) {
            throw new ChannelException("The WhatsApp Graph API answered " + what + " with something that is not JSON: "
                    + new String(answer.body(), 0, Math.min(200, answer.body().length), StandardCharsets.UTF_8));
        }
        return object;
    }

    private Map<String, String> auth() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + settings.accessToken());
        return headers;
    }
}
