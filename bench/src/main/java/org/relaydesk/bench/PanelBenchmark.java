package org.relaydesk.bench;

import jakarta.json.JsonObject;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server time of the agent panel's two main pages, rendered in full as a browser first loads them:
 * the queue (/agent/tickets?view=open, first page of 25) and a ticket page (/agent/tickets/{number},
 * random tickets). Signed in through the login form like a browser; one request at a time on
 * loopback, so the response time is the server's time.
 */
final class PanelBenchmark {
    static final Set<String> OPTIONS = Set.of("base-url", "agent-email", "agent-password", "requests", "warmup", "label", "seed",
            "email", "password");
    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");

    private PanelBenchmark() {
    }

    static void run(Options options) throws Exception {
        String baseUrl = options.text("base-url", "http://127.0.0.1:8080").replaceAll("/+$", "");
        Loopback.requireLoopback(baseUrl);
        int requests = options.integer("requests", 500);
        int warmup = options.integer("warmup", 50);
        String label = options.text("label", "");
        SplittableRandom random = new SplittableRandom(options.seed("seed"));
        ApiClient api = ApiClient.signIn(options);
        List<Long> numbers = sampleNumbers(api, random);

        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        signIn(browser, baseUrl, options.required("agent-email"), options.required("agent-password"));

        Latencies queue = time(browser, baseUrl, warmup, requests, i -> "/agent/tickets?view=open");
        Latencies ticket = time(browser, baseUrl, warmup, requests, i -> "/agent/tickets/" + numbers.get(random.nextInt(numbers.size())));
        System.out.printf("Queue page (All open, 25 rows): p50 %s ms, p95 %s ms, p99 %s ms%n", queue.percentileMillis(50),
                queue.percentileMillis(95), queue.percentileMillis(99));
        System.out.printf("Ticket page: p50 %s ms, p95 %s ms, p99 %s ms%n", ticket.percentileMillis(50), ticket.percentileMillis(95),
                ticket.percentileMillis(99));
        System.out.println();
        System.out.println("| Tickets | Page | Requests | p50 ms | p95 ms | p99 ms | max ms |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        for (var row : List.of(new Object[] {"Queue (All open, first 25)", queue}, new Object[] {"Ticket page", ticket})) {
            Latencies l = (Latencies) row[1];
            System.out.printf("| %s | %s | %,d | %s | %s | %s | %s |%n", label, row[0], l.count(), l.percentileMillis(50),
                    l.percentileMillis(95), l.percentileMillis(99), l.maxMillis());
        }
    }

    private interface PathFor {
        String path(int i);
    }

    private static Latencies time(HttpClient browser, String baseUrl, int warmup, int requests, PathFor pathFor) throws Exception {
        Latencies latencies = new Latencies();
        for (int i = 0; i < warmup + requests; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + pathFor.path(i))).timeout(Duration.ofSeconds(30)).GET().build();
            long started = System.nanoTime();
            HttpResponse<String> response = browser.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + request.uri() + " answered HTTP " + response.statusCode());
            }
            if (i >= warmup) {
                latencies.recordSince(started);
            }
        }
        return latencies;
    }

    /** Through the login form, as a browser signs in: the client keeps the session cookie. */
    static void signIn(HttpClient browser, String baseUrl, String email, String password) throws Exception {
        HttpResponse<String> form = browser.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher state = VIEW_STATE.matcher(form.body());
        if (!state.find()) {
            throw new IllegalStateException("no login form at " + baseUrl + "/login");
        }
        String body = "login=login&email=" + enc(email) + "&password=" + enc(password) + "&next=&submit=Sign+in&jakarta.faces.ViewState="
                + enc(state.group(1));
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 302) {
            throw new IllegalStateException("signing in as " + email + " failed (HTTP " + answer.statusCode() + ")");
        }
    }

    private static List<Long> sampleNumbers(ApiClient api, SplittableRandom random) throws Exception {
        List<Long> numbers = new ArrayList<>();
        JsonObject first = (JsonObject) api.getJson("/api/tickets?limit=100");
        long total = first.getJsonObject("pagination").getJsonNumber("total").longValue();
        int pages = (int) Math.max(1, Math.min(1000, total / 100));
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            int page = 1 + random.nextInt(pages);
            if (!seen.add(page)) {
                continue;
            }
            JsonObject json = (JsonObject) api.getJson("/api/tickets?limit=100&sort=number&page=" + page);
            json.getJsonArray("tickets").getValuesAs(JsonObject.class).forEach(t -> numbers.add(t.getJsonNumber("number").longValue()));
        }
        return numbers;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
