package org.relaydesk.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Live chat under load: {@code --chats} visitors (default 200) each start a chat through the widget's
 * public API and hold its live connection (/widget/live) open; the signed-in agent accepts them all,
 * then writes {@code --messages} lines into every chat, spread evenly over {@code --seconds}. A visitor
 * hears "changed" on its connection and reads the lines after its last one, as widget.js does; each
 * line's delivery is from the agent's write to the visitor having read it (both on this machine's
 * clock). The baseline, measured in the same run before the load, is a plain read of one chat.
 *
 * <p>The server must allow this many public calls from one address (the bench is one address):
 * {@code RELAYDESK_PUBLIC_WRITES_PER_10_MINUTES} and {@code RELAYDESK_PUBLIC_READS_PER_MINUTE} well
 * above the run's calls, e.g. 100000.
 */
final class ChatBenchmark {
    static final Set<String> OPTIONS = Seeder.union(ApiClient.OPTIONS, Set.of("chats", "messages", "seconds"));
    private static final String ORIGIN = "https://bench-shop.example";

    private ChatBenchmark() {
    }

    /** One visitor: its chat, the last line it read, and the lines it waits for (marker → when written). */
    private static final class Visitor implements WebSocket.Listener {
        final String chat;
        final String token;
        final Map<String, Long> waiting = new ConcurrentHashMap<>();
        final Latencies delivered = new Latencies();
        final AtomicBoolean reading = new AtomicBoolean();
        final AtomicBoolean again = new AtomicBoolean();
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        volatile String last;
        Context context;

        Visitor(String chat, String token, String last) {
            this.chat = chat;
            this.token = token;
            this.last = last;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean lastPart) {
            socket.request(1);
            String text = data.toString();
            if (text.contains("ready")) {
                ready.complete(null);
            } else if (text.contains("changed")) {
                read();
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
            ready.completeExceptionally(new IllegalStateException("the live connection closed: " + code + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            ready.completeExceptionally(error);
        }

        /** Reads the lines after the last one; a poke during a read makes one more read after it. */
        void read() {
            if (!reading.compareAndSet(false, true)) {
                again.set(true);
                return;
            }
            context.client.sendAsync(context.visitorRequest("/chats/" + chat + (last == null ? "" : "?after=" + last), token).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                        long now = System.currentTimeMillis();
                        if (failure == null && response.statusCode() == 200) {
                            JsonObject view = Json.createReader(new StringReader(response.body())).readObject();
                            for (JsonObject line : view.getJsonArray("lines").getValuesAs(JsonObject.class)) {
                                last = line.getString("id");
                                Long written = waiting.remove(line.getString("text"));
                                if (written != null) {
                                    synchronized (delivered) {
                                        delivered.recordMillis(now - written);
                                    }
                                    context.remaining.countDown();
                                }
                            }
                        }
                        reading.set(false);
                        if (again.getAndSet(false)) {
                            read();
                        }
                    });
        }
    }

    /** What the visitors share. */
    private static final class Context {
        final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        final String baseUrl;
        final String siteKey;
        CountDownLatch remaining;

        Context(String baseUrl, String siteKey) {
            this.baseUrl = baseUrl;
            this.siteKey = siteKey;
        }

        HttpRequest.Builder visitorRequest(String path, String chatToken) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/public/widget/" + siteKey + path))
                    .timeout(Duration.ofSeconds(30)).header("Origin", ORIGIN).header("Accept", "application/json");
            return chatToken == null ? request : request.header("X-Chat-Token", chatToken);
        }
    }

