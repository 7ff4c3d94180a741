package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Input that must never give a 500, on the started distribution: every malformed body on every
 * endpoint the OpenAPI document says takes JSON (signed in and not), odd query and path parameters,
 * a seeded stream of mutated requests to the public endpoints, a stale Faces page; and the
 * workspace_id of tenant rows, concurrent saves of one ticket, and two agents editing one ticket.
 */
class InputRobustnessIT {
    private static final String PASSWORD = "demo-password-1";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private static RelaydeskProcess relaydesk;
    private static Api admin;
    private static String adminToken;
    private static JsonObject ticket;

    @BeforeAll
    static void start() throws Exception {
        relaydesk = RelaydeskProcess.sharedDemoDesk(); // public writes and reads far above what the mutated requests send
        adminToken = Api.login(relaydesk.baseUrl(), RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD);
        admin = new Api(relaydesk.baseUrl(), adminToken);
        Api.Reply created = admin.post("/api/tickets", "{\"subject\":\"Robustness target\",\"requester_email\":\"target@customer.test\","
                + "\"requester_name\":\"Tara Target\",\"priority\":\"medium\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        ticket = created.json();
    }


    record Malformed(String name, byte[] body, String contentType) {
        static Malformed json(String name, String body) {
            return new Malformed(name, body.getBytes(StandardCharsets.UTF_8), "application/json");
        }
    }

    static List<Malformed> malformedBodies() {
        return List.of(
                Malformed.json("an array", "[{\"subject\":\"x\"}]"),
                Malformed.json("a string", "\"subject\""),
                Malformed.json("null", "null"),
                Malformed.json("empty", ""),
                Malformed.json("nested 10000 deep", "[".repeat(10_000) + "]".repeat(10_000)),
                Malformed.json("objects nested 3000 deep", "{\"subject\":".repeat(3000) + "1" + "}".repeat(3000)),
                Malformed.json("1e999999", "{\"subject\":\"x\",\"rating\":1e999999,\"position\":1e999999,\"first_response_hours\":1e999999}"),
                Malformed.json("a too-large integer", "{\"subject\":\"x\",\"rating\":99999999999999999999999,\"position\":99999999999999999999999}"),
                Malformed.json("a NUL byte", "{\"subject\":\"nul\\u0000here\",\"name\":\"n\\u0000\",\"body\":\"b\\u0000\",\"email\":\"a\\u0000@b.test\","
                        + "\"title\":\"t\\u0000\",\"label\":\"l\\u0000\",\"requester_email\":\"r\\u0000@b.test\",\"workspace\":\"acme\"}"),
                new Malformed("not UTF-8", new byte[] {'{', '"', 's', 'u', 'b', 'j', 'e', 'c', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                        "application/json"),
                Malformed.json("truncated", "{\"subject\":\"x\""),
                new Malformed("the wrong content type", "{\"subject\":\"x\"}".getBytes(StandardCharsets.UTF_8), "text/plain"),
                new Malformed("a form post", "subject=x".getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded"),
                new Malformed("JSON in Latin-1", "{\"subject\":\"x\"}".getBytes(StandardCharsets.UTF_8), "application/json; charset=ISO-8859-1"));
    }

    /** Each operation of the OpenAPI document that takes a JSON body: method and path with the ticket's id filled in. */
    static List<String[]> jsonEndpoints() throws Exception {
        HttpResponse<String> document = send(HttpRequest.newBuilder(URI.create(relaydesk.baseUrl() + "/openapi"))
                .header("Accept", "application/json").GET(), null);
        assertThat(document.statusCode()).isEqualTo(200);
        JsonObject paths = Json.createReader(new StringReader(document.body())).readObject().getJsonObject("paths");
        List<String[]> endpoints = new ArrayList<>();
        for (Map.Entry<String, JsonValue> path : paths.entrySet()) {
            for (Map.Entry<String, JsonValue> operation : path.getValue().asJsonObject().entrySet()) {
                if (!List.of("post", "put", "patch").contains(operation.getKey()) || !(operation.getValue() instanceof JsonObject op)) {
                    continue;
                }
                JsonObject requestBody = op.getJsonObject("requestBody");
                if (requestBody == null || !requestBody.getJsonObject("content").containsKey("application/json")) {
                    continue;
                }
                String concrete = path.getKey().replaceAll("\\{[^}]+}", ticket.getString("id"));
                endpoints.add(new String[] {operation.getKey().toUpperCase(java.util.Locale.ROOT),
                        concrete.startsWith("/api/") ? concrete : "/api" + concrete});
            }
        }
        return endpoints;
    }

    @Test
    void malformedBodiesGetA4xxProblemOnEveryJsonEndpointSignedInOrNotAndChangeNothing() throws Exception {
        List<String[]> endpoints = jsonEndpoints();
        assertThat(endpoints).extracting(e -> e[0] + " " + e[1]).contains("POST /api/tickets", "PUT /api/tickets/" + ticket.getString("id"),
                "POST /api/auth/login", "POST /api/public/tickets", "POST /api/tickets/" + ticket.getString("id") + "/comments");
        Map<String, String> before = state();
        List<String> failures = new ArrayList<>();
        for (String[] endpoint : endpoints) {
            for (Malformed body : malformedBodies()) {
                for (String token : new String[] {adminToken, null}) {
                    HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(relaydesk.baseUrl() + endpoint[1]))
                            .header("Content-Type", body.contentType()).method(endpoint[0], HttpRequest.BodyPublishers.ofByteArray(body.body())), token);
                    String contentType = answer.headers().firstValue("Content-Type").orElse("");
                    // A channel's public address answers in its plugin's own format (the web form's script reads {"message"}).
                    boolean problemExpected = !endpoint[1].startsWith("/api/public/channels/");
                    if (answer.statusCode() < 400 || answer.statusCode() >= 500 || problemExpected && !contentType.startsWith("application/problem+json")
                            || answer.body().contains("Exception") || answer.body().contains("\tat ")) {
                        failures.add(endpoint[0] + " " + endpoint[1] + " with " + body.name() + (token == null ? " (anonymous)" : "") + ": "
                                + answer.statusCode() + " " + contentType + " " + answer.body().substring(0, Math.min(200, answer.body().length())));
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(state()).as("nothing changed").isEqualTo(before);
    }

    /** Counts and the target ticket as the API shows them. */
    private static Map<String, String> state() throws Exception {
        Map<String, String> state = new LinkedHashMap<>();
        state.put("tickets", admin.get("/api/tickets?limit=1").json().getJsonObject("pagination").get("total").toString());
        state.put("ticket", admin.get("/api/tickets/" + ticket.getString("id")).body());
        state.put("comments", admin.get("/api/tickets/" + ticket.getString("id") + "/comments").body());
        state.put("categories", admin.get("/api/tickets/categories").body());
        state.put("canned", admin.get("/api/tickets/canned-responses").body());
        state.put("users", admin.get("/api/users").body());
        state.put("tokens", admin.get("/api/auth/tokens").body());
        return state;
    }

    @Test
    void oddQueryAndPathParametersAre4xxProblems() throws Exception {
        String id = ticket.getString("id");
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("/api/tickets?limit=99999999999", 400);
        expected.put("/api/tickets?limit=abc", 400);
        expected.put("/api/tickets?page=-1", 400);
        expected.put("/api/tickets?limit=1e999999", 400);
        expected.put("/api/tickets?created_from=2024-13-45", 400);
        expected.put("/api/tickets?q=%00", 400);
        expected.put("/api/tickets?tag=a%00b", 400);
        expected.put("/api/tickets?status=%00", 400);
        expected.put("/api/tickets?assignee_id=not-a-uuid", 400);
        expected.put("/api/tickets/not-a-uuid", 404);
        expected.put("/api/outbox?limit=abc", 400);
        expected.put("/api/outbox?limit=99999999999", 400);
        expected.put("/api/channel-accounts/" + java.util.UUID.randomUUID() + "/messages?limit=abc", 400);
        expected.put("/api/public/tickets/" + id + "?token=%00", 400);
        expected.put("/api/public/tickets/lookup?email=a%00b%40c.test", 400);
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Integer> request : expected.entrySet()) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(relaydesk.baseUrl() + request.getKey())).GET(), adminToken);
            String contentType = answer.headers().firstValue("Content-Type").orElse("");
            if (answer.statusCode() != request.getValue() || !contentType.startsWith("application/problem+json")) {
                failures.add(request.getKey() + ": " + answer.statusCode() + " " + contentType + " " + answer.body());
            }
        }
        // A NUL in the path the HTTP server itself refuses, before the application (so not as problem+json)
        for (String path : List.of("/api/tickets/" + id + "%00", "/api/tickets/%00/comments", "/api/public/tickets/%00")) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(relaydesk.baseUrl() + path)).GET(), adminToken);
            assertThat(answer.statusCode()).as(path).isEqualTo(400);
        }
        // Bytes that are not UTF-8 decode to U+FFFD: harmless text, found nothing.
        HttpResponse<String> latin1 = send(HttpRequest.newBuilder(URI.create(relaydesk.baseUrl() + "/api/tickets?q=%C3%28")).GET(), adminToken);
        assertThat(latin1.statusCode()).isEqualTo(200);
        assertThat(failures).isEmpty();
    }

    @Test
    void thePublicEndpointsSurviveAFewHundredMutatedRequests() throws Exception {
        Api.Reply submitted = new Api(relaydesk.baseUrl(), null).post("/api/public/tickets", "{\"workspace\":\"acme\",\"subject\":\"Fuzz seed\","
                + "\"description\":\"Seed\",\"requester_email\":\"fuzz@customer.test\",\"requester_name\":\"Fuzz\"}");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String publicId = submitted.json().getJsonObject("ticket").getString("id");
        String token = submitted.json().getString("accessToken");
        List<String[]> seeds = List.of(
                new String[] {"POST", "/api/auth/login", "{\"email\":\"nobody@demo.test\",\"password\":\"wrong-password\"}"},
                new String[] {"POST", "/api/public/tickets", "{\"workspace\":\"acme\",\"subject\":\"Help\",\"description\":\"Text\","
                        + "\"requester_email\":\"fuzzed@customer.test\",\"requester_name\":\"F\"}"},
                new String[] {"POST", "/api/public/tickets/" + publicId + "/reply", "{\"access_token\":\"" + token + "\",\"body\":\"More\"}"},
                new String[] {"POST", "/api/public/tickets/" + publicId + "/satisfaction", "{\"access_token\":\"" + token + "\",\"rating\":5,\"feedback\":\"ok\"}"},
                new String[] {"GET", "/api/public/tickets/" + publicId + "?token=" + token, ""},
                new String[] {"GET", "/api/public/tickets/lookup?email=fuzz%40customer.test", ""},
                new String[] {"POST", "/api/public/channels/" + java.util.UUID.randomUUID() + "/submit", "{\"email\":\"a@b.test\"}"});
        long seed = Long.getLong("relaydesk.fuzz.seed", 1204L);
        int cases = Integer.getInteger("relaydesk.fuzz.requests", 400);
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            String[] request = seeds.get(random.nextInt(seeds.size()));
            String body = request[2];
            String path = request[1];
            if (request[0].equals("GET")) {
                path = mutateQuery(random, path);
            } else {
                body = Mutation.mutate(random, body);
            }
            HttpRequest.Builder builder;
            try {
                builder = HttpRequest.newBuilder(URI.create(relaydesk.baseUrl() + path));
            } catch (IllegalArgumentException notAUri) {
                continue; // the client itself refuses to send it
            }
            builder = request[0].equals("GET") ? builder.GET()
                    : builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> answer = send(builder, null);
            if (answer.statusCode() >= 500) {
                failures.add("seed " + seed + " case " + i + ": " + request[0] + " " + path + " " + body + " -> " + answer.statusCode() + " " + answer.body());
            }
        }
        assertThat(failures).isEmpty();
    }

    private static String mutateQuery(Random random, String path) {
        String[] odd = {"%00", "%zz", "%C3%28", "%FF", "1e999999", "-1", "99999999999999999999", "%25", "%2F..%2F", "%E2%80%AE", "'", "\\"};
        int at = path.indexOf('?') < 0 ? path.length() : path.indexOf('?') + 1 + random.nextInt(path.length() - path.indexOf('?'));
        return path.substring(0, at) + odd[random.nextInt(odd.length)] + path.substring(at);
    }

    @Test
    void aStalePageFormLeadsToTheExpiredPageNotTheErrorPage() throws Exception {
        String form = "login=login&email=" + URLEncoder.encode("alice@demo.test", StandardCharsets.UTF_8) + "&password=x&submit=Sign+in"
                + "&jakarta.faces.ViewState=" + URLEncoder.encode("-4812763210987654321:1234567890123456789", StandardCharsets.UTF_8);
        HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(relaydesk.baseUrl() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Referer", relaydesk.baseUrl() + "/login")
                .POST(HttpRequest.BodyPublishers.ofString(form)), null);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
        String location = posted.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/expired?page=%2Flogin");
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(location.startsWith("http") ? location : relaydesk.baseUrl() + location)).GET(), null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("This page has expired", "href=\"/login\"").doesNotContain("Something went wrong");

        // the same from PrimeFaces' Ajax: a partial response that sends the browser there
        HttpResponse<String> ajax = send(HttpRequest.newBuilder(URI.create(relaydesk.baseUrl() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Faces-Request", "partial/ajax")
                .header("Referer", relaydesk.baseUrl() + "/login")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&jakarta.faces.partial.ajax=true&jakarta.faces.source=submit"
                        + "&jakarta.faces.partial.execute=%40all")), null);
        assertThat(ajax.statusCode()).as(ajax.body()).isEqualTo(200);
        assertThat(ajax.headers().firstValue("Content-Type").orElse("")).contains("xml");
        assertThat(ajax.body()).contains("<partial-response").contains("<redirect url=\"/expired?page=%2Flogin\"").doesNotContain("<error>");

        // a crafted link cannot send anyone elsewhere
        HttpResponse<String> crafted = send(HttpRequest.newBuilder(URI.create(relaydesk.baseUrl() + "/expired?page=%2F%2Fevil.test%2F")).GET(), null);
        assertThat(crafted.body()).contains("href=\"/\"").doesNotContain("evil.test");
    }

    @Test
    void aNulInThePublicSignInAndPasswordFormsIsA400PageNotA500() throws Exception {
        for (String[] form : new String[][] {{"/login", "login=login&password=x&submit=Sign+in&email="},
                {"/forgot-password", "forgot=forgot&submit=Send+the+link&email="}}) {
            HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(relaydesk.baseUrl() + form[0])).GET(), null);
            java.util.regex.Matcher state = java.util.regex.Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
            assertThat(state.find()).as(page.body()).isTrue();
            String cookie = page.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0]).reduce((a, b) -> a + "; " + b).orElse("");
            HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(relaydesk.baseUrl() + form[0]))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                    .POST(HttpRequest.BodyPublishers.ofString(form[1] + "alice%00%40demo.test&jakarta.faces.ViewState="
                            + URLEncoder.encode(state.group(1), StandardCharsets.UTF_8))), null);
            assertThat(posted.statusCode()).as(form[0] + ": " + posted.body()).isEqualTo(400);
            assertThat(posted.body()).contains("could not be understood").doesNotContain("Something went wrong").doesNotContain("Exception");
        }
    }

    @Test
    void ticketsAndOtherTenantRowsCarryTheirWorkspaceId() throws Exception {
        String workspace = admin.get("/api/auth/me").json().getString("workspace_id");
        String id = ticket.getString("id");
        assertThat(ticket.getString("workspace_id")).as("on create").isEqualTo(workspace);
        assertThat(admin.get("/api/tickets/" + id).json().getString("workspace_id")).isEqualTo(workspace);
        assertThat(admin.get("/api/tickets?limit=5").json().getJsonArray("tickets").getValuesAs(JsonObject.class))
                .allSatisfy(t -> assertThat(t.getString("workspace_id")).isEqualTo(workspace));
        Api.Reply comment = admin.post("/api/tickets/" + id + "/comments", "{\"body\":\"Workspace check\",\"is_internal\":true}");
        assertThat(comment.json().getString("workspace_id")).isEqualTo(workspace);
        assertThat(admin.get("/api/tickets/" + id + "/activities").json().getJsonArray("activities").getValuesAs(JsonObject.class))
                .isNotEmpty().allSatisfy(a -> assertThat(a.getString("workspace_id")).isEqualTo(workspace));
        Api.Reply category = admin.post("/api/tickets/categories", "{\"name\":\"Workspace check\",\"color\":\"#3B82F6\"}");
        assertThat(category.json().getString("workspace_id")).isEqualTo(workspace);
        Api.Reply canned = admin.post("/api/tickets/canned-responses", "{\"title\":\"Workspace check\",\"content\":\"Hello\"}");
        assertThat(canned.json().getString("workspace_id")).as(canned.body()).isEqualTo(workspace);
        assertThat(admin.get("/api/tickets/sla-policies").json().getJsonArray("policies").getValuesAs(JsonObject.class))
                .allSatisfy(p -> assertThat(p.getString("workspace_id")).isEqualTo(workspace));
        Api.Reply submitted = new Api(relaydesk.baseUrl(), null).post("/api/public/tickets", "{\"workspace\":\"acme\",\"subject\":\"Portal ws\","
                + "\"description\":\"x\",\"requester_email\":\"ws@customer.test\",\"requester_name\":\"W\"}");
        assertThat(submitted.json().getJsonObject("ticket").getString("workspace_id")).isNotBlank();
    }

    @Test
    void concurrentSavesOfOneTicketAreEach200Or409NeverA500() throws Exception {
        String id = ticket.getString("id");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<HttpResponse<String>>> saves = new ArrayList<>();
            String[] priorities = {"low", "medium", "high", "urgent"};
            for (int i = 0; i < 40; i++) {
                String body = "{\"priority\":\"" + priorities[i % 4] + "\",\"tags\":[\"race-" + i + "\"]}";
                saves.add(() -> send(HttpRequest.newBuilder(URI.create(relaydesk.baseUrl() + "/api/tickets/" + id))
                        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)), adminToken));
            }
            for (Future<HttpResponse<String>> result : pool.invokeAll(saves)) {
                HttpResponse<String> answer = result.get();
                assertThat(answer.statusCode()).as(answer.body()).isIn(200, 409);
                if (answer.statusCode() == 409) {
                    assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
                    assertThat(answer.body()).contains("changed this at the same time");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        // Each save is whole or nothing: the ticket holds one save's priority and tag together.
        JsonObject saved = admin.get("/api/tickets/" + id).json();
        String tag = saved.getJsonArray("tags").getString(0);
        int winner = Integer.parseInt(tag.substring("race-".length()));
        assertThat(saved.getJsonArray("tags")).hasSize(1);
        assertThat(saved.getString("priority")).isEqualTo(new String[] {"low", "medium", "high", "urgent"}[winner % 4]);
    }

    @Test
    void twoAgentsEditingOneTicketSeeWhatTheOtherChangedAndKeepWhatTheyTyped() throws Exception {
        Api bobApi = admin.as(Api.login(relaydesk.baseUrl(), "bob@demo.test", PASSWORD));
        Api.Reply created = bobApi.post("/api/tickets", "{\"subject\":\"Two editors\",\"requester_email\":\"two@customer.test\","
                + "\"requester_name\":\"Two Editors\",\"priority\":\"medium\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().getString("id");
        String page = "/agent/tickets/" + created.json().getJsonNumber("number").longValue();
        try (Browser alice = new Browser(relaydesk.baseUrl()); Browser bob = new Browser(relaydesk.baseUrl())) {
            alice.signIn("alice@demo.test", PASSWORD);
            alice.waitForText("#queue-title", "My tickets");
            bob.signIn("bob@demo.test", PASSWORD);
            bob.waitForText("#queue-title", "My tickets");
            alice.open(page);
            alice.waitForText("#subject", "Two editors");
            alice.waitForLive();
            // Alice's live update is late (a slow network): her page still shows the ticket as it was
            alice.driver.executeScript("window.addEventListener('relaydesk:ticket', function (e) { e.stopImmediatePropagation(); }, true);");
            bob.open(page);
            bob.waitForText("#subject", "Two editors");
            bob.choose("ticket:priority", "Urgent");
            bob.waitForText("#priority-badge", "Urgent");

            alice.find("[id='ticket:new-tag']").sendKeys("callback");
            alice.click("[id='ticket:add-tag']");
            alice.waitForText("[id='ticket:messages']", "was changed while you were editing");
            assertThat(alice.find("[id='ticket:messages']").getText()).contains("Bob Smith changed priority from medium to urgent", "not saved");
            alice.waitForText("#priority-badge", "Urgent");
            assertThat(alice.find("[id='ticket:new-tag']").getAttribute("value")).as("what Alice typed is kept").isEqualTo("callback");
            assertThat(admin.get("/api/tickets/" + id).json().getJsonArray("tags").toString()).doesNotContain("callback");
            alice.screenshot("ticket-edit-conflict");

            alice.click("[id='ticket:add-tag']");
            alice.waitForText("#tags", "callback");
            JsonObject saved = admin.get("/api/tickets/" + id).json();
            assertThat(saved.getString("priority")).as("Bob's change stands").isEqualTo("urgent");
            assertThat(saved.getJsonArray("tags").toString()).contains("callback");
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder builder, String token) throws Exception {
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(builder.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Byte-level mutation of a JSON text with the fragments that used to break the API. */
    static final class Mutation {
        private static final String[] FRAGMENTS = {"[", "]", "{", "}", "\"", ",", ":", "null", "1e999999", "99999999999999999999999",
                "\\u0000", "\\ud800", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "\u00ff", "😀", "true", "-0", "\\"};

        static String mutate(Random random, String seed) {
            StringBuilder text = new StringBuilder(seed);
            int steps = 1 + random.nextInt(3);
            for (int s = 0; s < steps; s++) {
                int at = random.nextInt(text.length() + 1);
                switch (random.nextInt(4)) {
                    case 0 -> text.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                    case 1 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(6)));
                    case 2 -> text.setLength(at);
                    default -> {
                        int colon = text.indexOf(":", at);
                        if (colon >= 0) {
                            text.insert(colon + 1, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                        }
                    }
                }
            }
            return text.toString();
        }
    }
}
