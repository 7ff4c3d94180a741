package org.relaydesk.plugin.whatsapp.fake;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.relaydesk.api.host.HostServices;
import org.relaydesk.api.host.HttpClient;
import org.relaydesk.api.host.KeyValueStore;

/**
 * The host's services as a plugin test needs them: an HTTP client with the host's limits (the
 * call's time limit, at most {@link HttpClient#LONGEST}; answers up to 10 MB) that may reach
 * loopback, where the fake Graph API listens (the real host refuses loopback unless the operator
 * allows private networks). Look-ups of tickets and contacts and the store are not used by the
 * WhatsApp plugin and say so.
 */
public final class TestHost implements HostServices {
    private static final int MAX_ANSWER = 10 * 1024 * 1024;
    private final Clock clock;
    private final java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build();

    public TestHost(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Map<String, String> settings() {
        return Map.of();
    }

    @Override
    public KeyValueStore store() {
        throw new UnsupportedOperationException("the WhatsApp plugin keeps nothing in the store");
    }

    @Override
    public HttpClient http() {
        return call -> {
            Duration timeout = call.timeout() == null ? Duration.ofSeconds(10)
                    : call.timeout().compareTo(HttpClient.LONGEST) > 0 ? HttpClient.LONGEST : call.timeout();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(call.url())).timeout(timeout)
                    .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(call.body()));
            call.headers().forEach(request::header);
            try {
                HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                byte[] body;
                try (InputStream in = response.body()) {
                    body = in.readNBytes(MAX_ANSWER + 1);
                }
                if (body.length > MAX_ANSWER) {
                    throw new org.relaydesk.api.host.AnswerTooLargeException("The answer is larger than 10 MB", MAX_ANSWER);
                }
                return new HttpClient.Answer(response.statusCode(), response.headers().map(), body);
            } catch (IOException e) {
                throw new HttpClient.HttpFailure("Could not connect to the server (" + e.getClass().getSimpleName() + ")", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HttpClient.HttpFailure("interrupted", e);
            }
        };
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Optional<TicketRef> ticketByExternalReference(UUID workspaceId, String externalId) {
        throw new UnsupportedOperationException("not used by the WhatsApp plugin");
    }

    @Override
    public Optional<ContactRef> contactByIdentity(UUID workspaceId, String kind, String value) {
        throw new UnsupportedOperationException("not used by the WhatsApp plugin");
    }
}