    static void run(Options options) throws Exception {
        String baseUrl = Loopback.requireLoopback(options.required("base-url")).toString().replaceAll("/$", "");
        ApiClient agent = ApiClient.signIn(options);
        int chats = options.integer("chats", 200);
        int messages = options.integer("messages", 5);
        int seconds = options.integer("seconds", 30);

        HttpResponse<String> widget = agent.post("/api/widgets", Json.createObjectBuilder().add("name", "Chat bench " + UUID.randomUUID())
                .add("allowed_origins", Json.createArrayBuilder().add(ORIGIN)).build());
        require(widget, 201, "creating the bench's widget");
        JsonObject made = Json.createReader(new StringReader(widget.body())).readObject();
        Context context = new Context(baseUrl, made.getString("site_key"));
        require(agent.post("/api/chats/desk", Json.createObjectBuilder().build()), 204, "going to the chat desk");
        List<Visitor> visitors = new ArrayList<>();
        List<WebSocket> sockets = new ArrayList<>();
        try {
            // the baseline: a plain read of a chat, one at a time, before any load
            Visitor first = start(context, 0);
            Latencies baseline = new Latencies();
            for (int i = 0; i < 200; i++) {
                long started = System.nanoTime();
                HttpResponse<String> read = context.client.send(context.visitorRequest("/chats/" + first.chat, first.token).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                require(read, 200, "reading a chat");
                baseline.recordSince(started);
            }
            visitors.add(first);
            for (int i = 1; i < chats; i++) {
                visitors.add(start(context, i));
            }
            for (Visitor visitor : visitors) {
                HttpResponse<String> view = context.client.send(context.visitorRequest("/chats/" + visitor.chat, visitor.token).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                String pass = Json.createReader(new StringReader(view.body())).readObject().getString("live_pass");
                WebSocket socket = context.client.newWebSocketBuilder().header("Origin", ORIGIN)
                        .buildAsync(URI.create(baseUrl.replaceFirst("^http", "ws") + "/widget/live"), visitor).get(30, TimeUnit.SECONDS);
                socket.sendText(pass, true).get(30, TimeUnit.SECONDS);
                try {
                    visitor.ready.get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("visitor " + sockets.size() + "'s live connection did not open: " + e.getCause().getMessage(), e);
                }
                sockets.add(socket);
                require(agent.post("/api/chats/" + visitor.chat + "/accept", Json.createObjectBuilder().build()), 200, "accepting a chat");
            }
            System.out.printf("%d chats open, each with its live connection; the agent writes %d lines into each over %d s%n", chats, messages, seconds);

            context.remaining = new CountDownLatch(chats * messages);
            long spacingNanos = TimeUnit.SECONDS.toNanos(seconds) / Math.max(1, (long) chats * messages);
            long next = System.nanoTime();
            int failed = 0;
            for (int round = 0; round < messages; round++) {
                for (Visitor visitor : visitors) {
                    while (System.nanoTime() < next) {
                        Thread.onSpinWait();
                    }
                    next += spacingNanos;
                    String marker = "bench-" + UUID.randomUUID();
                    visitor.waiting.put(marker, System.currentTimeMillis());
                    HttpResponse<String> sent = agent.post("/api/chats/" + visitor.chat + "/messages", Json.createObjectBuilder().add("body", marker).build());
                    if (sent.statusCode() != 201) {
                        visitor.waiting.remove(marker);
                        context.remaining.countDown();
                        failed++;
                    }
                }
            }
            boolean all = context.remaining.await(120, TimeUnit.SECONDS);
            Latencies delivered = new Latencies();
            long lost = 0;
            for (Visitor visitor : visitors) {
                delivered.add(visitor.delivered);
                lost += visitor.waiting.size();
            }
            System.out.println();
            System.out.println("| Measure | Samples | p50 ms | p95 ms | p99 ms | max ms |");
            System.out.println("| --- | --- | --- | --- | --- | --- |");
            System.out.printf("| baseline: one visitor reads a chat (no load) | %d | %s | %s | %s | %s |%n", baseline.count(), baseline.percentileMillis(50),
                    baseline.percentileMillis(95), baseline.percentileMillis(99), baseline.maxMillis());
            System.out.printf("| agent's line → visitor has read it (%d chats open) | %d | %s | %s | %s | %s |%n", chats, delivered.count(),
                    delivered.percentileMillis(50), delivered.percentileMillis(95), delivered.percentileMillis(99), delivered.maxMillis());
            System.out.printf("%nLines written: %d; refused: %d; not read within 120 s: %d%s%n", chats * messages, failed, lost,
                    all ? "" : " (the wait timed out)");
        } finally {
            for (WebSocket socket : sockets) {
                socket.abort();
            }
            for (Visitor visitor : visitors) {
                agent.post("/api/chats/" + visitor.chat + "/end", Json.createObjectBuilder().build());
            }
            agent.post("/api/chats/desk/leave", Json.createObjectBuilder().build());
            agent.delete("/api/widgets/" + made.getString("id"));
        }
    }

    private static Visitor start(Context context, int number) throws Exception {
        String visitorId = String.format("benchvisitor%010d", number);
        HttpResponse<String> started = context.client.send(context.visitorRequest("/chats", null)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder()
                        .add("visitor_id", visitorId).add("message", "Bench visitor " + number + " needs help").build().toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        require(started, 201, "starting a chat");
        JsonObject body = Json.createReader(new StringReader(started.body())).readObject();
        var lines = body.getJsonObject("chat").getJsonArray("lines").getValuesAs(JsonObject.class);
        Visitor visitor = new Visitor(body.getString("chat_id"), body.getString("token"), lines.get(lines.size() - 1).getString("id"));
        visitor.context = context;
        return visitor;
    }

    private static void require(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " failed: HTTP " + response.statusCode() + " " + ApiClient.excerpt(response.body()));
        }
    }
}
