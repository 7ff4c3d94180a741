package org.relaydesk.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.api.workflow.ActionContext.TicketSnapshot;
import org.relaydesk.core.workflow.Conditions;
import org.relaydesk.core.workflow.RuleDefinition;

/**
 * The {@code rules} command: what the workflow engine spends deciding which rules an event concerns.
 * <ol>
 * <li>In-process: the engine's own condition classes evaluate {@code --rules} rules (conditions in
 * the shapes admins write: text contains, tags, priority ranges, domains, channels, custom fields;
 * all/any groups) against varied ticket snapshots, one event at a time.</li>
 * <li>Against a running server (when {@code --base-url} is given): the latency of a ticket update
 * with no rules, then with {@code --rules} enabled rules for its trigger that do not hold for it, so
 * the difference is the engine's whole cost per event (its queries included).</li>
 * </ol>
 */
final class RulesBenchmark {
    static final Set<String> OPTIONS = Seeder.union(ApiClient.OPTIONS, Set.of("rules", "events", "updates", "seed"));
    private static final String[] WORDS = {"refund", "invoice", "outage", "password", "delivery", "cancel", "upgrade", "login", "crash",
            "discount", "export", "broken"};
    private static final String[] CHANNELS = {"email", "portal", "web", "api", "whatsapp"};
    /** Ticket bodies of a realistic length (text conditions scan them). */
    private static final String PARAGRAPH = "Since this morning the page shows an error when I try to continue, and I already tried another "
            + "browser and clearing the cache. Could you please have a look and tell me what to do next? Thank you very much.";
    private static final String[] DOMAINS = {"bigcustomer.com", "partner.org", "example.net", "shop.test", "acme.io"};

    private RulesBenchmark() {
    }

    static void run(Options options) throws Exception {
        int ruleCount = options.integer("rules", 100);
        int events = options.integer("events", 200_000);
        Random random = new Random(options.integer("seed", 7));
        List<JsonObject> rules = new ArrayList<>();
        for (int i = 0; i < ruleCount; i++) {
            rules.add(conditions(random));
        }
        inProcess(rules, events, random);
        if (options.has("base-url")) {
            overTheApi(ApiClient.signIn(options), rules, options.integer("updates", 500));
        }
    }

