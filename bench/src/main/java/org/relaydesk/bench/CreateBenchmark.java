package org.relaydesk.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The {@code create} command: for each concurrency level, that many clients create tickets through
 * {@code POST /api/tickets} back to back for a fixed time after a warm-up, and the run reports
 * tickets per second and the response-time percentiles of the creations.
 */
final class CreateBenchmark {
    static final Set<String> OPTIONS = Seeder.union(ApiClient.OPTIONS,
            Set.of("clients", "seconds", "warmup-seconds", "requesters", "limit-tickets-per-second", "seed"));
    private static final int MAX_CLIENTS = 256;
    /** A second bound besides the clock, so that no loop can run away. */
    private static final long MAX_REQUESTS_PER_CLIENT = 1_000_000;

    private CreateBenchmark() {
    }

    static void run(Options options) throws IOException, InterruptedException, ExecutionException {
        List<Integer> levels = options.integers("clients", List.of(1, 8, 64));
        int seconds = options.integer("seconds", 20);
        int warmupSeconds = options.integer("warmup-seconds", 5);
        int requesters = options.integer("requesters", 5_000);
        Double limit = options.decimal("limit-tickets-per-second");
        SplittableRandom random = new SplittableRandom(options.seed("seed"));
        if (levels.stream().anyMatch(clients -> clients > MAX_CLIENTS)) {
            throw new UsageException("at most " + MAX_CLIENTS + " clients");
        }
        ApiClient api = ApiClient.signIn(options);

        List<LevelResult> results = new ArrayList<>();
        for (int clients : levels) {
            LevelResult result = runLevel(api, clients, warmupSeconds, seconds, requesters, random.split());
            results.add(result);
            System.out.printf("%3d clients: %,d tickets in %d s = %,.1f tickets/s; p50 %s ms, p95 %s ms, p99 %s ms; errors %s%n",
                    clients, result.created(), seconds, result.ticketsPerSecond(), result.latencies().percentileMillis(50),
                    result.latencies().percentileMillis(95), result.latencies().percentileMillis(99), result.errorSummary());
            if (result.firstError() != null) {
                System.out.println("    first error: " + result.firstError());
            }
        }
        System.out.println();
        System.out.println(table(results, limit));
    }

    private static LevelResult runLevel(ApiClient api, int clients, int warmupSeconds, int seconds, int requesters,
                                        SplittableRandom random) throws InterruptedException, ExecutionException {
        long measureFrom = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        long measureUntil = measureFrom + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<ClientResult>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                SplittableRandom clientRandom = random.split();
                futures.add(pool.submit(() -> createUntil(api, measureFrom, measureUntil, requesters, clientRandom)));
            }
            LevelResult level = new LevelResult(clients, seconds);
            for (Future<ClientResult> future : futures) {
                level.add(future.get());
            }
            return level;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One client: creates tickets one after another; only those started in the measured window count. */
    private static ClientResult createUntil(ApiClient api, long measureFrom, long measureUntil, int requesters,
                                            SplittableRandom random) throws InterruptedException {
        HelpDeskText text = new HelpDeskText(random);
        ClientResult result = new ClientResult();
        for (long sent = 0; sent < MAX_REQUESTS_PER_CLIENT; sent++) {
            long started = System.nanoTime();
            if (started >= measureUntil) {
                break;
            }
            boolean measured = started >= measureFrom;
            JsonObject ticket = newTicket(text, random, requesters);
            try {
                HttpResponse<String> response = api.post("/api/tickets", ticket);
                if (measured && response.statusCode() == 201) {
                    result.latencies.recordSince(started);
                } else if (measured) {
                    result.error("HTTP " + response.statusCode(), ApiClient.excerpt(response.body()));
                }
            } catch (IOException e) {
                if (measured) {
                    result.error(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
                }
            }
        }
        return result;
    }

    /** Customers mostly differ, but some write again, as they do: one of {@code requesters} addresses. */
    private static JsonObject newTicket(HelpDeskText text, SplittableRandom random, int requesters) {
        Issue issue = text.issue();
        Person person = Person.random(random);
        int requester = random.nextInt(requesters);
        return Json.createObjectBuilder()
                .add("subject", text.subject(issue))
                .add("description", text.request(issue, person))
                .add("requester_email", "customer" + requester + "@bench.example.com")
                .add("requester_name", person.fullName())
                .add("priority", "high")
                .build();
    }

    private static MarkdownTable table(List<LevelResult> results, Double limit) {
        MarkdownTable table = new MarkdownTable("Clients", "Tickets/s", "p50 ms", "p95 ms", "p99 ms", "Errors", "Share of JDBC limit");
        for (LevelResult result : results) {
            String share = limit == null ? "-" : String.format("%.1f %%", 100 * result.ticketsPerSecond() / limit);
            table.row(Integer.toString(result.clients()), String.format("%,.1f", result.ticketsPerSecond()),
                    result.latencies().percentileMillis(50), result.latencies().percentileMillis(95),
                    result.latencies().percentileMillis(99), result.errorSummary(), share);
        }
        return table;
    }

    private static final class ClientResult {
        final Latencies latencies = new Latencies();
        final Map<String, Integer> errors = new TreeMap<>();
        String firstError;

        void error(String kind, String detail) {
            errors.merge(kind, 1, Integer::sum);
            if (firstError == null) {
                firstError = kind + " " + detail;
            }
        }
    }

    private static final class LevelResult {
        private final int clients;
        private final int seconds;
        private final Latencies latencies = new Latencies();
        private final Map<String, Integer> errors = new TreeMap<>();
        private String firstError;

        LevelResult(int clients, int seconds) {
            this.clients = clients;
            this.seconds = seconds;
        }

        void add(ClientResult client) {
            latencies.add(client.latencies);
            client.errors.forEach((kind, count) -> errors.merge(kind, count, Integer::sum));
            if (firstError == null) {
                firstError = client.firstError;
            }
        }

        int clients() {
            return clients;
        }

        Latencies latencies() {
            return latencies;
        }

        long created() {
            return latencies.count();
        }

        double ticketsPerSecond() {
            return created() / (double) seconds;
        }

        String firstError() {
            return firstError;
        }

        String errorSummary() {
            if (errors.isEmpty()) {
                return "0";
            }
            List<String> parts = new ArrayList<>();
            errors.forEach((kind, count) -> parts.add(count + " x " + kind));
            return String.join(", ", parts);
        }
    }
}
