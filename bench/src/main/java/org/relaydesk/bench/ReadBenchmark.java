package org.relaydesk.bench;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The {@code read} command: times, one request at a time, what an agent does all day: their list
 * of open tickets by priority then age, opening a ticket with its conversation, and a one-word
 * search. One client on purpose: these are response times, not throughput.
 */
final class ReadBenchmark {
    static final Set<String> OPTIONS = Seeder.union(ApiClient.OPTIONS,
            Set.of("assignee-email", "list-status", "requests", "warmup", "words", "sample-pages", "label", "seed"));
    /** The open category: in the API, status=open alone means only the OPEN status. */
    private static final String OPEN_STATUSES = "open,in_progress";
    private static final int SAMPLE_PAGE_SIZE = 100;

    private ReadBenchmark() {
    }


    static void run(Options options) throws IOException, InterruptedException {
        int requests = options.integer("requests", 2_000);
        int warmup = options.integer("warmup", 100);
        List<String> words = options.words("words", Topics.SEARCH_WORDS);
        SplittableRandom random = new SplittableRandom(options.seed("seed"));
        ApiClient api = ApiClient.signIn(options);

        String assigneeId = userId(api, options.required("assignee-email"));
        long total = total(api.getJson("/api/tickets?limit=1"));
        List<String> ticketIds = sampleTicketIds(api, total, options.integer("sample-pages", 10), random);
        String listPath = "/api/tickets?assignee_id=" + ApiClient.encode(assigneeId) + "&status="
                + ApiClient.encode(options.text("list-status", OPEN_STATUSES)) + "&sort=priority&limit=20&page=1";
        System.out.printf("workspace holds %,d tickets; the assignee has %,d open; %,d ticket ids sampled%n",
                total, total(api.getJson(listPath)), ticketIds.size());

        String label = options.text("label", String.format("%,d", total));
        MarkdownTable table = new MarkdownTable("Tickets", "Request", "Requests", "p50 ms", "p95 ms", "p99 ms", "max ms", "Errors");
        TimedRequests.measure(table, label, "List: assignee's open tickets by priority then age, page 1 (20)", requests, warmup,
                () -> ok(api.get(listPath)));
        TimedRequests.measure(table, label, "Open a ticket: GET /{id} + /{id}/comments", requests, warmup, () -> {
            String id = ticketIds.get(random.nextInt(ticketIds.size()));
            // '&', not '&&': opening a ticket always takes both requests, even when the first fails.
            return ok(api.get("/api/tickets/" + id)) & ok(api.get("/api/tickets/" + id + "/comments"));
        });
        TimedRequests.measure(table, label, "Search one word (" + String.join(", ", words) + "), first 20", requests, warmup, () -> {
            String word = words.get(random.nextInt(words.size()));
            return ok(api.get("/api/tickets?q=" + ApiClient.encode(word) + "&limit=20"));
        });
        System.out.println();
        System.out.println(table);
    }



    private static boolean ok(HttpResponse<String> response) {
        return response.statusCode() == 200;
    }

    private static String userId(ApiClient api, String email) throws IOException, InterruptedException {
        for (JsonValue user : ApiClient.list(api.getJson("/api/users"), "users")) {
            JsonObject object = user.asJsonObject();
            if (email.toLowerCase(Locale.ROOT).equals(object.getString("email", "").toLowerCase(Locale.ROOT))) {
                return object.getString("id");
            }
        }
        throw new IllegalStateException("no user " + email + " in GET /api/users");
    }

    private static long total(JsonStructure page) {
        JsonObject pagination = ((JsonObject) page).getJsonObject("pagination");
        if (pagination == null || !pagination.containsKey("total")) {
            throw new IllegalStateException("expected pagination.total in the ticket list");
        }
        return pagination.getJsonNumber("total").longValue();
    }

    /** Ids from pages spread over the whole list, so that opened tickets are old and new, not just the latest. */
    private static List<String> sampleTicketIds(ApiClient api, long total, int pages, SplittableRandom random)
            throws IOException, InterruptedException {
        long pageCount = Math.max(1, (total + SAMPLE_PAGE_SIZE - 1) / SAMPLE_PAGE_SIZE);
        Set<Long> chosen = new LinkedHashSet<>();
        chosen.add(1L);
        while (chosen.size() < Math.min(pages, pageCount)) {
            chosen.add(1 + random.nextLong(pageCount));
        }
        List<String> ids = new ArrayList<>();
        for (long page : chosen) {
            JsonArray tickets = ApiClient.list(api.getJson("/api/tickets?limit=" + SAMPLE_PAGE_SIZE + "&page=" + page), "tickets");
            for (JsonValue ticket : tickets) {
                JsonValue id = ticket.asJsonObject().get("id");
                if (id instanceof JsonString text) {
                    ids.add(text.getString());
                }
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("the workspace has no tickets to open: seed it first");
        }
        return ids;
    }
}
