package org.relaydesk.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code kb} command: the knowledge base at size. Seeds published articles through the API
 * (the service's own path: sanitising, slugs, search vectors), spread over three languages and the
 * help-desk topics, then times, one request at a time, what visitors and the widget do: opening a
 * help-centre article page (server-rendered HTML) and searching with a misspelled word. The
 * baseline, measured in the same run, is the server's cheapest page (GET /health/live): the floor
 * that HTTP, the container and the machine put under every figure.
 */
final class KbBenchmark {
    static final Set<String> OPTIONS = Seeder.union(ApiClient.OPTIONS,
            Set.of("articles", "languages", "seed-threads", "requests", "warmup", "seed", "skip-seed"));
    /** Misspelled forms of words the seeded articles hold: the search must forgive them. */
    private static final List<String> MISSPELLED = List.of("pasword", "refnd", "shiping", "invoise", "logn", "subscripton", "webhok",
            "timout", "exprot", "crashes");

    private KbBenchmark() {
    }

    static void run(Options options) throws IOException, InterruptedException {
        int articles = options.integer("articles", 10_000);
        List<String> languages = options.words("languages", List.of("en", "de", "es"));
        int requests = options.integer("requests", 2_000);
        int warmup = options.integer("warmup", 200);
        SplittableRandom random = new SplittableRandom(options.seed("seed"));
        ApiClient api = ApiClient.signIn(options);
        String baseUrl = options.required("base-url").replaceAll("/+$", "");

        List<String> slugs = options.flag("skip-seed", false) ? publishedSlugs(api) : seed(api, articles, languages, options.integer("seed-threads", 4));
        System.out.printf("%,d published articles in %s%n", slugs.size(), String.join(", ", languages));

        HttpClient visitor = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        String label = String.format("%,d articles", slugs.size());
        MarkdownTable table = new MarkdownTable("Knowledge base", "Request", "Requests", "p50 ms", "p95 ms", "p99 ms", "max ms", "Errors");
        TimedRequests.measure(table, label, "Baseline: GET /health/live", requests, warmup, () -> ok(visitor, baseUrl + "/health/live"));
        TimedRequests.measure(table, label, "Help centre article page (HTML)", requests, warmup,
                () -> ok(visitor, baseUrl + "/help/article/" + slugs.get(random.nextInt(slugs.size()))));
        TimedRequests.measure(table, label, "KB search, one misspelled word, first 10 (" + String.join(", ", MISSPELLED) + ")", requests, warmup,
                () -> ok(visitor, baseUrl + "/api/kb/search?q=" + ApiClient.encode(MISSPELLED.get(random.nextInt(MISSPELLED.size()))) + "&limit=10"));
        TimedRequests.measure(table, label, "Help centre search page (HTML), misspelled word", requests, warmup,
                () -> ok(visitor, baseUrl + "/help/search?q=" + ApiClient.encode(MISSPELLED.get(random.nextInt(MISSPELLED.size())))));
        System.out.println();
        System.out.println(table);
    }

    /** Articles made and published by a few clients at once; the slugs of those published. */
    private static List<String> seed(ApiClient api, int articles, List<String> languages, int threads) throws InterruptedException {
        List<String> categories = new ArrayList<>();
        for (String name : List.of("Account and sign-in", "Billing and invoices", "Orders and shipping", "Integrations")) {
            try {
                HttpResponse<String> created = api.post("/api/kb/categories", Json.createObjectBuilder().add("name", name + " " + System.nanoTime()).build());
                if (created.statusCode() == 201) {
                    categories.add(((JsonObject) ApiClient.parse(created.body())).getString("id"));
                }
            } catch (IOException e) {
                System.out.println("category not made: " + e.getMessage());
            }
        }
        AtomicInteger failed = new AtomicInteger();
        long started = System.nanoTime();
        List<Future<String>> made = new ArrayList<>(articles);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int i = 0; i < articles; i++) {
                int n = i;
                made.add(pool.submit(() -> {
                    try {
                        return publishOne(api, n, languages.get(n % languages.size()), categories.isEmpty() ? null : categories.get(n % categories.size()));
                    } catch (IOException | RuntimeException e) {
                        failed.incrementAndGet();
                        return null;
                    }
                }));
            }
            List<String> slugs = new ArrayList<>(articles);
            for (Future<String> future : made) {
                try {
                    String slug = future.get();
                    if (slug != null) {
                        slugs.add(slug);
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    failed.incrementAndGet();
                }
                if (slugs.size() % 1000 == 0 && !slugs.isEmpty()) {
                    System.out.printf("  %,d published (%.0f s)%n", slugs.size(), (System.nanoTime() - started) / 1e9);
                }
            }
            System.out.printf("seeded %,d articles in %.0f s with %d clients, %d failed%n", slugs.size(), (System.nanoTime() - started) / 1e9,
                    threads, failed.get());
            return slugs;
        } finally {
            pool.shutdown();
        }
    }

    /** One article of topic n, in the language, published; its slug, or null when the API refused it. */
    private static String publishOne(ApiClient api, int n, String language, String categoryId) throws IOException, InterruptedException {
        Topic topic = Topics.ALL.get(n % Topics.ALL.size());
        int which = (n / Topics.ALL.size()) % topic.subjects().size();
        String title = "How to solve: " + topic.subjects().get(which).replaceAll("[{}]", "") + " (" + language + " #" + n + ")";
        StringBuilder body = new StringBuilder("<p>").append(topic.problems().get(which).replaceAll("[{}]", "")).append("</p>");
        for (String reply : topic.agentReplies()) {
            body.append("<p>").append(reply.replaceAll("[{}]", "")).append("</p>");
        }
        body.append("<ul>");
        for (String tag : topic.tags()) {
            body.append("<li>").append(tag).append("</li>");
        }
        body.append("</ul>");
        var article = Json.createObjectBuilder().add("title", title).add("body", body.toString()).add("language", language)
                .add("summary", topic.problems().get(which).replaceAll("[{}]", "")).add("visibility", "public");
        if (categoryId != null) {
            article.add("category_id", categoryId);
        }
        HttpResponse<String> created = api.post("/api/kb/articles", article.build());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("article refused: " + created.statusCode() + " " + ApiClient.excerpt(created.body()));
        }
        JsonObject json = (JsonObject) ApiClient.parse(created.body());
        HttpResponse<String> published = api.post("/api/kb/articles/" + json.getString("id") + "/publish", JsonValue.EMPTY_JSON_OBJECT);
        if (published.statusCode() != 200) {
            throw new IllegalStateException("publish refused: " + published.statusCode() + " " + ApiClient.excerpt(published.body()));
        }
        return json.getString("slug");
    }

    /** With --skip-seed: the published articles already there (the API's list, page by page). */
    private static List<String> publishedSlugs(ApiClient api) throws IOException, InterruptedException {
        List<String> slugs = new ArrayList<>();
        for (int page = 1; ; page++) {
            var list = ApiClient.list(api.getJson("/api/kb/articles?status=published&limit=100&page=" + page), "data");
            list.forEach(a -> slugs.add(a.asJsonObject().getString("slug")));
            if (list.size() < 100) {
                return slugs;
            }
        }
    }

    private static boolean ok(HttpClient client, String url) throws IOException, InterruptedException {
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 200;
    }
}
