package org.relaydesk.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two nodes of a cluster (both on this machine, on loopback): how many tickets a second the API creates
 * through one node and through both (clients spread over the two), and how long a ticket made through
 * node A takes to reach a panel's live connection on node B (from the moment the request is sent to
 * the moment the push arrives).
 */
final class ClusterBenchmark {
    static final Set<String> OPTIONS = Set.of("base-url", "other-url", "email", "password", "seconds", "clients", "probes");

    private ClusterBenchmark() {
    }

    static void run(Options options) throws Exception {
        String nodeA = options.text("base-url", "http://127.0.0.1:8080").replaceAll("/+$", "");
        String nodeB = options.required("other-url").replaceAll("/+$", "");
        String email = options.required("email");
        String password = options.required("password");
        int seconds = options.integer("seconds", 30);
        int clients = options.integer("clients", 8);
        int probes = options.integer("probes", 100);
        List<ApiClient> onA = new ArrayList<>();
        List<ApiClient> onBoth = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            onA.add(ApiClient.signIn(nodeA, email, password));
            onBoth.add(ApiClient.signIn(i % 2 == 0 ? nodeA : nodeB, email, password));
        }
        String run = Long.toString(System.currentTimeMillis(), 36);
        create(onA, 5, run + "-warm");
        double one = create(onA, seconds, run + "-one");
        double two = create(onBoth, seconds, run + "-two");
        System.out.printf("creation through node A only: %.1f tickets/s (%d clients, %d s)%n", one, clients, seconds);
        System.out.printf("creation through both nodes:  %.1f tickets/s (%d clients spread over A and B, %d s)%n", two, clients, seconds);
        liveAcross(onA.get(0), nodeB, email, password, probes, run);
    }

    /** Tickets created per second by the clients, each in a loop, for that long; any answer but 201 ends the run. */
    private static double create(List<ApiClient> clients, int seconds, String run) throws Exception {
        AtomicInteger created = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Map<Integer, Exception> failures = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients.size(); c++) {
            ApiClient api = clients.get(c);
            int client = c;
            Thread thread = new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    try {
                        HttpResponse<String> answer = api.post("/api/tickets", Json.createObjectBuilder()
                                .add("subject", "Cluster bench " + run + " " + client + "/" + i).add("description", "Made by the cluster bench")
                                .add("requester_email", "cluster-" + client + "@customer.test").build());
                        if (answer.statusCode() != 201) {
                            throw new IllegalStateException("HTTP " + answer.statusCode() + " " + ApiClient.excerpt(answer.body()));
                        }
                        created.incrementAndGet();
                    } catch (Exception e) {
                        failures.put(client, e);
                        return;
                    }
                }
            }, "cluster-bench-client-" + client);
            thread.start();
            threads.add(thread);
        }
        long started = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds)); // the measured interval itself
        stop.set(true);
        int at = created.get();
        double elapsed = (System.nanoTime() - started) / 1e9;
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a client failed: " + failures.values().iterator().next().getMessage(), failures.values().iterator().next());
        }
        return at / elapsed;
    }

    /** Sent → pushed on the other node, one probe at a time. */
    private static void liveAcross(ApiClient onA, String nodeB, String email, String password, int probes, String run) throws Exception {
        JsonObject first = (JsonObject) ApiClient.parse(onA.post("/api/tickets", Json.createObjectBuilder().add("subject", "Cluster bench " + run)
                .add("requester_email", "cluster-probe@customer.test").build()).body());
        // when each ticket's "created" push reached node B's panel, by number: the push may come before the API's answer is read
        Map<String, CompletableFuture<Long>> pushedAt = new ConcurrentHashMap<>();
        LivePanel panel = LivePanel.open(nodeB, email, password, first.getJsonNumber("number").toString(), text -> {
            long now = System.nanoTime();
            JsonObject frame = (JsonObject) ApiClient.parse(text);
            JsonObject pushed = frame.containsKey("data") ? frame.getJsonObject("data") : frame; // Faces push wraps the message
            if ("ticket".equals(pushed.getString("type", "")) && "created".equals(pushed.getString("action", ""))) {
                pushedAt.computeIfAbsent(pushed.get("number").toString(), n -> new CompletableFuture<>()).complete(now);
            }
        });
        Latencies latencies = new Latencies();
        int missed = 0;
        try {
            for (int i = 0; i < probes; i++) {
                long sent = System.nanoTime();
                HttpResponse<String> answer = onA.post("/api/tickets", Json.createObjectBuilder().add("subject", "Cluster probe " + run + " " + i)
                        .add("requester_email", "cluster-probe@customer.test").build());
                if (answer.statusCode() != 201) {
                    throw new IllegalStateException("a probe ticket: HTTP " + answer.statusCode() + " " + ApiClient.excerpt(answer.body()));
                }
                String number = ((JsonObject) ApiClient.parse(answer.body())).get("number").toString();
                try {
                    long arrived = pushedAt.computeIfAbsent(number, n -> new CompletableFuture<>()).get(5, TimeUnit.SECONDS);
                    latencies.recordMillis(Math.max(0, (arrived - sent) / 1_000_000));
                } catch (TimeoutException notPushed) {
                    missed++;
                }
                pushedAt.remove(number);
            }
        } finally {
            panel.close();
        }
        System.out.printf("made on node A -> pushed to a panel on node B (%d probes, %d not pushed within 5 s): p50 %s ms, p95 %s ms, p99 %s ms, max %s ms%n",
                probes, missed, latencies.percentileMillis(50), latencies.percentileMillis(95), latencies.percentileMillis(99), latencies.maxMillis());
    }
}
