package org.relaydesk.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A receiver that answers without end (a header line that never ends, a body dripped forever, a
 * huge body) must neither fill the server's memory nor hold the webhook job: the attempt ends with
 * an error or with the first kilobyte, and the rest is never read. Real sockets on 127.0.0.1.
 */
class HostileReceiverTest {
    private ServerSocket server;
    private final AtomicLong written = new AtomicLong();
    private WebhookPost post;

    @BeforeEach
    void setUp() throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
        post = new WebhookPost();
        post.settings = new WebhookSettings();
        post.settings.allowPrivateNetworks = true;
        post.deadline = Duration.ofSeconds(2);
    }

    @AfterEach
    void tearDown() throws IOException {
        server.close();
        post.close();
    }

    /** Serves one connection: reads the request's head, then writes what {@code answer} writes until it or the socket fails. */
    private void serve(Answer answer) {
        CompletableFuture.runAsync(() -> {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[8192];
                in.read(buffer); // the request (small enough for one read)
                answer.write(socket.getOutputStream());
            } catch (IOException | InterruptedException closedByTheClient) {
                // what the test is about
            }
        });
    }

    interface Answer {
        void write(OutputStream out) throws IOException, InterruptedException;
    }

    private void count(OutputStream out, byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        written.addAndGet(bytes.length);
    }

    private WebhookPost.Outcome send() {
        return post.post("http://127.0.0.1:" + server.getLocalPort() + "/hook", "{}", Map.of());
    }

    @Test
    void anEndlessHeaderLineIsRefusedLongBeforeMemoryRunsOut() throws Exception {
        byte[] chunk = "a".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        serve(out -> {
            count(out, "HTTP/1.1 200 OK\r\nX-Endless: ".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 16 * 1024; i++) { // up to 1 GB, if the client kept reading
                count(out, chunk);
            }
        });
        WebhookPost.Outcome outcome = CompletableFuture.supplyAsync(this::send).get(30, TimeUnit.SECONDS);
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.error()).isNotBlank();
        assertThat(written.get()).as("the client stopped reading").isLessThan(64L * 1024 * 1024);
    }

    @Test
    void aBodyDrippedForeverEndsAtTheDeadline() throws Exception {
        serve(out -> {
            count(out, "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 1000; i++) {
                count(out, new byte[] {'x'});
                Thread.sleep(500);
            }
        });
        WebhookPost.Outcome outcome = CompletableFuture.supplyAsync(this::send).get(30, TimeUnit.SECONDS);
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.error()).isEqualTo("No complete answer within 2 s");
    }

    @Test
    void aHugeAnswerIsReadForItsFirstKilobyteOnlyAndNotDrained() throws Exception {
        byte[] chunk = "b".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        long total = 512L * 1024 * 1024;
        serve(out -> {
            count(out, ("HTTP/1.1 200 OK\r\nContent-Length: " + total + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (long sent = 0; sent < total; sent += chunk.length) {
                count(out, chunk);
            }
        });
        WebhookPost.Outcome outcome = CompletableFuture.supplyAsync(this::send).get(30, TimeUnit.SECONDS);
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.responseExcerpt()).hasSize(WebhookAttempt.EXCERPT);
        assertThat(written.get()).as("dropped, not drained").isLessThan(total / 4);
    }

    @Test
    void aNulInTheAnswerIsKeptOutOfTheLog() {
        assertThat(WebhookAttempt.clip("ok\u0000done", 100)).isEqualTo("okdone");
    }
}
