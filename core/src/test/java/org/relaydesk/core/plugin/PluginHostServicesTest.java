package org.relaydesk.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relaydesk.api.host.HttpClient;

/** The HTTP client plugins get: answers as they come, and the host's limits (size, time, scheme) as clear failures. */
class PluginHostServicesTest {
    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpClient http = new PluginHostServices("test", null, Clock.systemUTC(), Map::of).http();
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/small", exchange -> {
            byte[] body = "pong".getBytes();
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/large", exchange -> {
            exchange.sendResponseHeaders(200, PluginHostServices.MAX_ANSWER + 1L);
            exchange.getResponseBody().write(new byte[PluginHostServices.MAX_ANSWER + 1]);
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
        assertThatThrownBy(() -> http.send(HttpClient.Call.get(base + "/large"))).isInstanceOf(HttpClient.HttpFailure.class)
                .hasMessageContaining("larger than 10 MB");
        assertThatThrownBy(() -> http.send(new HttpClient.Call("GET", base + "/stuck", Map.of(), null, Duration.ofMillis(300))))
                .isInstanceOf(HttpClient.HttpFailure.class).hasMessageContaining("did not answer");
        assertThatThrownBy(() -> http.send(HttpClient.Call.get("file:///etc/passwd"))).hasMessageContaining("only http and https");
    }
}