    private static void inProcess(List<JsonObject> rules, int events, Random random) {
        List<Conditions> compiled = rules.stream().map(RuleDefinition::conditions).toList();
        List<TicketSnapshot> tickets = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            tickets.add(ticket(random, i));
        }
        BooleanSupplier businessHours = () -> true;
        long matches = 0;
        for (int i = 0; i < events / 4; i++) { // warm-up: let the JIT compile the evaluation
            matches += evaluate(compiled, tickets.get(i % tickets.size()), businessHours);
        }
        Histogram perEvent = new Histogram(3);
        matches = 0;
        for (int i = 0; i < events; i++) {
            long started = System.nanoTime();
            matches += evaluate(compiled, tickets.get(i % tickets.size()), businessHours);
            perEvent.recordValue(Math.max(1, System.nanoTime() - started));
        }
        System.out.printf("in-process: %d rules evaluated for each of %,d events (%.1f rules hold per event on average)%n", compiled.size(), events,
                matches / (double) events);
        System.out.printf("  per event: p50 %.1f µs, p95 %.1f µs, p99 %.1f µs, max %.1f µs%n", perEvent.getValueAtPercentile(50) / 1000.0,
                perEvent.getValueAtPercentile(95) / 1000.0, perEvent.getValueAtPercentile(99) / 1000.0, perEvent.getMaxValue() / 1000.0);
    }

    private static int evaluate(List<Conditions> rules, TicketSnapshot ticket, BooleanSupplier businessHours) {
        int holding = 0;
        for (Conditions rule : rules) {
            if (rule.holdFor(ticket, businessHours)) {
                holding++;
            }
        }
        return holding;
    }

    /**
     * Updates tickets' subjects back and forth: a warm-up, then three rounds of updates without
     * rules and with the rules (for the ticket_updated trigger), so that drift on the server affects
     * both sides alike.
     */
    private static void overTheApi(ApiClient api, List<JsonObject> rules, int updates) throws Exception {
        // updates spread over many tickets, so that no ticket grows a history far longer than real ones have
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            tickets.add(created(api.post("/api/tickets", Json.createObjectBuilder().add("subject", "Rules benchmark ticket")
                    .add("requester_email", "rules-bench@bench.test").build())).getString("id"));
        }
        timeUpdates(api, tickets, 1000, new Histogram(3));
        Histogram without = new Histogram(3);
        Histogram with = new Histogram(3);
        int rounds = 3;
        for (int round = 0; round < rounds; round++) {
            timeUpdates(api, tickets, updates / rounds, without);
            List<String> ids = createRules(api, rules);
            try {
                timeUpdates(api, tickets, updates / rounds, with);
            } finally {
                for (String id : ids) {
                    api.delete("/api/workflows/" + id);
                }
            }
        }
        System.out.printf("over the API: PUT /api/tickets/{id} (%d updates each, in %d rounds)%n", without.getTotalCount(), rounds);
        System.out.printf("  without rules:  p50 %.2f ms, p95 %.2f ms%n", without.getValueAtPercentile(50) / 1000.0, without.getValueAtPercentile(95) / 1000.0);
        System.out.printf("  with %d rules: p50 %.2f ms, p95 %.2f ms%n", rules.size(), with.getValueAtPercentile(50) / 1000.0,
                with.getValueAtPercentile(95) / 1000.0);
        System.out.printf("  the engine's cost per event (difference of the medians): %.2f ms%n",
                (with.getValueAtPercentile(50) - without.getValueAtPercentile(50)) / 1000.0);
    }

    /** The rules, enabled, for ticket_updated; each also asks for a tag the ticket never has, so none acts: what is measured is the deciding. */
    private static List<String> createRules(ApiClient api, List<JsonObject> rules) throws Exception {
        List<String> ids = new ArrayList<>();
        int n = 0;
        for (JsonObject conditions : rules) {
            JsonObject guarded = Json.createObjectBuilder(conditions).add("match", "all").add("items", Json.createArrayBuilder(
                    conditions.getJsonArray("items")).add(Json.createObjectBuilder().add("field", "tags").add("operator", "has")
                    .add("value", "rules-bench-never"))).build();
            ids.add(created(api.post("/api/workflows", Json.createObjectBuilder().add("name", "Rules benchmark " + ++n)
                    .add("trigger", "ticket_updated").add("conditions", guarded).add("actions", Json.createArrayBuilder()
                            .add(Json.createObjectBuilder().add("action", "add_tag").add("arguments", Json.createObjectBuilder()
                                    .add("tag", "rules-bench")))).build())).getString("id"));
        }
        return ids;
    }

    private static void timeUpdates(ApiClient api, List<String> tickets, int updates, Histogram micros) throws Exception {
        for (int i = 0; i < updates; i++) {
            String ticket = tickets.get(i % tickets.size());
            JsonObject body = Json.createObjectBuilder().add("subject", "Rules benchmark ticket " + (i / tickets.size() % 2 == 0 ? "A" : "B")).build();
            long started = System.nanoTime();
            HttpResponse<String> response = api.put("/api/tickets/" + ticket, body);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("PUT answered HTTP " + response.statusCode() + ": " + ApiClient.excerpt(response.body()));
            }
            micros.recordValue(Math.max(1, (System.nanoTime() - started) / 1000));
        }
    }

    private static JsonObject created(HttpResponse<String> response) {
        if (response.statusCode() != 201) {
            throw new IllegalStateException("answered HTTP " + response.statusCode() + ": " + ApiClient.excerpt(response.body()));
        }
        return (JsonObject) ApiClient.parse(response.body());
    }

    /** One to four conditions, all or any, over the fields rules test most. */
    static JsonObject conditions(Random random) {
        JsonArrayBuilder items = Json.createArrayBuilder();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            items.add(switch (random.nextInt(7)) {
                case 0 -> condition("subject", "contains", pick(random, WORDS));
                case 1 -> condition("tags", random.nextBoolean() ? "has" : "has_not", pick(random, WORDS));
                case 2 -> condition("priority", "at_least", TicketPriority.values()[random.nextInt(TicketPriority.values().length)].apiName());
                case 3 -> condition("requester_email", "ends_with", "@" + pick(random, DOMAINS));
                case 4 -> condition("channel", "in", pick(random, CHANNELS) + ", " + pick(random, CHANNELS));
                case 5 -> condition("custom.plan", "is", random.nextBoolean() ? "enterprise" : "basic");
                default -> condition("description", "contains", pick(random, WORDS));
            });
        }
        return Json.createObjectBuilder().add("match", random.nextInt(3) == 0 ? "any" : "all").add("items", items).build();
    }

    private static JsonObject condition(String field, String operator, String value) {
        return Json.createObjectBuilder().add("field", field).add("operator", operator).add("value", value).build();
    }

    private static TicketSnapshot ticket(Random random, int number) {
        Set<String> tags = new HashSet<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            tags.add(pick(random, WORDS));
        }
        String subject = "Question about my " + pick(random, WORDS) + " and the " + pick(random, WORDS);
        String description = "Hello, I have a problem with the " + pick(random, WORDS) + ". " + PARAGRAPH;
        return new TicketSnapshot(UUID.randomUUID(), 1000 + number, subject, description, TicketStatus.values()[random.nextInt(4)],
                TicketPriority.values()[random.nextInt(TicketPriority.values().length)], pick(random, CHANNELS),
                "customer" + number + "@" + pick(random, DOMAINS), null, null, null, tags, Map.of("plan", random.nextBoolean() ? "enterprise" : "basic"));
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
