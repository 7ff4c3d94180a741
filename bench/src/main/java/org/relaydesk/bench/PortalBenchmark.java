package org.relaydesk.bench;

import jakarta.json.Json;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code portal} command: what a signed-in portal customer waits for in a big workspace. Registers
 * a customer through the portal's API, confirms the address in the database (standing in for the
 * emailed link, which needs a mailbox), makes them the requester of {@code --tickets} of the
 * workspace's seeded tickets, signs in with the password, then times one request after another:
 * the ticket list's first page (all, and open only), its tenth page, and the dashboard. The baseline,
 * in the same run, is GET /health/live.
 */
final class PortalBenchmark {
    static final Set<String> OPTIONS = Seeder.union(Database.OPTIONS, Set.of("base-url", "workspace-slug", "tickets", "requests", "warmup"));
    private static final String PASSWORD = "portal bench passphrase";

    private PortalBenchmark() {
    }

    static void run(Options options) throws IOException, InterruptedException, SQLException {
        String baseUrl = options.required("base-url").replaceAll("/+$", "");
        String workspace = options.required("workspace-slug");
        int tickets = options.integer("tickets", 500);
        int requests = options.integer("requests", 2_000);
        int warmup = options.integer("warmup", 200);
        String email = "portal-bench-" + UUID.randomUUID().toString().substring(0, 8) + "@customer.example";
        HttpClient customer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(10)).build();

        expect(202, post(customer, baseUrl + "/api/portal/auth/register", Json.createObjectBuilder().add("workspace", workspace)
                .add("name", "Portal Bench").add("email", email).add("password", PASSWORD).build().toString()), "registration");
        long total;
        try (Connection c = Database.connect(options)) {
            UUID contact = confirm(c, email);
            total = giveTickets(c, workspace, contact, tickets);
        }
        expect(200, post(customer, baseUrl + "/api/portal/auth/login", Json.createObjectBuilder().add("workspace", workspace).add("email", email)
                .add("password", PASSWORD).build().toString()), "sign-in");
        System.out.printf("%s is the requester of %,d of the workspace's %,d tickets%n", email, tickets, total);

        String label = String.format("%,d tickets, %,d the customer's", total, tickets);
        MarkdownTable table = new MarkdownTable("Portal", "Request", "Requests", "p50 ms", "p95 ms", "p99 ms", "max ms", "Errors");
        TimedRequests.measure(table, label, "Baseline: GET /health/live", requests, warmup, () -> ok(customer, baseUrl + "/health/live"));
        TimedRequests.measure(table, label, "GET /api/portal/tickets (all, first page of 20)", requests, warmup,
                () -> ok(customer, baseUrl + "/api/portal/tickets?per_page=20"));
        TimedRequests.measure(table, label, "GET /api/portal/tickets?status=open (first page of 20)", requests, warmup,
                () -> ok(customer, baseUrl + "/api/portal/tickets?status=open&per_page=20"));
        TimedRequests.measure(table, label, "GET /api/portal/tickets, page 10 of 20", requests, warmup,
                () -> ok(customer, baseUrl + "/api/portal/tickets?page=10&per_page=20"));
        TimedRequests.measure(table, label, "GET /api/portal/dashboard", requests, warmup, () -> ok(customer, baseUrl + "/api/portal/dashboard"));
        System.out.println();
        System.out.println(table);
    }

    /** Marks the address confirmed (what following the emailed link does) and returns the account's contact. */
    private static UUID confirm(Connection c, String email) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE customer_accounts SET verified_at = now() WHERE lower(email) = ? RETURNING contact_id")) {
            update.setString(1, email);
            try (ResultSet rows = update.executeQuery()) {
                if (!rows.next()) {
                    throw new UsageException("the registration made no account for " + email + " (is the workspace slug right?)");
                }
                return rows.getObject(1, UUID.class);
            }
        }
    }

    /** Makes the contact the requester of {@code count} tickets of the workspace, spread over its numbers; the workspace's ticket count. */
    private static long giveTickets(Connection c, String workspace, UUID contact, int count) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE tickets SET requester_id = ? WHERE id IN (SELECT t.id FROM tickets t "
                + "JOIN workspaces w ON w.id = t.workspace_id WHERE w.slug = ? ORDER BY random() LIMIT ?)")) {
            update.setObject(1, contact);
            update.setString(2, workspace);
            update.setInt(3, count);
            update.executeUpdate();
        }
        try (PreparedStatement analyze = c.prepareStatement("ANALYZE tickets")) {
            analyze.execute();
        }
        try (PreparedStatement total = c.prepareStatement("SELECT count(*) FROM tickets t JOIN workspaces w ON w.id = t.workspace_id WHERE w.slug = ?")) {
            total.setString(1, workspace);
            try (ResultSet rows = total.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static HttpResponse<String> post(HttpClient client, String url, String json) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(int status, HttpResponse<String> response, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + ApiClient.excerpt(response.body()));
        }
    }

    private static boolean ok(HttpClient client, String url) throws IOException, InterruptedException {
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 200;
    }
}
