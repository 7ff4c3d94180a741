package org.relaydesk.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * The {@code analytics} command: the report endpoints over the last {@code --days} days (90 by
 * default) of the signed-in admin's workspace, one request after another, each endpoint in turn,
 * with GET /health/live as the baseline in the same run.
 */
final class AnalyticsBenchmark {
    static final Set<String> OPTIONS = Seeder.union(ApiClient.OPTIONS, Set.of("days", "requests", "warmup"));
    private static final List<String> REPORTS = List.of("overview", "volume", "distribution", "peak-hours", "agents", "csat", "sla/detailed");

    private AnalyticsBenchmark() {
    }

    static void run(Options options) throws IOException, InterruptedException {
        int days = options.integer("days", 90);
        int requests = options.integer("requests", 30);
        int warmup = options.integer("warmup", 5);
        ApiClient api = ApiClient.signIn(options);
        LocalDate to = LocalDate.now(ZoneOffset.UTC);
        String period = "?from=" + to.minusDays(days - 1L) + "&to=" + to;
        HttpResponse<String> overview = api.get("/api/tickets/analytics/overview" + period);
        if (overview.statusCode() != 200) {
            throw new IllegalStateException("the overview answered " + overview.statusCode() + ": " + ApiClient.excerpt(overview.body()));
        }
        System.out.println("overview of the last " + days + " days: " + ApiClient.excerpt(overview.body()));
        String label = days + " days";
        MarkdownTable table = new MarkdownTable("Analytics", "Request", "Requests", "p50 ms", "p95 ms", "p99 ms", "max ms", "Errors");
        TimedRequests.measure(table, label, "Baseline: GET /health/live", requests, warmup, () -> api.get("/health/live").statusCode() == 200);
        for (String report : REPORTS) {
            TimedRequests.measure(table, label, "GET /api/tickets/analytics/" + report, requests, warmup,
                    () -> api.get("/api/tickets/analytics/" + report + period).statusCode() == 200);
        }
        System.out.println();
        System.out.println(table);
    }
}
