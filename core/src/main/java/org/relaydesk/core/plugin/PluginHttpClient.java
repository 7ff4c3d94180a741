package org.relaydesk.core.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.relaydesk.api.host.AddressNotAllowedException;
import org.relaydesk.api.host.HttpClient;
import org.relaydesk.core.net.ConnectionErrors;
import org.relaydesk.core.net.OutboundAddressPolicy;

/**
 * The HTTP client plugins get ({@link org.relaydesk.api.host.HostServices#http()}): the host's
 * time and size limits, and the outbound address rule on every connection. Names are resolved by
 * the rule (a name with a refused address is refused), and the socket checks once more the address
 * it connects to; each redirect (at most {@link #MAX_REDIRECTS}) is a new connection through the
 * same checks, so a public address cannot redirect into the private network. A failure to connect
 * tells the plugin (and so the admin) only one of the fixed texts of {@link ConnectionErrors};
 * the server log keeps the detail. A redirect to another host (or scheme, or port) is not followed
 * when the request carries an Authorization or Cookie header: the answer is the redirect itself, so
 * a plugin's credentials only ever reach the address it named.
 */
final class PluginHttpClient implements HttpClient {
    static final int MAX_ANSWER = 10 * 1024 * 1024;
    static final int MAX_REDIRECTS = 5;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(PluginHttpClient.class.getName());
    /** Ends a request at its time limit, however the server trickles its answer. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(work -> {
        Thread thread = new Thread(work, "relaydesk-plugin-http-deadlines");
        thread.setDaemon(true);
        return thread;
    });
    private final CloseableHttpClient client;

    PluginHttpClient(OutboundAddressPolicy policy) {
        this.client = org.relaydesk.core.net.GuardedHttpClients.create(policy, DEFAULT_TIMEOUT, HttpClient.LONGEST, MAX_REDIRECTS);
    }

    @Override
    public Answer send(Call call) throws HttpFailure {
        URI uri;
        try {
            uri = URI.create(call.url());
        } catch (IllegalArgumentException e) {
            throw new HttpFailure("not an address: " + call.url(), e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new HttpFailure("only http and https addresses: " + call.url(), null);
        }
        Duration timeout = call.timeout() == null ? DEFAULT_TIMEOUT : call.timeout().compareTo(HttpClient.LONGEST) > 0 ? HttpClient.LONGEST : call.timeout();
        HttpUriRequestBase request = new HttpUriRequestBase(call.method(), uri);
        request.setConfig(RequestConfig.custom().setMaxRedirects(MAX_REDIRECTS).setRedirectsEnabled(true).setResponseTimeout(Timeout.of(timeout))
                .setConnectionRequestTimeout(Timeout.of(timeout)).build());
        call.headers().forEach(request::addHeader);
        if (call.body() != null) {
            request.setEntity(new ByteArrayEntity(call.body(), null));
        }
        ScheduledFuture<?> deadline = DEADLINES.schedule(request::cancel, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return client.execute(request, response -> {
                byte[] bytes;
                try (InputStream body = response.getEntity() == null ? InputStream.nullInputStream() : response.getEntity().getContent()) {
                    bytes = body.readNBytes(MAX_ANSWER + 1);
                }
                if (bytes.length > MAX_ANSWER) {
                    throw new TooLarge();
                }
                Map<String, List<String>> headers = new LinkedHashMap<>();
                for (Header header : response.getHeaders()) {
                    headers.computeIfAbsent(header.getName(), name -> new java.util.ArrayList<>()).add(header.getValue());
                }
                return new Answer(response.getCode(), headers, bytes);
            });
        } catch (TooLarge e) {
            throw new org.relaydesk.api.host.AnswerTooLargeException("the answer of " + uri.getHost() + " is larger than 10 MB", MAX_ANSWER);
        } catch (IOException e) {
            String text = request.isCancelled() ? "did not answer in time" : ConnectionErrors.fromCauses(e);
            String shown = text == null ? ConnectionErrors.UNREACHABLE : text;
            LOG.info(() -> "A plugin's request to " + uri.getHost() + ": " + shown + " (" + ConnectionErrors.chain(e) + ")");
            throw new HttpFailure(shown, null); // no cause: its text would tell open ports from closed ones
        } catch (IllegalArgumentException e) {
            throw new HttpFailure("the request is not valid: " + e.getMessage(), e);
        } finally {
            deadline.cancel(false);
        }
    }

    /** The answer is larger than the host allows. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
    }
}
