package org.relaydesk.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relaydesk.api.host.HttpClient;
import org.relaydesk.core.net.OutboundAddressPolicy;

/**
 * The HTTP client plugins get: answers as they come, the host's limits (size, time, scheme) as clear
 * failures, and the outbound address rule on every connection and redirect, with texts that do not
 * tell an open port from a closed one.
 */
class PluginHostServicesTest {
    private static final String NOT_ALLOWED = "This address is not allowed";
    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> credentialsSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** What the tests use where they only need a server: the operator allowed private networks. */
    private final HttpClient http = client(new OutboundAddressPolicy(true));
    /** The default rule. */
    private final HttpClient strict = client(new OutboundAddressPolicy(false));
    private String base;
    private int port;

    private static HttpClient client(OutboundAddressPolicy policy) {
        return new PluginHostServices("test", null, Clock.systemUTC(), Map::of, policy, new PluginHttpClient(policy), false).http();
    }

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        port = server.getAddress().getPort();
        server.createContext("/to/", exchange -> { // redirects to the address named after /to/
            requests.incrementAndGet();
            String target = switch (exchange.getRequestURI().getPath().substring(4)) {
                case "self" -> "127.0.0.1:" + port + "/small";
                case "other-loopback" -> "127.0.0.2:" + port + "/small";
                case "localhost" -> "localhost:" + port + "/small";
                case "elsewhere-who" -> "localhost:" + port + "/who";
                case "self-who" -> "127.0.0.1:" + port + "/who";
                case "v6-loopback" -> "[::1]:" + port + "/small";
                default -> "169.254.169.254/latest/meta-data/";
            };
            exchange.getResponseHeaders().add("Location", "http://" + target);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/small", exchange -> {
            requests.incrementAndGet();
            byte[] body = "pong".getBytes();
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/who", exchange -> { // what credentials reached it
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                credentialsSeen.add(authorization);
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/large", exchange -> {
            exchange.sendResponseHeaders(200, PluginHttpClient.MAX_ANSWER + 1L);
            exchange.getResponseBody().write(new byte[PluginHttpClient.MAX_ANSWER + 1]);
            exchange.close();
        });
        server.createContext("/stuck", exchange -> {
            try {
                release.await(); // answers only when the test is over: the client's time limit must end the call
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void anAnswerComesBackWithItsStatusAndBody() throws Exception {
        HttpClient.Answer answer = http.send(HttpClient.Call.get(base + "/small"));
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.text()).isEqualTo("pong");
    }

    @Test
    void theHostsLimitsAreFailuresWithTheReason() {
        assertThatThrownBy(() -> http.send(HttpClient.Call.get(base + "/large"))).isInstanceOf(org.relaydesk.api.host.AnswerTooLargeException.class)
                .hasMessageContaining("larger than 10 MB");
        assertThatThrownBy(() -> http.send(new HttpClient.Call("GET", base + "/stuck", Map.of(), null, Duration.ofSeconds(2))))
                .isInstanceOf(HttpClient.HttpFailure.class).hasMessageContaining("did not answer");
        assertThatThrownBy(() -> http.send(HttpClient.Call.get("file:///etc/passwd"))).hasMessageContaining("only http and https");
    }

    @Test
    void byDefaultLoopbackPrivateAndMetadataAddressesAreRefusedBeforeAnyRequest() {
        for (String url : List.of(base + "/small", "http://localhost:" + port + "/small", "http://LOCALHOST:" + port + "/small",
                "http://[::1]:" + port + "/small", "http://2130706433:" + port + "/small",
                "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://[::ffff:127.0.0.1]:" + port + "/small",
                "http://[0:0:0:0:0:ffff:7f00:1]:" + port + "/small", "https://127.0.0.1:" + port + "/small", "http://0.0.0.0:" + port + "/small")) {
            assertThatThrownBy(() -> strict.send(HttpClient.Call.get(url))).as(url).isInstanceOf(HttpClient.HttpFailure.class).hasMessage(NOT_ALLOWED)
                    .hasNoCause();
        }
        for (String odd : List.of("0x7f.1", "127.1", "0177.1")) { // not host names by URI rules: refused before any look-up
            assertThatThrownBy(() -> strict.send(HttpClient.Call.get("http://" + odd + ":" + port + "/small"))).isInstanceOf(HttpClient.HttpFailure.class);
        }
        assertThat(requests).hasValue(0);
    }

    @Test
    void aRedirectIsCheckedLikeTheFirstRequest() throws Exception {
        // 127.0.0.1 stands in for a public server; every other address is "private"
        InetAddress allowedServer = InetAddress.getByName("127.0.0.1");
        OutboundAddressPolicy onlyThisServer = new OutboundAddressPolicy(allowedServer::equals, InetAddress::getAllByName);
        HttpClient client = client(onlyThisServer);
        assertThat(client.send(HttpClient.Call.get(base + "/to/self")).text()).isEqualTo("pong"); // followed
        for (String elsewhere : List.of("other-loopback", "metadata", "v6-loopback")) {
            assertThatThrownBy(() -> client.send(HttpClient.Call.get(base + "/to/" + elsewhere))).as(elsewhere).hasMessage(NOT_ALLOWED);
        }
    }

    @Test
    void aPluginsCredentialsNeverFollowARedirectToAnotherHost() throws Exception {
        Map<String, String> token = Map.of("Authorization", "Bearer plugin-secret-token");
        HttpClient.Answer elsewhere = http.send(new HttpClient.Call("GET", base + "/to/elsewhere-who", token, null, null));
        assertThat(elsewhere.status()).as("the redirect comes back unfollowed").isEqualTo(302);
        assertThat(credentialsSeen).as("the other host never saw the token").isEmpty();
        assertThat(http.send(HttpClient.Call.get(base + "/to/elsewhere-who")).status()).as("without credentials it is followed").isEqualTo(200);
        assertThat(http.send(new HttpClient.Call("GET", base + "/to/self-who", token, null, null)).status()).as("on the same host too").isEqualTo(200);
        assertThat(credentialsSeen).containsExactly("Bearer plugin-secret-token");
    }

    @Test
    void aClosedPortReadsLikeAnyUnreachableServer() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = socket.getLocalPort();
        }
        assertThatThrownBy(() -> http.send(HttpClient.Call.get("http://127.0.0.1:" + closed + "/"))).isInstanceOf(HttpClient.HttpFailure.class)
                .hasMessage("Could not connect to the server").hasNoCause();
    }
}
