package org.relaydesk.core.webhook;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.relaydesk.api.host.AddressNotAllowedException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.net.ConnectionErrors;
import org.relaydesk.core.net.GuardedHttpClients;
import org.relaydesk.core.net.OutboundAddressPolicy;

/**
 * The one way a webhook request leaves: to the public internet only (unless the operator allows
 * private networks), resolved once and checked on the socket, redirects never followed (a 3xx is a
 * failed attempt: a receiver that moved must be changed by an admin, not by whoever answers), short
 * time limits, and only the answer's first kilobyte read.
 */
@ApplicationScoped
public class WebhookPost {
    static final int MAX_URL = 2000;
    private static final Duration CONNECT = Duration.ofSeconds(5);
    private static final Duration ANSWER = Duration.ofSeconds(10);
    /** The whole attempt, however slowly a receiver trickles its answer: the per-read limit alone never ends a drip. */
    static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final java.util.concurrent.ScheduledExecutorService WATCHDOG = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "relaydesk-webhook-deadline");
        thread.setDaemon(true);
        return thread;
    });

    /** What an attempt came to: a status code (any), or an error when there was no answer. */
    public record Outcome(Integer statusCode, long durationMs, String error, String responseExcerpt) {
        public boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }

        /** What the delivery log says went wrong, or null. */
        public String failure() {
            return succeeded() ? null : error != null ? error : "The receiver answered " + statusCode;
        }
    }

    @Inject
    WebhookSettings settings;

    /** {@link #DEADLINE}; shorter in tests. */
    Duration deadline = DEADLINE;

    private volatile OutboundAddressPolicy policy;
    private volatile CloseableHttpClient client;

    OutboundAddressPolicy policy() {
        OutboundAddressPolicy known = policy;
        if (known == null) {
            known = new OutboundAddressPolicy(settings.allowPrivateNetworks());
            policy = known;
        }
        return known;
    }

    private synchronized CloseableHttpClient client() {
        if (client == null) {
            client = GuardedHttpClients.create(policy(), CONNECT, ANSWER, 0);
        }
        return client;
    }

    /**
     * The URL as it will be used, or a field error for {@code url}: absolute https (http too when
     * private networks are allowed), a host, no user name or password, no fragment, and no address
     * the rule refuses. A name that does not resolve yet is accepted; its deliveries fail until it does.
     */
    public String checkedUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidInputException("url", "is required");
        }
        String trimmed = url.trim();
        if (trimmed.length() > MAX_URL) {
            throw new InvalidInputException("url", "at most " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("url", "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean plainAllowed = settings.allowPrivateNetworks();
        if (!scheme.equals("https") && !(plainAllowed && scheme.equals("http"))) {
            throw new InvalidInputException("url", plainAllowed ? "must start with https:// or http://" : "must start with https://");
        }
        if (uri.getRawAuthority() == null || uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InvalidInputException("url", "must name a host, such as https://example.com/hooks (a name in another script in its xn-- form)");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            throw new InvalidInputException("url", "has a port that does not exist");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidInputException("url", "must not carry a user name or password (use the signing secret to authenticate)");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidInputException("url", "must not have a #fragment");
        }
        String host = uri.getHost();
        String ascii;
        try {
            ascii = host.startsWith("[") ? host.substring(1, host.length() - 1) : IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("url", "has a host name that is not valid");
        }
        try {
            policy().resolve(ascii);
        } catch (AddressNotAllowedException e) {
            throw new InvalidInputException("url", "points to a private, loopback or reserved address, which webhooks may not reach");
        } catch (UnknownHostException e) {
            // not found today: accepted, and each delivery says so until the name exists
        }
        return uri.normalize().toString();
    }

    Outcome post(String url, String body, java.util.Map<String, String> headers) {
        long start = System.nanoTime();
        HttpPost post = new HttpPost(URI.create(url));
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        headers.forEach(post::setHeader);
        post.setHeader("User-Agent", "Relaydesk-Webhooks/1.0");
        java.util.concurrent.ScheduledFuture<?> watchdog = WATCHDOG.schedule(post::cancel, deadline.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        org.apache.hc.client5.http.impl.classic.CloseableHttpResponse response = null;
        try {
            response = client().execute(post);
            String excerpt = null;
            if (response.getEntity() != null) {
                InputStream in = response.getEntity().getContent();
                excerpt = new String(in.readNBytes(WebhookAttempt.EXCERPT), StandardCharsets.UTF_8);
            }
            int code = response.getCode();
            String error = code >= 300 && code < 400 ? "The receiver answered " + code + " (a redirect; webhooks do not follow redirects)" : null;
            return new Outcome(code, elapsed(start), error, excerpt);
        } catch (AddressNotAllowedException e) {
            return new Outcome(null, elapsed(start), AddressNotAllowedException.MESSAGE, null);
        } catch (IOException | RuntimeException e) {
            if (post.isCancelled()) {
                return new Outcome(null, elapsed(start), "No complete answer within " + deadline.toSeconds() + " s", null);
            }
            return new Outcome(null, elapsed(start), describe(e), null);
        } finally {
            watchdog.cancel(false);
            // the rest of the answer is never read: the connection is dropped, not drained (a receiver could send without end)
            post.cancel();
            closeQuietly(response);
        }
    }

    private static void closeQuietly(org.apache.hc.client5.http.impl.classic.CloseableHttpResponse response) {
        if (response != null) {
            try {
                response.close();
            } catch (IOException | RuntimeException e) {
                // the connection was dropped on purpose
            }
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Why there was no answer, in words an admin can act on (the detail of a TLS failure included: it names the certificate's problem). */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof AddressNotAllowedException || AddressNotAllowedException.MESSAGE.equals(t.getMessage())) {
                return AddressNotAllowedException.MESSAGE;
            }
        }
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "The host name could not be found";
            }
            if (t instanceof java.net.SocketTimeoutException || t instanceof org.apache.hc.client5.http.ConnectTimeoutException) {
                return "No answer within the time limit (" + CONNECT.toSeconds() + " s to connect, " + ANSWER.toSeconds() + " s to answer)";
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return "The TLS handshake failed: " + t.getMessage();
            }
            if (t instanceof java.net.ConnectException) {
                return ConnectionErrors.UNREACHABLE;
            }
        }
        String fixed = ConnectionErrors.fromCauses(failure);
        return fixed != null ? fixed : "The request failed: " + failure.getClass().getSimpleName();
    }

    @PreDestroy
    void close() {
        CloseableHttpClient known = client;
        if (known != null) {
            try {
                known.close();
            } catch (IOException e) {
                // shutting down
            }
        }
    }
}
