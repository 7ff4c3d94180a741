package org.relaydesk.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.relaydesk.api.host.AddressNotAllowedException;

/**
 * HTTP clients whose every connection obeys an address rule: names are resolved once, through the
 * rule (a name with a refused address is refused), and the socket checks once more the address it
 * connects to, so a DNS answer that changes between the check and the connection gets nowhere.
 * Each redirect is a new connection through the same checks.
 */
public final class GuardedHttpClients {
    static final int MAX_HEADER_LINE = 8192;
    static final int MAX_HEADERS = 100;

    private GuardedHttpClients() {
    }

    public static CloseableHttpClient create(OutboundAddressPolicy policy, Duration connectTimeout, Duration socketTimeout, int maxRedirects) {
        DnsResolver resolver = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                try {
                    return policy.resolve(host);
                } catch (AddressNotAllowedException e) {
                    UnknownHostException refused = new UnknownHostException(AddressNotAllowedException.MESSAGE);
                    refused.initCause(e);
                    throw refused;
                }
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host; // never asked of the resolver by a plain request; no reverse look-up
            }
        };
        DefaultHttpClientConnectionOperator operator = new DefaultHttpClientConnectionOperator(proxy -> policy.sockets().createSocket(),
                DefaultSchemePortResolver.INSTANCE, resolver,
                RegistryBuilder.<TlsSocketStrategy>create().register("https", DefaultClientTlsStrategy.createDefault()).build());
        // bounded header lines and count: a hostile server's endless header must not fill the heap (the default is unlimited)
        org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory bounded = org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory
                .builder().http1Config(org.apache.hc.core5.http.config.Http1Config.custom().setMaxLineLength(MAX_HEADER_LINE)
                        .setMaxHeaderCount(MAX_HEADERS).build()).build();
        PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager(operator, PoolConcurrencyPolicy.STRICT,
                PoolReusePolicy.LIFO, TimeValue.ofMinutes(1), bounded);
        connections.setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.of(connectTimeout))
                .setSocketTimeout(Timeout.of(socketTimeout)).build());
        connections.setMaxTotal(50);
        connections.setDefaultMaxPerRoute(10);
        return HttpClients.custom().setConnectionManager(connections).disableAutomaticRetries().disableCookieManagement()
                .disableAuthCaching().setDefaultRequestConfig(RequestConfig.custom().setMaxRedirects(Math.max(maxRedirects, 1))
                        .setRedirectsEnabled(maxRedirects > 0).build())
                .build();
    }
}
