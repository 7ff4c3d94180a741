package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relaydesk.e2e.Await.await;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.relaydesk.testing.TestDatabase;
import org.relaydesk.testkit.PluginJarBuilder;

/**
 * `bin/relaydesk start` on the machine's PostgreSQL (a fresh database), then the REST API end to
 * end: tickets, comments, lifecycle, merge, categories, canned responses, the portal, errors and
 * workspace isolation; finally a restart that keeps the data.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiOnPostgresIT {
    private static final String ADMIN = "root@relaydesk.test";
    private static final String PASSWORD = "very-secret-admin-pw";
    private static TestDatabase database;
    private static RelaydeskProcess relaydesk;
    private static Api admin;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.onServer();
        relaydesk = new RelaydeskProcess(RelaydeskProcess.unpack("postgres"), Map.of(
                "RELAYDESK_DB_URL", database.url(), "RELAYDESK_DB_USER", database.user(), "RELAYDESK_DB_PASSWORD", "",
                "RELAYDESK_ADMIN_EMAIL", ADMIN, "RELAYDESK_ADMIN_PASSWORD", PASSWORD,
                "RELAYDESK_PUBLIC_WRITES_PER_10_MINUTES", "1000", "RELAYDESK_PLUGINS_CALL_TIMEOUT_SECONDS", "2",
                "RELAYDESK_CHANNELS_SENDER_LIMIT_PER_HOUR", "8", "RELAYDESK_PLUGINS_UPLOAD_ENABLED", "true",
                // GreenMail and the desk itself (which a test plugin calls) listen on 127.0.0.1; OutboundAddressIT tests the default
                "RELAYDESK_OUTBOUND_ALLOW_PRIVATE_NETWORKS", "true"));
        relaydesk.start("start");
        admin = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), ADMIN, PASSWORD));
    }

    @AfterAll
    static void stop() throws Exception {
        if (relaydesk != null) {
            relaydesk.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private static JsonObject newTicket(Api api, String subject, String email) throws Exception {
        Api.Reply reply = api.post("/api/tickets", Json.createObjectBuilder().add("subject", subject)
                .add("description", "Details about " + subject).add("requester_email", email).add("requester_name", "Jane Smith")
                .add("priority", "high").add("tags", Json.createArrayBuilder().add("VIP")).build());
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    @Test
    void ticketsGetNumbersAndAFullLifecycleWithTimeline() throws Exception {
        JsonObject first = newTicket(admin, "Payment failed", "jane@customer.test");
        JsonObject second = newTicket(admin, "Payment failed again", "Jane@Customer.test");
        assertThat(first.getString("ticket_number")).matches("#\\d+");
        assertThat(second.getJsonNumber("number").longValue()).isEqualTo(first.getJsonNumber("number").longValue() + 1);
        assertThat(second.getString("requester_id")).as("one person is one contact").isEqualTo(first.getString("requester_id"));
        assertThat(first.getString("status")).isEqualTo("new");
        assertThat(first.getJsonArray("tags").getString(0)).isEqualTo("vip");
        String id = first.getString("id");

        Api.Reply note = admin.post("/api/tickets/" + id + "/comments", "{\"body\":\"Checked logs\",\"is_internal\":true}");
        assertThat(note.status()).isEqualTo(201);
        assertThat(admin.get("/api/tickets/" + id).json().isNull("first_response_at")).as("a note is no response").isTrue();
        Api.Reply reply = admin.post("/api/tickets/" + id + "/comments",
                "{\"body\":\"<p>We are on it<script>alert(1)</script></p>\",\"is_internal\":false}");
        assertThat(reply.json().getString("body")).contains("We are on it").doesNotContain("script");
        assertThat(reply.json().getString("author_type")).isEqualTo("agent");
        assertThat(admin.get("/api/tickets/" + id).json().isNull("first_response_at")).isFalse();

        assertThat(admin.post("/api/tickets/" + id + "/close", "{}").status()).as("close needs resolved first").isEqualTo(409);
        assertThat(admin.post("/api/tickets/" + id + "/resolve", "{}").json().getString("status")).isEqualTo("resolved");
        assertThat(admin.post("/api/tickets/" + id + "/resolve", "{}").status()).isEqualTo(409);
        assertThat(admin.post("/api/tickets/" + id + "/close", "{}").json().getString("status")).isEqualTo("closed");
        assertThat(admin.post("/api/tickets/" + id + "/reopen", "{}").json().getString("status")).isEqualTo("open");

        var activities = admin.get("/api/tickets/" + id + "/activities").json().getJsonArray("activities");
        assertThat(activities.getValuesAs(JsonObject.class)).extracting(a -> a.getString("action"))
                .contains("created", "note_added", "first_response", "resolved", "closed", "reopened");
        JsonObject resolved = activities.getValuesAs(JsonObject.class).stream().filter(a -> a.getString("action").equals("resolved")).findFirst().orElseThrow();
        assertThat(resolved.getString("before")).isEqualTo("new");
        assertThat(resolved.getString("after")).isEqualTo("resolved");
        assertThat(resolved.getString("actor_name")).isEqualTo("Administrator");
    }

    @Test
    void listFiltersSortsPagesAndSearchesMessages() throws Exception {
        JsonObject a = newTicket(admin, "Export to CSV times out", "csv@customer.test");
        admin.post("/api/tickets/" + a.getString("id") + "/comments", "{\"body\":\"The spreadsheet has 40000 rows\"}");
        newTicket(admin, "Refund request", "refund@customer.test");
        Api.Reply search = admin.get("/api/tickets?q=spreadsheet");
        assertThat(search.json().getJsonArray("tickets").getValuesAs(JsonObject.class)).extracting(t -> t.getString("id"))
                .containsExactly(a.getString("id"));
        assertThat(admin.get("/api/tickets?q=" + a.getString("ticket_number").replace("#", "%23")).json().getJsonObject("pagination")
                .getInt("total")).isEqualTo(1);
        JsonObject page = admin.get("/api/tickets?limit=1&page=1&status=new,open&priority=high").json();
        assertThat(page.getJsonArray("tickets")).hasSize(1);
        assertThat(page.getJsonObject("pagination").getInt("limit")).isEqualTo(1);
        assertThat(page.getJsonObject("pagination").getInt("totalPages")).isEqualTo(page.getJsonObject("pagination").getInt("total"));
        assertThat(admin.get("/api/tickets?tag=vip").json().getJsonObject("pagination").getInt("total")).isGreaterThan(0);
        assertThat(admin.get("/api/tickets?limit=101").status()).isEqualTo(400);
        Api.Reply badStatus = admin.get("/api/tickets?status=bogus");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.contentType()).startsWith("application/problem+json");
        assertThat(badStatus.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("status");
    }

    @Test
    void mergeCarriesTheConversationAndClosesTheDuplicate() throws Exception {
        JsonObject duplicate = newTicket(admin, "Cannot log in", "merge@customer.test");
        JsonObject target = newTicket(admin, "Login broken", "merge@customer.test");
        admin.post("/api/tickets/" + duplicate.getString("id") + "/comments", "{\"body\":\"Tried resetting the password\"}");
        Api.Reply merged = admin.post("/api/tickets/" + duplicate.getString("id") + "/merge",
                Json.createObjectBuilder().add("into_ticket_id", target.getString("id")).build());
        assertThat(merged.json().getString("status")).isEqualTo("closed");
        assertThat(merged.json().getString("merged_into_id")).isEqualTo(target.getString("id"));
        assertThat(admin.get("/api/tickets/" + target.getString("id") + "/comments").body()).contains("Tried resetting the password");
        assertThat(admin.post("/api/tickets/" + duplicate.getString("id") + "/reopen", "{}").status()).isEqualTo(409);
    }

    @Test
    void categoriesCannedResponsesAndAssignment() throws Exception {
        Api.Reply billing = admin.post("/api/tickets/categories", "{\"name\":\"Billing\",\"color\":\"#3B82F6\"}");
        assertThat(billing.status()).isEqualTo(201);
        Api.Reply child = admin.post("/api/tickets/categories",
                "{\"name\":\"Invoices\",\"color\":\"#10b981\",\"parent_id\":\"" + billing.json().getString("id") + "\"}");
        assertThat(child.json().getString("color")).isEqualTo("#10B981");
        assertThat(admin.post("/api/tickets/categories", "{\"name\":\"Bad\",\"color\":\"blue\"}").status()).isEqualTo(400);

        JsonObject ticket = newTicket(admin, "Invoice wrong", "canned@customer.test");
        admin.put("/api/tickets/" + ticket.getString("id"), Json.createObjectBuilder().add("category_id", child.json().getString("id")).build());
        assertThat(admin.get("/api/tickets?category_id=" + billing.json().getString("id")).body()).contains(ticket.getString("id"));

        Api.Reply canned = admin.post("/api/tickets/canned-responses",
                "{\"title\":\"Thanks\",\"shortcut\":\"thanks\",\"category\":\"General\",\"content\":\"Hi {{customer_name}}, {{ticket_number}} - {{agent_name}}\"}");
        assertThat(canned.status()).isEqualTo(201);
        assertThat(admin.post("/api/tickets/canned-responses", "{\"title\":\"Dup\",\"shortcut\":\"thanks\",\"content\":\"x\"}").status()).isEqualTo(409);
        JsonObject used = admin.post("/api/tickets/canned-responses/" + canned.json().getString("id") + "/use?ticket_id=" + ticket.getString("id"), "{}").json();
        assertThat(used.getString("content")).isEqualTo("Hi Jane Smith, " + ticket.getString("ticket_number") + " - Administrator");
        assertThat(used.getInt("usage_count")).isEqualTo(1);

        Api.Reply agent = admin.post("/api/users", "{\"email\":\"agent1@relaydesk.test\",\"name\":\"Agent One\",\"role\":\"agent\",\"password\":\"agent-password-1\"}");
        assertThat(agent.status()).isEqualTo(201);
        String agentId = agent.json().getString("id");
        assertThat(admin.post("/api/tickets/" + ticket.getString("id") + "/assign", "{\"assignee_id\":\"" + agentId + "\"}").json()
                .getString("assignee_name")).isEqualTo("Agent One");
        Api agentApi = admin.as(Api.login(relaydesk.baseUrl(), "agent1@relaydesk.test", "agent-password-1"));
        assertThat(agentApi.get("/api/tickets?assignee_id=me").body()).contains(ticket.getString("id"));
        assertThat(agentApi.delete("/api/tickets/" + ticket.getString("id")).status()).as("agents cannot delete").isEqualTo(403);
        assertThat(agentApi.post("/api/users", "{\"email\":\"x@relaydesk.test\",\"name\":\"X\",\"role\":\"agent\",\"password\":\"xxxxxxxxxxxx\"}").status()).isEqualTo(403);
        assertThat(admin.post("/api/tickets/" + ticket.getString("id") + "/unassign", "{}").json().isNull("assignee_id")).isTrue();
        assertThat(admin.delete("/api/tickets/" + ticket.getString("id")).status()).isEqualTo(204);
        assertThat(admin.get("/api/tickets/" + ticket.getString("id")).status()).isEqualTo(404);
    }

    @Test
    void apiTokensAuthenticateUntilRevoked() throws Exception {
        Api.Reply created = admin.post("/api/auth/tokens", "{\"name\":\"nightly sync\"}");
        assertThat(created.status()).isEqualTo(201);
        String token = created.json().getString("token");
        assertThat(token).startsWith("rdk_");
        Api script = admin.as(token);
        assertThat(script.get("/api/tickets").status()).isEqualTo(200);
        assertThat(admin.delete("/api/auth/tokens/" + created.json().getString("id")).status()).isEqualTo(204);
        assertThat(script.get("/api/tickets").status()).isEqualTo(401);
        assertThat(admin.as("garbage").get("/api/tickets").status()).isEqualTo(401);
        assertThat(new Api(relaydesk.baseUrl(), null).post("/api/auth/login", "{\"email\":\"" + ADMIN + "\",\"password\":\"wrong\"}").status())
                .isEqualTo(401);
    }

    @Test
    void customerPortalShowsOnlyPublicMessagesToTheTokenHolder() throws Exception {
        Api anonymous = new Api(relaydesk.baseUrl(), null);
        Api.Reply submitted = anonymous.post("/api/public/tickets", Json.createObjectBuilder().add("workspace_id", "default")
                .add("subject", "Question about billing").add("description", "I have a question").add("requester_email", "portal@customer.test")
                .add("requester_name", "Pat Portal").build());
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String id = submitted.json().getJsonObject("ticket").getString("id");
        String token = submitted.json().getString("accessToken");
        admin.post("/api/tickets/" + id + "/comments", "{\"body\":\"secret internal note\",\"is_internal\":true}");
        admin.post("/api/tickets/" + id + "/comments", "{\"body\":\"Public answer\"}");
        Api.Reply view = anonymous.get("/api/public/tickets/" + id + "?token=" + token);
        assertThat(view.body()).contains("Public answer").doesNotContain("secret internal note");
        assertThat(anonymous.get("/api/public/tickets/" + id + "?token=wrong").status()).isEqualTo(404);
        assertThat(anonymous.post("/api/public/tickets/" + id + "/reply", Json.createObjectBuilder().add("access_token", token)
                .add("body", "Thanks!").build()).status()).isEqualTo(201);
        assertThat(anonymous.post("/api/public/tickets/" + id + "/satisfaction", Json.createObjectBuilder().add("access_token", token)
                .add("rating", 5).build()).status()).as("only once resolved").isEqualTo(409);
        admin.post("/api/tickets/" + id + "/resolve", "{}");
        assertThat(anonymous.post("/api/public/tickets/" + id + "/satisfaction", Json.createObjectBuilder().add("access_token", token)
                .add("rating", 6).build()).status()).isEqualTo(400);
        assertThat(anonymous.post("/api/public/tickets/" + id + "/satisfaction", Json.createObjectBuilder().add("access_token", token)
                .add("rating", 5).add("feedback", "Great").build()).status()).isEqualTo(201);
        assertThat(anonymous.get("/api/public/tickets/" + id + "?token=" + token).json().getJsonObject("satisfaction").getInt("rating")).isEqualTo(5);
        assertThat(anonymous.post("/api/public/tickets/" + id + "/satisfaction", Json.createObjectBuilder().add("access_token", token)
                .add("rating", 1).build()).status()).as("once per resolution").isEqualTo(409);
        // reopened and solved again: the status page asks anew instead of showing the earlier score
        assertThat(admin.post("/api/tickets/" + id + "/reopen", "{}").status()).isEqualTo(200);
        assertThat(anonymous.get("/api/public/tickets/" + id + "?token=" + token).json().isNull("satisfaction")).as("open: no score shown").isTrue();
        assertThat(admin.post("/api/tickets/" + id + "/resolve", "{}").status()).isEqualTo(200);
        assertThat(anonymous.get("/api/public/tickets/" + id + "?token=" + token).json().isNull("satisfaction")).as("solved again: not rated yet").isTrue();
        assertThat(anonymous.post("/api/public/tickets/" + id + "/satisfaction", Json.createObjectBuilder().add("access_token", token)
                .add("rating", 3).build()).status()).isEqualTo(201);
        assertThat(anonymous.get("/api/public/tickets/" + id + "?token=" + token).json().getJsonObject("satisfaction").getInt("rating")).isEqualTo(3);
        assertThat(anonymous.get("/api/public/tickets/lookup?email=nobody@nowhere.test").status()).isEqualTo(202);
        assertThat(anonymous.get("/api/public/tickets/lookup?email=portal@customer.test").status()).isEqualTo(202);
    }

    @Test
    void anotherWorkspaceSeesAndChangesNothingOfTheFirst() throws Exception {
        JsonObject mine = newTicket(admin, "Private matter", "isolated@customer.test");
        String id = mine.getString("id");
        Api.Reply created = admin.post("/api/workspaces", "{\"name\":\"Globex\",\"slug\":\"globex\",\"admin\":{\"email\":\"admin@globex.test\","
                + "\"name\":\"Globex Admin\",\"password\":\"globex-password\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api other = admin.as(Api.login(relaydesk.baseUrl(), "admin@globex.test", "globex-password"));
        assertThat(other.get("/api/tickets").json().getJsonObject("pagination").getInt("total")).isZero();
        assertThat(other.get("/api/tickets?q=Private").json().getJsonArray("tickets")).isEmpty();
        assertThat(other.get("/api/tickets/" + id).status()).isEqualTo(404);
        assertThat(other.put("/api/tickets/" + id, Json.createObjectBuilder().add("subject", "hijacked").build()).status()).isEqualTo(404);
        assertThat(other.post("/api/tickets/" + id + "/comments", "{\"body\":\"hi\"}").status()).isEqualTo(404);
        assertThat(other.get("/api/tickets/" + id + "/comments").status()).isEqualTo(404);
        assertThat(other.post("/api/tickets/" + id + "/resolve", "{}").status()).isEqualTo(404);
        JsonObject theirs = newTicket(other, "Theirs", "globex@customer.test");
        assertThat(other.post("/api/tickets/" + theirs.getString("id") + "/merge", "{\"into_ticket_id\":\"" + id + "\"}").status()).isEqualTo(400);
        assertThat(other.post("/api/tickets/" + id + "/merge", "{\"into_ticket_id\":\"" + theirs.getString("id") + "\"}").status()).isEqualTo(404);
        assertThat(other.delete("/api/tickets/" + id).status()).isEqualTo(404);
        assertThat(other.post("/api/workspaces", "{\"name\":\"X\",\"slug\":\"x\",\"admin\":{}}").status()).as("not a system admin").isEqualTo(403);
        assertThat(theirs.getString("ticket_number")).as("numbers are per workspace").isEqualTo("#1001");
        assertThat(admin.get("/api/tickets/" + id).json().getString("subject")).isEqualTo("Private matter");
    }

    @Test
    void filesAreUploadedThenSentWithACommentAndCheckedByTheirBytes() throws Exception {
        String id = newTicket(admin, "Export fails", "files@customer.test").getString("id");
        String files = "/api/tickets/" + id + "/attachments";

        byte[] program = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 0, 0};
        Api.Reply refused = admin.post(files + "?filename=holiday.jpg", program, "image/jpeg");
        assertThat(refused.status()).as("a program renamed .jpg").isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("cannot be attached");
        assertThat(admin.post(files, "x".getBytes(), "text/plain").status()).as("no file name").isEqualTo(400);

        Api.Reply uploaded = admin.post(files + "?filename=" + java.net.URLEncoder.encode("export log.txt", "UTF-8"),
                "export failed at row 40000".getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/octet-stream");
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        assertThat(uploaded.json().getString("file_name")).isEqualTo("export log.txt");
        assertThat(uploaded.json().getString("content_type")).as("the type read from the bytes").isEqualTo("text/plain");
        assertThat(uploaded.json().getBoolean("pending")).isTrue();
        String fileId = uploaded.json().getString("id");
        assertThat(admin.get(files).json().getJsonArray("attachments")).as("pending files are not listed as sent").isEmpty();

        Api.Reply comment = admin.post("/api/tickets/" + id + "/comments",
                "{\"body\":\"Here is the log\",\"attachment_ids\":[\"" + fileId + "\"]}");
        assertThat(comment.status()).as(comment.body()).isEqualTo(201);
        assertThat(comment.json().getJsonArray("attachments").getJsonObject(0).getString("id")).isEqualTo(fileId);
        assertThat(comment.json().getJsonArray("attachments").getJsonObject(0).getBoolean("pending")).isFalse();
        var listed = admin.get("/api/tickets/" + id + "/comments").json().getJsonArray("comments").getValuesAs(JsonObject.class);
        assertThat(listed.stream().filter(c -> c.getString("body_text").equals("Here is the log")).findFirst().orElseThrow()
                .getJsonArray("attachments")).hasSize(1);
        assertThat(admin.get(files).json().getJsonArray("attachments").getJsonObject(0).getString("message_id"))
                .isEqualTo(comment.json().getString("id"));

        Api.Reply download = admin.get(files + "/" + fileId);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo("export failed at row 40000");
        assertThat(download.raw().headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;").contains("export%20log.txt");
        assertThat(download.raw().headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        assertThat(admin.post("/api/tickets/" + id + "/comments", "{\"body\":\"Again\",\"attachment_ids\":[\"" + fileId + "\"]}").status())
                .as("a sent file cannot go out with a second message").isEqualTo(400);
        assertThat(admin.delete(files + "/" + fileId).status()).as("a sent file stays").isEqualTo(409);
        String other = newTicket(admin, "Another ticket", "files@customer.test").getString("id");
        assertThat(admin.get("/api/tickets/" + other + "/attachments/" + fileId).status()).as("only through its own ticket").isEqualTo(404);

        String pending = admin.post(files + "?filename=notes.txt", "draft".getBytes(), "text/plain").json().getString("id");
        assertThat(admin.delete(files + "/" + pending).status()).isEqualTo(204);
        assertThat(admin.get(files + "/" + pending).status()).isEqualTo(404);
    }

    @Test
    void ticketsGetTheStandardPolicysDueTimesAndPauseWhileWaiting() throws Exception {
        Api.Reply created = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Checkout is down")
                .add("requester_email", "sla@customer.test").add("priority", "urgent").build());
        JsonObject ticket = created.json();
        java.time.Instant createdAt = java.time.Instant.parse(ticket.getString("created_at"));
        JsonObject sla = ticket.getJsonObject("sla");
        assertThat(sla.getString("state")).isEqualTo("on_track");
        assertThat(java.time.Instant.parse(sla.getString("first_response_due_at"))).as("urgent: 1 h").isEqualTo(createdAt.plusSeconds(3600));
        assertThat(java.time.Instant.parse(sla.getString("resolution_due_at"))).as("urgent: 4 h").isEqualTo(createdAt.plusSeconds(4 * 3600));
        var policies = admin.get("/api/tickets/sla-policies").json().getJsonArray("policies").getValuesAs(JsonObject.class);
        JsonObject standard = policies.stream().filter(p -> p.getBoolean("is_default")).findFirst().orElseThrow();
        assertThat(standard.getJsonObject("targets").getJsonObject("low").getJsonNumber("resolution_hours").doubleValue()).isEqualTo(72.0);
        assertThat(sla.getString("policy_id")).isEqualTo(standard.getString("id"));

        String id = ticket.getString("id");
        admin.post("/api/tickets/" + id + "/comments", "{\"body\":\"Which browser do you use?\"}");
        JsonObject waiting = admin.put("/api/tickets/" + id, Json.createObjectBuilder().add("status", "waiting_on_customer").build()).json();
        assertThat(waiting.getJsonObject("sla").getString("state")).isEqualTo("paused");
        assertThat(waiting.getJsonObject("sla").isNull("resolution_due_at")).as("no due time while waiting on the customer").isTrue();
        JsonObject detail = admin.get("/api/tickets/" + id + "/sla").json();
        assertThat(detail.getJsonObject("first_response").getString("state")).isEqualTo("met");
        assertThat(detail.getJsonArray("timeline").getValuesAs(JsonObject.class)).extracting(e -> e.getString("metric") + " " + e.getString("event"))
                .contains("first_response started", "first_response met", "resolution paused");

        assertThat(admin.post("/api/tickets/sla-policies", "{\"name\":\"Broken\",\"first_response_hours\":-1,\"resolution_hours\":4}").status())
                .isEqualTo(400);
        assertThat(admin.post("/api/tickets/sla-policies", "{\"name\":\"Broken\",\"first_response_hours\":1,\"resolution_hours\":4,"
                + "\"priority_overrides\":{\"whenever\":{\"first_response_hours\":1}}}").status()).isEqualTo(400);
        assertThat(admin.delete("/api/tickets/sla-policies/" + standard.getString("id")).status()).as("the default stays").isEqualTo(409);
    }

    /** The one-minute ticket of the breach tests: made first, checked last, so that the minute passes while other tests run. */
    private static JsonObject hurryTicket;
    private static String hurryPolicy;
    private static String hurryAtRiskRule;
    private static String hurryBreachedRule;
    private static WebhookReceiver slaReceiver;
    private static String slaWebhook;

    @Test
    @Order(1)
    void aOneMinutePolicyAppliesToItsCustomersTicketsToTheMinute() throws Exception {
        // a one-minute policy for one customer domain only, so that no other test's tickets are touched
        Api.Reply policy = admin.post("/api/tickets/sla-policies", "{\"name\":\"One minute\",\"first_response_hours\":0.0166667,"
                + "\"resolution_hours\":2.5,\"at_risk_percent\":50,\"conditions\":{\"requester_domains\":[\"hurry.test\"]}}");
        assertThat(policy.status()).as(policy.body()).isEqualTo(201);
        assertThat(policy.json().getJsonNumber("resolution_hours").doubleValue()).as("decimal hours, to the minute").isEqualTo(2.5);
        Api.Reply atRiskRule = admin.post("/api/workflows", "{\"name\":\"Hurry at risk\",\"trigger\":\"sla_at_risk\",\"conditions\":{\"items\":"
                + "[{\"field\":\"requester_email\",\"operator\":\"ends_with\",\"value\":\"@hurry.test\"}]},"
                + "\"actions\":[{\"action\":\"add_tag\",\"arguments\":{\"tag\":\"sla-at-risk\"}}]}");
        Api.Reply breachedRule = admin.post("/api/workflows", "{\"name\":\"Hurry breached\",\"trigger\":\"sla_breached\",\"conditions\":{\"items\":"
                + "[{\"field\":\"requester_email\",\"operator\":\"ends_with\",\"value\":\"@hurry.test\"}]},"
                + "\"actions\":[{\"action\":\"set_priority\",\"arguments\":{\"priority\":\"urgent\"}}]}");
        assertThat(breachedRule.status()).as(breachedRule.body()).isEqualTo(201);
        slaReceiver = new WebhookReceiver();
        Api.Reply webhook = admin.post("/api/webhooks", "{\"url\":\"" + slaReceiver.url("/sla") + "\",\"events\":[\"ticket.sla.breached\"]}");
        assertThat(webhook.status()).as(webhook.body()).isEqualTo(201);
        slaWebhook = webhook.json().getString("id");
        JsonObject ticket = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Need an answer fast")
                .add("requester_email", "boss@hurry.test").build()).json();
        assertThat(ticket.getJsonObject("sla").getString("policy_id")).isEqualTo(policy.json().getString("id"));
        java.time.Instant due = java.time.Instant.parse(ticket.getJsonObject("sla").getString("first_response_due_at"));
        assertThat(due).isEqualTo(java.time.Instant.parse(ticket.getString("created_at")).plusSeconds(60));
        hurryTicket = ticket;
        hurryPolicy = policy.json().getString("id");
        hurryAtRiskRule = atRiskRule.json().getString("id");
        hurryBreachedRule = breachedRule.json().getString("id");
    }

    @Test
    @Order(Integer.MAX_VALUE - 1) // after the others (the minute passes meanwhile), before the throttling test
    void aBreachIsRaisedWithinSecondsOfItsDueTime() throws Exception {
        assertThat(hurryTicket).as("made by the one-minute policy test").isNotNull();
        JsonObject ticket = hurryTicket;
        java.time.Instant due = java.time.Instant.parse(ticket.getJsonObject("sla").getString("first_response_due_at"));
        String id = ticket.getString("id");
        JsonObject breach = null;
        java.time.Instant deadline = due.plusSeconds(60);
        while (breach == null && java.time.Instant.now().isBefore(deadline)) {
            breach = admin.get("/api/tickets/" + id + "/activities").json().getJsonArray("activities").getValuesAs(JsonObject.class).stream()
                    .filter(a -> a.getString("action").equals("sla_breached")).findFirst().orElse(null);
            if (breach == null) {
                Thread.sleep(250); // polling the API for the condition, not waiting for a guess
            }
        }
        assertThat(breach).as("a breach event on the ticket's timeline").isNotNull();
        java.time.Instant raised = java.time.Instant.parse(breach.getString("created_at"));
        assertThat(java.time.Duration.between(due, raised)).as("raised within seconds of the due time").isBetween(java.time.Duration.ZERO,
                java.time.Duration.ofSeconds(5));
        assertThat(breach.getString("after")).isEqualTo("first_response");
        var actions = admin.get("/api/tickets/" + id + "/activities").json().getJsonArray("activities").getValuesAs(JsonObject.class).stream()
                .map(a -> a.getString("action")).toList();
        assertThat(actions).as("at risk at half time, breached once").contains("sla_at_risk").containsOnlyOnce("sla_breached");
        assertThat(admin.get("/api/tickets/" + id).json().getJsonObject("sla").getString("state")).isEqualTo("breached");
        assertThat(admin.get("/api/tickets?sla_state=breached").body()).contains(id);
        assertThat(admin.get("/api/tickets?sla_state=late").status()).isEqualTo(400);
        var delivered = await(() -> slaReceiver.requests("/sla"), r -> !r.isEmpty(), "the breach webhook");
        JsonObject sent = Json.createReader(new java.io.StringReader(delivered.get(0).body())).readObject();
        assertThat(sent.getString("event")).isEqualTo("ticket.sla.breached");
        assertThat(sent.getJsonObject("data").getString("ticket_id")).isEqualTo(id);
        assertThat(sent.getJsonObject("data").getString("breach_type")).isEqualTo("first_response");
        assertThat(sent.getJsonObject("data").getString("sla_policy_id")).isEqualTo(hurryPolicy);
        assertThat(delivered).as("raised once, and at-risk was not subscribed to").hasSize(1);
        JsonObject detail = admin.get("/api/tickets/analytics/sla/detailed").json();
        JsonObject oneMinute = detail.getJsonArray("policies").getValuesAs(JsonObject.class).stream()
                .filter(p -> p.getString("policy_id").equals(hurryPolicy)).findFirst().orElseThrow();
        assertThat(oneMinute.getString("name")).isEqualTo("One minute");
        JsonObject firstResponse = oneMinute.getJsonArray("targets").getJsonObject(0);
        assertThat(firstResponse.getString("target")).isEqualTo("first_response");
        assertThat(firstResponse.getInt("breached")).as("the unanswered ticket, past its minute").isEqualTo(1);
        assertThat(detail.getJsonArray("breaches_by_target").getValuesAs(JsonObject.class)).anySatisfy(b -> {
            assertThat(b.getString("key")).isEqualTo("first_response");
            assertThat(b.getInt("count")).isGreaterThanOrEqualTo(1);
        });
        assertThat(admin.delete("/api/webhooks/" + slaWebhook).status()).isEqualTo(204);
        slaReceiver.close();
        JsonObject afterRules = admin.get("/api/tickets/" + id).json();
        assertThat(afterRules.getJsonArray("tags").toString()).as("the at-risk rule ran").contains("sla-at-risk");
        assertThat(afterRules.getString("priority")).as("the breach rule ran").isEqualTo("urgent");
        assertThat(admin.delete("/api/workflows/" + hurryAtRiskRule).status()).isEqualTo(204);
        assertThat(admin.delete("/api/workflows/" + hurryBreachedRule).status()).isEqualTo(204);
        assertThat(admin.delete("/api/tickets/sla-policies/" + hurryPolicy).status()).isEqualTo(204);
    }

    @Test
    void workflowRulesActOnTheirTicketsLogTheirRunsAndUndoAFailedRule() throws Exception {
        JsonObject catalogue = admin.get("/api/workflows/catalogue").json();
        assertThat(catalogue.getJsonArray("actions").getValuesAs(JsonObject.class)).extracting(a -> a.getString("id"))
                .contains("set_priority", "add_tag", "add_note", "move_to_team", "reply");
        assertThat(catalogue.getJsonArray("triggers").getValuesAs(JsonObject.class)).extracting(t -> t.getString("id"))
                .contains("ticket_created", "sla_breached");

        Api.Reply vip = admin.post("/api/workflows", """
                {"name": "VIP outages first", "trigger": "ticket_created",
                 "conditions": {"match": "all", "items": [{"field": "tags", "operator": "has", "value": "vip"},
                                                          {"field": "subject", "operator": "contains", "value": "outage"}]},
                 "actions": [{"action": "set_priority", "arguments": {"priority": "urgent"}},
                             {"action": "add_tag", "arguments": {"tag": "escalated"}},
                             {"action": "add_note", "arguments": {"text": "VIP outage: call the customer"}}]}""");
        assertThat(vip.status()).as(vip.body()).isEqualTo(201);
        String vipRule = vip.json().getString("id");
        Api.Reply failing = admin.post("/api/workflows", """
                {"name": "Close shipping questions", "trigger": "ticket_created",
                 "conditions": {"match": "any", "items": [{"field": "subject", "operator": "starts_with", "value": "Workflow shipping"}]},
                 "actions": [{"action": "add_tag", "arguments": {"tag": "will-be-undone"}},
                             {"action": "set_status", "arguments": {"status": "closed"}}]}""");
        assertThat(failing.status()).as(failing.body()).isEqualTo(201);

        JsonObject outage = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Outage in the EU region")
                .add("requester_email", "cto@workflow.test").add("tags", Json.createArrayBuilder().add("vip")).build()).json();
        String id = outage.getString("id");
        JsonObject after = admin.get("/api/tickets/" + id).json();
        assertThat(after.getString("priority")).isEqualTo("urgent");
        assertThat(after.getJsonArray("tags").getValuesAs(jakarta.json.JsonString.class)).extracting(jakarta.json.JsonString::getString)
                .contains("vip", "escalated");
        assertThat(admin.get("/api/tickets/" + id + "/activities").json().getJsonArray("activities").getValuesAs(JsonObject.class))
                .extracting(a -> a.getString("actor_name")).contains("Rule: VIP outages first");
        assertThat(admin.get("/api/tickets/" + id + "/comments").body()).contains("VIP outage: call the customer");
        JsonObject run = admin.get("/api/workflows/" + vipRule + "/runs").json().getJsonArray("runs").getJsonObject(0);
        assertThat(run.getString("outcome")).isEqualTo("applied");
        assertThat(run.getString("detail")).isEqualTo("set priority to urgent; added tag escalated; added an internal note");

        JsonObject plain = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Outage? No, a question")
                .add("requester_email", "cto@workflow.test").build()).json();
        assertThat(admin.get("/api/tickets/" + plain.getString("id")).json().getString("priority")).as("not vip: untouched").isEqualTo("medium");
        assertThat(admin.post("/api/workflows/" + vipRule + "/test", "{\"ticket_id\":\"" + plain.getString("id") + "\"}").json()
                .getJsonArray("lines").getValuesAs(jakarta.json.JsonString.class)).extracting(jakarta.json.JsonString::getString)
                .contains("fails: tags has vip", "holds: subject contains outage", "the rule would not run");

        // a step that fails undoes the rule's earlier steps; the ticket itself stays as created
        JsonObject shipping = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Workflow shipping: where is my parcel")
                .add("requester_email", "parcel@workflow.test").build()).json();
        JsonObject unchanged = admin.get("/api/tickets/" + shipping.getString("id")).json();
        assertThat(unchanged.getString("status")).isEqualTo("new");
        assertThat(unchanged.getJsonArray("tags")).isEmpty();
        JsonObject failed = admin.get("/api/workflows/" + failing.json().getString("id") + "/runs").json().getJsonArray("runs").getJsonObject(0);
        assertThat(failed.getString("outcome")).isEqualTo("failed");
        assertThat(failed.getString("detail")).contains("step 2", "failed", "undone: added tag will-be-undone");

        assertThat(admin.post("/api/workflows", "{\"name\":\"Bad\",\"trigger\":\"ticket_created\",\"conditions\":{\"items\":"
                + "[{\"field\":\"colour\",\"operator\":\"is\",\"value\":\"red\"}]},\"actions\":[{\"action\":\"add_tag\","
                + "\"arguments\":{\"tag\":\"x\"}}]}").body()).contains("not a field");
        assertThat(admin.post("/api/workflows", "{\"name\":\"Bad\",\"trigger\":\"ticket_created\",\"actions\":[{\"action\":\"launch_rocket\"}]}")
                .status()).isEqualTo(400);
        assertThat(admin.post("/api/workflows", "{\"name\":\"Bad\",\"trigger\":\"whenever\",\"actions\":[{\"action\":\"add_tag\","
                + "\"arguments\":{\"tag\":\"x\"}}]}").status()).isEqualTo(400);
        JsonObject copy = admin.post("/api/workflows/" + vipRule + "/duplicate", "{}").json();
        assertThat(copy.getString("name")).isEqualTo("VIP outages first (copy)");
        assertThat(copy.getBoolean("enabled")).as("a copy starts disabled").isFalse();

        // a canned reply and a notification for the supervisors
        String canned = admin.post("/api/tickets/canned-responses", "{\"title\":\"Got it\",\"shortcut\":\"gotit-wf\",\"content\":"
                + "\"Hi {{customer_name}}, we have ticket {{ticket_number}}. {{agent_name}}\"}").json().getString("id");
        Api.Reply ack = admin.post("/api/workflows", "{\"name\":\"Acknowledge billing\",\"trigger\":\"ticket_created\",\"conditions\":{\"items\":"
                + "[{\"field\":\"subject\",\"operator\":\"starts_with\",\"value\":\"Workflow billing\"}]},\"actions\":["
                + "{\"action\":\"reply_canned\",\"arguments\":{\"canned_response_id\":\"" + canned + "\"}},"
                + "{\"action\":\"notify\",\"arguments\":{\"recipients\":\"all_agents\",\"message\":\"A billing question came in\"}}]}");
        assertThat(ack.status()).as(ack.body()).isEqualTo(201);
        JsonObject billing = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Workflow billing: double charge")
                .add("requester_email", "payer@workflow.test").add("requester_name", "Pat Payer").build()).json();
        assertThat(admin.get("/api/tickets/" + billing.getString("id") + "/comments").body())
                .contains("Hi Pat Payer, we have ticket #" + billing.getJsonNumber("number"), "The support team");
        assertThat(admin.get("/api/tickets/" + billing.getString("id")).json().isNull("first_response_at")).as("the rule's reply answers").isFalse();
        assertThat(admin.get("/api/outbox").body()).contains("email.staff_notification");
        assertThat(admin.post("/api/workflows", "{\"name\":\"Bad notify\",\"trigger\":\"ticket_created\",\"actions\":[{\"action\":\"notify\","
                + "\"arguments\":{\"recipients\":\"everyone_on_earth\",\"message\":\"x\"}}]}").body()).contains("must be one of");
        assertThat(admin.delete("/api/workflows/" + ack.json().getString("id")).status()).isEqualTo(204);

        for (String rule : java.util.List.of(vipRule, failing.json().getString("id"), copy.getString("id"))) {
            assertThat(admin.delete("/api/workflows/" + rule).status()).isEqualTo(204);
        }
    }

    @Test
    void eachTriggerRunsItsRulesOncePerChange() throws Exception {
        java.util.List<String> rules = new java.util.ArrayList<>();
        String[][] byTrigger = {{"ticket_created", "t-created"}, {"customer_replied", "t-customer"}, {"agent_replied", "t-agent"},
                {"status_changed", "t-status"}};
        for (String[] trigger : byTrigger) {
            Api.Reply rule = admin.post("/api/workflows", "{\"name\":\"Trigger " + trigger[0] + "\",\"trigger\":\"" + trigger[0] + "\","
                    + "\"conditions\":{\"items\":[{\"field\":\"subject\",\"operator\":\"starts_with\",\"value\":\"Trigger check\"}]},"
                    + "\"actions\":[{\"action\":\"add_tag\",\"arguments\":{\"tag\":\"" + trigger[1] + "\"}}]}");
            assertThat(rule.status()).as(rule.body()).isEqualTo(201);
            rules.add(rule.json().getString("id"));
        }
        Api.Reply updated = admin.post("/api/workflows", "{\"name\":\"Trigger ticket_updated\",\"trigger\":\"ticket_updated\","
                + "\"conditions\":{\"match\":\"all\",\"items\":[{\"field\":\"subject\",\"operator\":\"starts_with\",\"value\":\"Trigger check\"},"
                + "{\"field\":\"priority\",\"operator\":\"is\",\"value\":\"urgent\"}]},"
                + "\"actions\":[{\"action\":\"add_note\",\"arguments\":{\"text\":\"Urgent now: tell the team lead\"}}]}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(201);
        rules.add(updated.json().getString("id"));

        Api anonymous = new Api(relaydesk.baseUrl(), null);
        JsonObject submitted = anonymous.post("/api/public/tickets", Json.createObjectBuilder().add("workspace_id", "default")
                .add("subject", "Trigger check: my order").add("description", "Where is it?").add("requester_email", "trigger@customer.test").build()).json();
        String id = submitted.getJsonObject("ticket").getString("id");
        assertThat(tags(id)).containsExactly("t-created");
        admin.post("/api/tickets/" + id + "/comments", "{\"body\":\"We are looking into it.\"}");
        assertThat(tags(id)).contains("t-agent").doesNotContain("t-customer", "t-status");
        anonymous.post("/api/public/tickets/" + id + "/reply", Json.createObjectBuilder().add("access_token", submitted.getString("accessToken"))
                .add("body", "Any news?").build());
        assertThat(tags(id)).contains("t-customer");
        admin.put("/api/tickets/" + id, "{\"status\":\"waiting_on_customer\"}");
        assertThat(tags(id)).contains("t-status");

        // a priority change meets the update rule; the tags its own note does not add make it run again
        admin.put("/api/tickets/" + id, "{\"priority\":\"urgent\"}");
        admin.put("/api/tickets/" + id, "{\"subject\":\"Trigger check: my order, please\"}");
        var runs = admin.get("/api/workflows/" + updated.json().getString("id") + "/runs").json().getJsonArray("runs").getValuesAs(JsonObject.class);
        assertThat(runs).as("once for each of the two changes, never for its own note").hasSize(2)
                .allSatisfy(r -> assertThat(r.getString("outcome")).isEqualTo("applied"));
        assertThat(admin.get("/api/tickets/" + id + "/comments").body()).contains("Urgent now: tell the team lead");
        for (String rule : rules) {
            assertThat(admin.delete("/api/workflows/" + rule).status()).isEqualTo(204);
        }
    }

    private static java.util.List<String> tags(String ticketId) throws Exception {
        return admin.get("/api/tickets/" + ticketId).json().getJsonArray("tags").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
    }

    @Test
    void aPolicyCanBeForTicketsWithACustomFieldValue() throws Exception {
        Api.Reply field = admin.post("/api/custom-fields", "{\"label\":\"Support plan\",\"key\":\"support_plan\",\"type\":\"select\","
                + "\"options\":[\"basic\",\"enterprise\"]}");
        assertThat(field.status()).as(field.body()).isEqualTo(201);
        assertThat(admin.get("/api/custom-fields").body()).contains("\"key\":\"support_plan\"", "enterprise");
        assertThat(admin.post("/api/custom-fields", "{\"label\":\"Plan again\",\"key\":\"support_plan\",\"type\":\"text\"}").status())
                .as("keys are unique").isEqualTo(409);
        assertThat(admin.post("/api/tickets/sla-policies", "{\"name\":\"Nope\",\"first_response_hours\":1,\"resolution_hours\":2,"
                + "\"conditions\":{\"custom.shoe_size\":[\"42\"]}}").body()).contains("is not a custom field");
        Api.Reply policy = admin.post("/api/tickets/sla-policies", "{\"name\":\"Enterprise plan\",\"first_response_hours\":0.5,"
                + "\"resolution_hours\":2,\"conditions\":{\"custom.support_plan\":[\"enterprise\"]}}");
        assertThat(policy.status()).as(policy.body()).isEqualTo(201);
        String policyId = policy.json().getString("id");

        JsonObject enterprise = admin.post("/api/tickets", "{\"subject\":\"Plan check\",\"requester_email\":\"it@plan.test\","
                + "\"custom_fields\":{\"support_plan\":\"enterprise\"}}").json();
        assertThat(enterprise.getJsonObject("sla").getString("policy_id")).isEqualTo(policyId);
        assertThat(java.time.Instant.parse(enterprise.getJsonObject("sla").getString("first_response_due_at")))
                .isEqualTo(java.time.Instant.parse(enterprise.getString("created_at")).plusSeconds(30 * 60));
        JsonObject basic = admin.post("/api/tickets", "{\"subject\":\"Plan check\",\"requester_email\":\"it@plan.test\","
                + "\"custom_fields\":{\"support_plan\":\"basic\"}}").json();
        assertThat(basic.getJsonObject("sla").getString("policy_id")).isNotEqualTo(policyId);
        JsonObject upgraded = admin.put("/api/tickets/" + basic.getString("id"), "{\"custom_fields\":{\"support_plan\":\"enterprise\"}}").json();
        assertThat(upgraded.getJsonObject("sla").getString("policy_id")).as("the policy follows the field").isEqualTo(policyId);

        assertThat(admin.delete("/api/tickets/sla-policies/" + policyId).status()).isEqualTo(204);
        assertThat(admin.delete("/api/custom-fields/" + field.json().getString("id")).status()).isEqualTo(204);
    }

    @Test
    void pluginsAreInstalledEnabledCalledInIsolationAndRemovedWhileTheServerRuns() throws Exception {
        byte[] jar = ExamplePlugins.actionExample();
        Api.Reply installed = admin.post("/api/plugins", jar, "application/java-archive");
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        assertThat(installed.json().getString("id")).isEqualTo("action-example");
        assertThat(installed.json().getBoolean("enabled")).as("installed, not yet on").isFalse();
        assertThat(admin.get("/api/workflows/catalogue").body()).doesNotContain("example.shout");

        // what is wrong with a jar is said, and nothing is installed
        assertThat(admin.post("/api/plugins", "not a jar".getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/java-archive").body())
                .contains("not a");
        assertThat(admin.post("/api/plugins", new PluginJarBuilder("Bad_Id", "1.0.0").build(), "application/java-archive").body())
                .contains("kebab-case");
        Api.Reply tooNew = admin.post("/api/plugins", new PluginJarBuilder("action-future", "1.0.0").manifest("Plugin-Requires", ">=2.0.0").build(),
                "application/java-archive");
        assertThat(tooNew.status()).isEqualTo(400);
        assertThat(tooNew.body()).contains("needs plugin API >=2.0.0");
        assertThat(pluginIds()).as("the refused jars changed nothing").contains("action-example").doesNotContain("action-future", "bad_id");

        // only the system administrator changes plugins
        admin.post("/api/users", "{\"email\":\"plugin-admin@relaydesk.test\",\"name\":\"Workspace Admin\",\"role\":\"admin\","
                + "\"password\":\"plugin-admin-password\"}");
        Api workspaceAdmin = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), "plugin-admin@relaydesk.test", "plugin-admin-password"));
        assertThat(workspaceAdmin.get("/api/plugins").status()).isEqualTo(200);
        assertThat(workspaceAdmin.put("/api/plugins/action-example", "{\"enabled\":true}").status()).isEqualTo(403);
        assertThat(workspaceAdmin.post("/api/plugins", jar, "application/java-archive").status()).isEqualTo(403);

        JsonObject on = admin.put("/api/plugins/action-example", "{\"enabled\":true}").json();
        assertThat(on.getString("state")).isEqualTo("started");
        assertThat(on.getJsonArray("workflow_actions").toString()).contains("example.shout", "example.hang");
        assertThat(admin.get("/api/workflows/catalogue").body()).contains("example.shout", "Shout (example plugin)");

        Api.Reply rule = admin.post("/api/workflows", "{\"name\":\"Shout at plugin tickets\",\"trigger\":\"ticket_created\",\"conditions\":"
                + "{\"items\":[{\"field\":\"subject\",\"operator\":\"starts_with\",\"value\":\"Plugin check\"}]},"
                + "\"actions\":[{\"action\":\"example.shout\",\"arguments\":{\"tag\":\"shouted\"}}]}");
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        JsonObject ticket = admin.post("/api/tickets", "{\"subject\":\"Plugin check: loud\",\"requester_email\":\"loud@plugin.test\"}").json();
        assertThat(tags(ticket.getString("id"))).contains("shouted", "core-hidden").doesNotContain("core-visible");
        assertThat(admin.get("/api/tickets/" + ticket.getString("id") + "/comments").body()).contains("PLUGIN CHECK: LOUD");

        // a plugin that hangs costs the time limit, its requests are not carried out, and it shows as failing
        Api.Reply hanging = admin.post("/api/workflows", "{\"name\":\"Hang on plugin tickets\",\"trigger\":\"ticket_created\",\"conditions\":"
                + "{\"items\":[{\"field\":\"subject\",\"operator\":\"starts_with\",\"value\":\"Plugin hang\"}]},"
                + "\"actions\":[{\"action\":\"example.hang\"}]}");
        long started = System.nanoTime();
        JsonObject stuck = admin.post("/api/tickets", "{\"subject\":\"Plugin hang: slow\",\"requester_email\":\"slow@plugin.test\"}").json();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).as("the request waits for the limit, not the plugin")
                .isLessThan(java.time.Duration.ofSeconds(20));
        assertThat(tags(stuck.getString("id"))).doesNotContain("never-applied");
        JsonObject run = admin.get("/api/workflows/" + hanging.json().getString("id") + "/runs").json().getJsonArray("runs").getJsonObject(0);
        assertThat(run.getString("outcome")).isEqualTo("failed");
        assertThat(run.getString("detail")).contains("action-example did not answer within 2 s");
        JsonObject health = admin.get("/api/plugins/action-example").json().getJsonObject("health");
        assertThat(health.getString("state")).isEqualTo("failing");
        assertThat(health.getString("last_error")).contains("did not answer");
        assertThat(admin.get("/health").body()).contains("\"action-example\":\"failing\"");
        assertThat(admin.get("/api/tickets/" + ticket.getString("id")).status()).as("the core works on").isEqualTo(200);

        // off: its actions are gone and rules that use them say why
        assertThat(admin.put("/api/plugins/action-example", "{\"enabled\":false}").json().getBoolean("enabled")).isFalse();
        assertThat(admin.get("/api/workflows/catalogue").body()).doesNotContain("example.shout");
        JsonObject quiet = admin.post("/api/tickets", "{\"subject\":\"Plugin check: quiet\",\"requester_email\":\"loud@plugin.test\"}").json();
        assertThat(tags(quiet.getString("id"))).doesNotContain("shouted");
        assertThat(admin.get("/api/workflows/" + rule.json().getString("id") + "/runs").json().getJsonArray("runs").getJsonObject(0)
                .getString("detail")).contains("'example.shout' is not available");

        assertThat(admin.delete("/api/plugins/action-example").status()).isEqualTo(204);
        assertThat(pluginIds()).doesNotContain("action-example");
        assertThat(admin.get("/api/plugins/action-example").status()).isEqualTo(404);
        for (String id : List.of(rule.json().getString("id"), hanging.json().getString("id"))) {
            admin.delete("/api/workflows/" + id);
        }
    }

    @Test
    void aChannelPluginsMessagesAreStoredThreadedFiledAndSetAsideWhenUnreadable() throws Exception {
        java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("drop-folder");
        java.nio.file.Path sentFolder = java.nio.file.Files.createTempDirectory("sent-folder");
        assertThat(admin.post("/api/plugins", ExamplePlugins.channelFolder(), "application/java-archive").status()).isEqualTo(201);
        String account = "{\"kind\":\"folder\",\"name\":\"Drop folder\",\"default_priority\":\"high\",\"config\":{\"folder.path\":\""
                + folder.toString().replace("\\", "\\\\") + "\",\"access.token\":\"s3cret-token\",\"poll.seconds\":\"1\",\"sent.path\":\"" + sentFolder.toString().replace("\\", "\\\\") + "\"}}";
        assertThat(admin.post("/api/channel-accounts", account).body()).as("its plugin is off").contains("no enabled plugin offers the channel 'folder'");
        admin.put("/api/plugins/channel-folder", "{\"enabled\":true}");
        JsonObject kinds = admin.get("/api/channel-accounts/kinds").json();
        assertThat(kinds.toString()).contains("\"kind\":\"folder\"", "access.token", "\"type\":\"secret\"");

        assertThat(admin.post("/api/channel-accounts", "{\"kind\":\"folder\",\"name\":\"Broken\",\"config\":{\"colour\":\"red\"}}").body())
                .contains("config.folder.path", "is required", "config.colour", "is not a setting");
        Api.Reply created = admin.post("/api/channel-accounts", account);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().getString("id");
        assertThat(created.json().getJsonObject("config").containsKey("access.token")).as("secrets are write-only").isFalse();
        assertThat(created.json().getJsonArray("secrets_set").toString()).contains("access.token");
        try (var connection = database.connect(); var sql = connection.createStatement();
             var row = sql.executeQuery("SELECT config::text FROM channel_accounts WHERE name = 'Drop folder'")) {
            row.next();
            assertThat(row.getString(1)).as("encrypted at rest").contains("enc:v1:").doesNotContain("s3cret-token");
        }

        drop(folder, "1.msg", "Id: <first@customer.test>\nFrom: dana@customer.test\nName: Dana Drop\nSubject: Scanner is offline\n\nIt stopped this morning.");
        JsonObject ticket = await(() -> {
            var found = admin.get("/api/tickets?q=" + java.net.URLEncoder.encode("Scanner is offline", java.nio.charset.StandardCharsets.UTF_8)).json()
                    .getJsonArray("tickets");
            return found.isEmpty() ? null : found.getJsonObject(0);
        }, "a ticket from the dropped message");
        assertThat(ticket.getString("requester_email")).isEqualTo("dana@customer.test");
        assertThat(ticket.getString("source_channel")).isEqualTo("folder");
        assertThat(ticket.getString("priority")).as("the account's default").isEqualTo("high");
        String ticketId = ticket.getString("id");

        // a reply threads by the id it answers; the same message twice is one; an unreadable one is set aside and blocks nothing
        drop(folder, "2.msg", "Id: <second@customer.test>\nFrom: dana@customer.test\nReferences: <first@customer.test>\nSubject: Re: Scanner\n\nStill offline.");
        drop(folder, "3.msg", "Id: <first@customer.test>\nFrom: dana@customer.test\nSubject: Scanner is offline\n\nIt stopped this morning.");
        drop(folder, "4.msg", "Id: <broken@customer.test>\nSubject: nobody sent this\n\n?");
        drop(folder, "5.msg", "Id: <robot@customer.test>\nFrom: mailer-daemon@customer.test\nAutomatic: yes\nSubject: Out of office\n\nAway.");
        drop(folder, "6.msg", "Id: <later@customer.test>\nFrom: eve@customer.test\nSubject: Toner please\n\nBlack toner.");
        await(() -> admin.get("/api/tickets/" + ticketId + "/comments").body().contains("Still offline.") ? true : null, "the reply on the ticket");
        JsonObject failed = await(() -> {
            var list = admin.get("/api/channel-accounts/" + id + "/messages?status=failed").json().getJsonArray("messages");
            return list.isEmpty() ? null : list.getJsonObject(0);
        }, "the unreadable message set aside");
        assertThat(failed.getString("external_id")).isEqualTo("<broken@customer.test>");
        assertThat(failed.getString("error")).contains("no From line");
        await(() -> admin.get("/api/tickets?q=Toner").json().getJsonArray("tickets").isEmpty() ? null : true, "the message after the broken one filed");

        // files come along; one of a kind that cannot be attached stays in the stored message, and the agents are told
        drop(folder, "8.msg", "Id: <files@customer.test>\nFrom: dana@customer.test\nSubject: Photo of the jam\n"
                + "Attachment: jam.png;iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\n"
                + "Attachment: fix.exe;TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAA=\n\nSee the photo.");
        JsonObject withFiles = await(() -> {
            var found = admin.get("/api/tickets?q=" + java.net.URLEncoder.encode("Photo of the jam", java.nio.charset.StandardCharsets.UTF_8)).json()
                    .getJsonArray("tickets");
            return found.isEmpty() ? null : found.getJsonObject(0);
        }, "the ticket with files");
        assertThat(admin.get("/api/tickets/" + withFiles.getString("id") + "/attachments").body()).contains("jam.png").doesNotContain("fix.exe");
        assertThat(admin.get("/api/tickets/" + withFiles.getString("id") + "/comments").body()).contains("not kept", "fix.exe");
        assertThat(admin.get("/api/tickets?q=" + java.net.URLEncoder.encode("Scanner is offline", java.nio.charset.StandardCharsets.UTF_8)).json()
                .getJsonArray("tickets")).as("the copy was dropped").hasSize(1);
        assertThat(admin.get("/api/tickets?q=" + java.net.URLEncoder.encode("Out of office", java.nio.charset.StandardCharsets.UTF_8)).json()
                .getJsonArray("tickets")).as("an auto-reply answering nothing opens no ticket").isEmpty();
        assertThat(admin.get("/api/channel-accounts/" + id + "/messages?status=ignored").body()).contains("robot@customer.test");

        assertThat(admin.post("/api/channel-accounts/" + id + "/messages/" + failed.getString("id") + "/retry", "{}").status()).isEqualTo(202);
        await(() -> admin.get("/api/channel-accounts/" + id + "/messages?status=failed").json().getJsonArray("messages").stream()
                .map(JsonObject.class::cast).anyMatch(m -> m.getInt("attempts") == 2) ? true : null, "the retried message read again (and set aside again)");

        // an agent's reply goes out through the channel, threaded; the customer's answer to it finds the ticket
        admin.post("/api/tickets/" + ticketId + "/comments", "{\"body\":\"<p>Please restart it.</p>\"}");
        String sent = await(() -> {
            try (var files = java.nio.file.Files.list(sentFolder)) {
                return files.filter(f -> f.toString().endsWith(".sent")).findFirst().map(f -> {
                    try {
                        return java.nio.file.Files.readString(f);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).orElse(null);
            }
        }, "the reply sent through the channel");
        assertThat(sent).contains("To: dana@customer.test", "Subject: [#" + ticket.getJsonNumber("number") + "] Scanner is offline",
                "References: <first@customer.test> <second@customer.test>", "Author: ", "Please restart it.");
        String sentId = sent.substring(4, sent.indexOf('\n'));
        assertThat(admin.get("/api/outbox?status=sent").body()).contains("channel.reply");
        JsonObject sentReply = await(() -> admin.get("/api/tickets/" + ticketId + "/comments").json().getJsonArray("comments").stream()
                .map(JsonObject.class::cast).filter(c -> c.getString("body_text").contains("Please restart it.") && !c.isNull("delivery")
                        && "sent".equals(c.getJsonObject("delivery").getString("status"))).findFirst().orElse(null), "the reply shown as sent");
        assertThat(sentReply.getJsonObject("delivery").getString("channel")).isEqualTo("Drop folder");
        drop(folder, "7.msg", "Id: <third@customer.test>\nFrom: dana@customer.test\nReferences: " + sentId + "\nSubject: Re: [#1] Scanner\n\nRestarted, works.");
        await(() -> admin.get("/api/tickets/" + ticketId + "/comments").body().contains("Restarted, works.") ? true : null, "the answer to the sent reply");

        // where replies go changes only with the secret given again: the stored one is not sent to a new place
        Api.Reply moved = admin.put("/api/channel-accounts/" + id, "{\"config\":{\"sent.path\":\"/tmp/elsewhere\",\"access.token\":\"\"}}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(400);
        assertThat(moved.contentType()).startsWith("application/problem+json");
        assertThat(moved.body()).contains("config.access.token", "must be entered again", "sent.path");
        assertThat(admin.get("/api/channel-accounts/" + id).json().getJsonObject("config").getString("sent.path")).as("nothing changed")
                .isEqualTo(sentFolder.toString());
        // a reply that cannot be sent is retried later, with the reason
        assertThat(admin.put("/api/channel-accounts/" + id, "{\"config\":{\"sent.path\":\"/nonexistent/relaydesk-sent\",\"access.token\":\"s3cret-token\"}}")
                .status()).isEqualTo(200);
        admin.post("/api/tickets/" + ticketId + "/comments", "{\"body\":\"One more thing.\"}");
        JsonObject retrying = await(() -> admin.get("/api/outbox?status=pending").json().getJsonArray("entries").stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("kind").equals("channel.reply") && e.getInt("attempts") >= 1).findFirst().orElse(null), "the failed send recorded");
        assertThat(retrying.getString("last_error")).contains("cannot be written");
        JsonObject onTheReply = admin.get("/api/tickets/" + ticketId + "/comments").json().getJsonArray("comments").stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("body_text").contains("One more thing.")).findFirst().orElseThrow().getJsonObject("delivery");
        assertThat(onTheReply.getString("status")).isEqualTo("retrying");
        assertThat(onTheReply.getString("last_error")).contains("cannot be written");
        assertThat(java.time.Instant.parse(retrying.getString("next_attempt_at"))).as("tried again later").isAfter(java.time.Instant.now());
        assertThat(admin.post("/api/outbox/" + retrying.getString("id") + "/replay", "{}").status()).as("only dead entries are replayed").isEqualTo(409);
        assertThat(admin.put("/api/channel-accounts/" + id, "{\"config\":{\"sent.path\":\"" + sentFolder.toString().replace("\\", "\\\\")
                + "\",\"access.token\":\"s3cret-token\"}}").status()).isEqualTo(200);

        JsonObject status = admin.get("/api/channel-accounts/" + id).json();
        assertThat(status.getString("status")).isEqualTo("ok");
        assertThat(status.isNull("last_fetch_at")).isFalse();
        // a wrong secret shows on the account; leaving the secret out of an update keeps the stored one
        admin.put("/api/channel-accounts/" + id, "{\"config\":{\"access.token\":\"wrong\"}}");
        await(() -> "error".equals(admin.get("/api/channel-accounts/" + id).json().getString("status")) ? true : null, "the refused token shown");
        assertThat(admin.get("/api/channel-accounts/" + id).json().getString("last_error")).contains("refused the access token");
        admin.put("/api/channel-accounts/" + id, "{\"config\":{\"access.token\":\"s3cret-token\"}}");
        admin.put("/api/channel-accounts/" + id, "{\"name\":\"Drop folder A\"}");
        await(() -> "ok".equals(admin.get("/api/channel-accounts/" + id).json().getString("status")) ? true : null, "the account working again");

        // a received message not filed yet: deleting the account would lose it, so it is refused and says why
        try (java.sql.Connection sql = database.connect(); java.sql.PreparedStatement waiting = sql.prepareStatement(
                "INSERT INTO inbound_messages (id, workspace_id, account_id, external_id, content_type, content, received_at, status, claimed_until, "
                        + "retry_at) SELECT gen_random_uuid(), workspace_id, id, 'waiting-1', 'text/plain', '\\x00'::bytea, now() - interval '1 hour', "
                        // leased and due later: no worker takes it during the test
                        + "'pending', now() + interval '1 hour', now() + interval '1 hour' "
                        + "FROM channel_accounts WHERE id = CAST(? AS uuid)")) {
            waiting.setString(1, id);
            assertThat(waiting.executeUpdate()).isEqualTo(1);
            Api.Reply refused = admin.delete("/api/channel-accounts/" + id);
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.body()).contains("1 received message waiting to be filed").contains("Switch it off instead");
            assertThat(admin.get("/api/channel-accounts/" + id).status()).as("still there").isEqualTo(200);
            try (java.sql.PreparedStatement filed = sql.prepareStatement("UPDATE inbound_messages SET status = 'done' WHERE account_id = CAST(? AS uuid)")) {
                filed.setString(1, id);
                filed.executeUpdate();
            }
        }
        assertThat(admin.delete("/api/channel-accounts/" + id).status()).isEqualTo(204);
        assertThat(admin.get("/api/tickets/" + ticketId).status()).as("its tickets stay").isEqualTo(200);
        assertThat(admin.delete("/api/plugins/channel-folder").status()).isEqualTo(204);
    }

    @Test
    void aMailboxOpensTicketsFromMailThreadsRepliesAndAnswersBySmtp() throws Exception {
        int smtpPort;
        int imapPort;
        try (var a = new java.net.ServerSocket(0); var b = new java.net.ServerSocket(0)) {
            smtpPort = a.getLocalPort();
            imapPort = b.getLocalPort();
        }
        var mail = new com.icegreen.greenmail.util.GreenMail(new com.icegreen.greenmail.util.ServerSetup[] {
                new com.icegreen.greenmail.util.ServerSetup(smtpPort, "127.0.0.1", "smtp"), new com.icegreen.greenmail.util.ServerSetup(imapPort, "127.0.0.1", "imap")});
        mail.start();
        try {
            var mailbox = mail.setUser("help@desk.test", "help", "imap-secret-pw");
            assertThat(admin.get("/api/plugins").body()).as("the email plugin ships in plugins/").contains("\"id\":\"channel-email\"");
            assertThat(admin.put("/api/plugins/channel-email", "{\"enabled\":true}").status()).isEqualTo(200);
            Api.Reply created = admin.post("/api/channel-accounts", "{\"kind\":\"email\",\"name\":\"Help mailbox\",\"config\":{\"imap.host\":\"127.0.0.1\","
                    + "\"imap.port\":\"" + imapPort + "\",\"imap.security\":\"none\",\"imap.username\":\"help\",\"imap.password\":\"imap-secret-pw\","
                    + "\"smtp.host\":\"127.0.0.1\",\"smtp.port\":\"" + smtpPort + "\",\"smtp.security\":\"none\",\"from.address\":\"help@desk.test\","
                    + "\"from.name\":\"Desk Help\",\"signature\":\"The Desk team\"}}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String account = created.json().getString("id");
            assertThat(created.body()).doesNotContain("imap-secret-pw");

            mailbox.deliver(mime("<m1@shop.test>", "Mia Shop <mia@shop.test>", "Invoice 77 is wrong", null, "The total is off by 10 EUR."));
            JsonObject ticket = await(() -> filed(account, "m1@shop.test"), "a ticket from the mail");
            String ticketId = ticket.getString("id");
            JsonObject details = admin.get("/api/tickets/" + ticketId).json();
            assertThat(details.getString("subject")).isEqualTo("Invoice 77 is wrong");
            assertThat(details.getString("requester_email")).isEqualTo("mia@shop.test");
            assertThat(details.getString("source_channel")).isEqualTo("email");
            long number = details.getJsonNumber("number").longValue();

            admin.post("/api/tickets/" + ticketId + "/comments", "{\"body\":\"<p>We corrected the invoice.</p>\"}");
            // GreenMail lists what was delivered to the mailbox too: the reply is the one mail to the customer's domain
            await(() -> mail.getReceivedMessagesForDomain("shop.test").length == 1 ? true : null, "the reply sent by SMTP");
            jakarta.mail.internet.MimeMessage answer = mail.getReceivedMessagesForDomain("shop.test")[0];
            assertThat(answer.getSubject()).isEqualTo("Re: [#" + number + "] Invoice 77 is wrong");
            assertThat(answer.getFrom()[0].toString()).isEqualTo("Desk Help <help@desk.test>");
            assertThat(answer.getHeader("In-Reply-To", null)).isEqualTo("<m1@shop.test>");
            String ourId = answer.getMessageID();

            // our own reply coming back into the mailbox (a Bcc, a server that files sent mail) is not filed again
            mailbox.deliver(answer);
            String ourBareId = ourId.replaceAll("^<|>$", "");
            JsonObject echo = await(() -> admin.get("/api/channel-accounts/" + account + "/messages?status=ignored").json().getJsonArray("messages")
                    .getValuesAs(JsonObject.class).stream().filter(m -> m.getString("external_id").equals(ourBareId)).findFirst().orElse(null),
                    "our own reply recognised");
            assertThat(echo.getString("error")).contains("already has");

            // the customer answers it (quoting it): the answer joins the ticket, without the quote
            mailbox.deliver(mime("<m2@shop.test>", "mia@shop.test", "Re: [#" + number + "] Invoice 77 is wrong", ourId,
                    "Thank you!\r\n\r\nOn Tue, Desk Help <help@desk.test> wrote:\r\n> We corrected the invoice."));
            await(() -> admin.get("/api/tickets/" + ticketId + "/comments").body().contains("Thank you!") ? true : null, "the answer on the ticket");
            JsonObject thanks = admin.get("/api/tickets/" + ticketId + "/comments").json().getJsonArray("comments").stream().map(JsonObject.class::cast)
                    .filter(c -> c.getString("body_text").contains("Thank you!")).findFirst().orElseThrow();
            assertThat(thanks.getString("body_text")).as("the quote was not stored again").doesNotContain("We corrected the invoice");
            // the full original stays available: the mail as it arrived, quote included
            var originals = admin.get("/api/tickets/" + ticketId + "/originals").json().getJsonArray("originals").getValuesAs(JsonObject.class);
            assertThat(originals).extracting(o -> o.getString("external_id")).containsExactly("m1@shop.test", "m2@shop.test");
            assertThat(originals.get(1).getString("channel")).isEqualTo("Help mailbox");
            Api.Reply original = admin.get("/api/tickets/" + ticketId + "/originals/" + originals.get(1).getString("id"));
            assertThat(original.contentType()).startsWith("message/rfc822");
            assertThat(original.body()).contains("Message-ID: <m2@shop.test>", "> We corrected the invoice.");
            assertThat(admin.get("/api/tickets/" + java.util.UUID.randomUUID() + "/originals/" + originals.get(1).getString("id")).status())
                    .as("only through its own ticket").isEqualTo(404);

            // someone else quoting the number gets a ticket of their own; a bounce of our reply is a note on the ticket
            mailbox.deliver(mime("<x1@other.test>", "eve@other.test", "[#" + number + "] me too", null, "Show me that invoice."));
            JsonObject stranger = await(() -> filed(account, "x1@other.test"), "the stranger's mail filed");
            assertThat(stranger.getString("id")).isNotEqualTo(ticketId);
            int mailedBefore = mail.getReceivedMessagesForDomain("shop.test").length;
            mailbox.deliver(bounce(ourId));
            await(() -> admin.get("/api/tickets/" + ticketId + "/comments").body().contains("Automatic message from mailer-daemon@shop.test") ? true : null,
                    "the bounce kept on the ticket");
            assertThat(mail.getReceivedMessagesForDomain("shop.test")).as("nothing answered the bounce").hasSize(mailedBefore);
            JsonObject bounced = admin.get("/api/tickets/" + ticketId + "/comments").json().getJsonArray("comments").getValuesAs(JsonObject.class).stream()
                    .filter(c -> c.getString("body_text").contains("We corrected the invoice.") && !c.isNull("delivery")).findFirst().orElseThrow()
                    .getJsonObject("delivery");
            assertThat(bounced.getString("status")).as("the bounce is the reply's receipt").isEqualTo("bounced");
            assertThat(bounced.getString("receipt")).isEqualTo("mia@shop.test: 5.2.2");
            try (var connection = database.connect(); var sql = connection.createStatement();
                 var row = sql.executeQuery("SELECT config::text FROM channel_accounts WHERE name = 'Help mailbox'")) {
                row.next();
                assertThat(row.getString(1)).as("the password encrypted at rest").doesNotContain("imap-secret-pw");
            }
            // the workspace's notices go out through the mailbox: the portal's "email me my links"
            assertThat(new Api(relaydesk.baseUrl(), null).get("/api/public/tickets/lookup?email=mia@shop.test").status()).isEqualTo(202);
            jakarta.mail.internet.MimeMessage links = await(() -> java.util.Arrays.stream(mail.getReceivedMessagesForDomain("shop.test"))
                    .filter(m -> subjectOf(m).startsWith("Your requests at")).findFirst().orElse(null), "the portal links email");
            assertThat(links.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
            String linkText = (String) ((jakarta.mail.Multipart) links.getContent()).getBodyPart(0).getContent();
            java.util.regex.Matcher link = java.util.regex.Pattern.compile("http://[^/\\s]+/track\\.html#ticket=(" + ticketId + ")&token=(rdt_[A-Za-z0-9_-]+)").matcher(linkText);
            assertThat(link.find()).as(linkText).isTrue();
            assertThat(new Api(relaydesk.baseUrl(), null).get("/api/public/tickets/" + ticketId + "?token=" + link.group(2)).body())
                    .as("the link's token opens the ticket").contains("Invoice 77 is wrong");
            assertThat(new Api(relaydesk.baseUrl(), null).get("/track.html").body()).contains("track/track.js");

            // a web form's confirmation goes out through the mailbox too
            assertThat(admin.put("/api/plugins/channel-webform", "{\"enabled\":true}").status()).isEqualTo(200);
            String formId = admin.post("/api/channel-accounts", "{\"kind\":\"webform\",\"name\":\"Contact form\",\"config\":{\"min.seconds\":\"0\"}}")
                    .json().getString("id");
            Api visitor = new Api(relaydesk.baseUrl(), null);
            String stamp = visitor.get("/api/public/channels/" + formId + "/config").json().getString("stamp");
            Api.Reply sent = visitor.post("/api/public/channels/" + formId + "/submit", "{\"name\":\"Walt Form\",\"email\":\"walt@form.test\","
                    + "\"subject\":\"Form question\",\"message\":\"Do you ship abroad?\",\"stamp\":\"" + stamp + "\"}");
            assertThat(sent.status()).as(sent.body()).isEqualTo(201);
            String formTicket = sent.json().getString("ticket_number");
            jakarta.mail.internet.MimeMessage confirmation = await(() -> mail.getReceivedMessagesForDomain("form.test").length == 1
                    ? mail.getReceivedMessagesForDomain("form.test")[0] : null, "the form's confirmation email");
            assertThat(confirmation.getSubject()).isEqualTo("[" + formTicket + "] We have your request: Form question");
            assertThat((String) ((jakarta.mail.Multipart) confirmation.getContent()).getBodyPart(0).getContent()).contains("/track.html#ticket=");
            admin.delete("/api/channel-accounts/" + formId);
            admin.put("/api/plugins/channel-webform", "{\"enabled\":false}");
            assertThat(admin.delete("/api/channel-accounts/" + account).status()).isEqualTo(204);
        } finally {
            admin.put("/api/plugins/channel-email", "{\"enabled\":false}");
            mail.stop();
        }
    }

    @Test
    void pluginFiltersSeeInboundMessagesFirstAndListenersHearOfEveryChange() throws Exception {
        java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("filter-folder");
        java.nio.file.Path events = java.nio.file.Files.createTempFile("ticket-events", ".log");
        assertThat(admin.post("/api/plugins", ExamplePlugins.channelFolder(), "application/java-archive").status()).isIn(200, 201);
        assertThat(admin.post("/api/plugins", ExamplePlugins.inboundExample(events, relaydesk.baseUrl()), "application/java-archive").status()).isEqualTo(201);
        admin.put("/api/plugins/channel-folder", "{\"enabled\":true}");
        admin.put("/api/plugins/inbound-example", "{\"enabled\":true}");
        try {
            // the plugin's own settings: checked against what it declares, the secret sealed and write-only
            assertThat(admin.put("/api/plugins/inbound-example/settings", "{\"settings\":{\"colour\":\"red\"}}").body())
                    .contains("settings.colour", "is not a setting");
            JsonObject saved = admin.put("/api/plugins/inbound-example/settings", "{\"settings\":{\"greeting\":\"howdy\",\"token\":\"t0p-secret\"}}")
                    .json();
            assertThat(saved.getJsonObject("values").getString("greeting")).isEqualTo("howdy");
            assertThat(saved.getJsonArray("secrets_set").getString(0)).isEqualTo("token");
            assertThat(saved.toString()).doesNotContain("t0p-secret");
            assertThat(admin.get("/api/plugins/inbound-example/settings").json().getJsonArray("fields").getValuesAs(JsonObject.class))
                    .extracting(f -> f.getString("key")).containsExactly("greeting", "token");
            // another setting changes only with the secret given again, and a refused change changes nothing
            Api.Reply without = admin.put("/api/plugins/inbound-example/settings", "{\"settings\":{\"greeting\":\"hello there\"}}");
            assertThat(without.status()).as(without.body()).isEqualTo(400);
            assertThat(without.body()).contains("settings.token", "must be entered again", "greeting");
            assertThat(admin.get("/api/plugins/inbound-example/settings").json().getJsonObject("values").getString("greeting")).isEqualTo("howdy");
            assertThat(admin.put("/api/plugins/inbound-example/settings", "{\"settings\":{\"greeting\":\"howdy\",\"token\":\"t0p-secret\"}}").status())
                    .isEqualTo(200);
            try (var connection = database.connect(); var sql = connection.createStatement();
                 var row = sql.executeQuery("SELECT CAST(settings AS text) FROM plugins WHERE plugin_id = 'inbound-example'")) {
                row.next();
                assertThat(row.getString(1)).as("encrypted at rest").contains("enc:v1:").doesNotContain("t0p-secret");
            }
            String account = admin.post("/api/channel-accounts", "{\"kind\":\"folder\",\"name\":\"Filtered folder\",\"config\":{\"folder.path\":\""
                    + folder.toString().replace("\\", "\\\\") + "\",\"access.token\":\"s3cret-token\",\"poll.seconds\":\"1\"}}").json().getString("id");
            drop(folder, "1.msg", "Id: <spam-1@filter.test>\nFrom: spammer@filter.test\nSubject: [spam] cheap pills\n\nBuy.");
            drop(folder, "2.msg", "Id: <real-1@filter.test>\nFrom: ruth@filter.test\nSubject: Filtered printer\n\nIt jams.");
            JsonObject ignored = await(() -> admin.get("/api/channel-accounts/" + account + "/messages?status=ignored").json().getJsonArray("messages")
                    .getValuesAs(JsonObject.class).stream().filter(m -> m.getString("external_id").equals("<spam-1@filter.test>")).findFirst().orElse(null),
                    "the spam dropped");
            assertThat(ignored.getString("error")).isEqualTo("dropped by inbound-example/spam: spam words in the subject (folder account Filtered folder)");
            JsonObject ticket = await(() -> admin.get("/api/tickets?q=" + java.net.URLEncoder.encode("Filtered printer", java.nio.charset.StandardCharsets.UTF_8))
                    .json().getJsonArray("tickets").getValuesAs(JsonObject.class).stream().findFirst().orElse(null), "the real message filed");
            assertThat(ticket.getString("subject")).as("changed by the filter").isEqualTo("Filtered printer (checked)");
            String id = ticket.getString("id");
            admin.post("/api/tickets/" + id + "/resolve", "{}");
            String log = await(() -> {
                String text = java.nio.file.Files.readString(events);
                return text.contains(" resolved " + id) ? text : null;
            }, "the listener told of the changes");
            String number = "#" + ticket.getJsonNumber("number");
            assertThat(log).as("the host's services answered the listener").contains(number + " created " + id + " ref=" + number + "/new contact=ruth@filter.test "
                    + "http=200 year=" + java.time.Year.now() + " greeting=howdy token=10");
            assertThat(log).contains(" resolved " + id + " ref=" + number + "/resolved");
            try (var connection = database.connect(); var sql = connection.createStatement();
                 var row = sql.executeQuery("SELECT value FROM plugin_store WHERE plugin_id = 'inbound-example' AND key = 'events'")) {
                assertThat(row.next()).isTrue();
                assertThat(Integer.parseInt(row.getString(1))).as("counted in the plugin's store").isGreaterThanOrEqualTo(2);
            }
            admin.delete("/api/channel-accounts/" + account);
        } finally {
            admin.delete("/api/plugins/inbound-example");
            admin.delete("/api/plugins/channel-folder");
        }
    }

    @Test
    void aFloodFromOneSenderIsHeldBackAndCanBeLetThrough() throws Exception {
        java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("flood-folder");
        assertThat(admin.post("/api/plugins", ExamplePlugins.channelFolder(), "application/java-archive").status()).isIn(200, 201);
        admin.put("/api/plugins/channel-folder", "{\"enabled\":true}");
        try {
            String account = admin.post("/api/channel-accounts", "{\"kind\":\"folder\",\"name\":\"Flood folder\",\"config\":{\"folder.path\":\""
                    + folder.toString().replace("\\", "\\\\") + "\",\"access.token\":\"s3cret-token\",\"poll.seconds\":\"1\"}}").json().getString("id");
            for (int i = 1; i <= 9; i++) { // the limit in this test server is 8 an hour
                drop(folder, i + ".msg", "Id: <flood-" + i + "@flood.test>\nFrom: loop@flood.test\nSubject: Flood " + i + "\n\nAgain.");
            }
            JsonObject held = await(() -> admin.get("/api/channel-accounts/" + account + "/messages?status=failed").json().getJsonArray("messages")
                    .getValuesAs(JsonObject.class).stream().findFirst().orElse(null), "the ninth held back");
            assertThat(held.getString("error")).contains("held back: more than 8 messages from loop@flood.test in the last hour");
            assertThat(admin.get("/api/channel-accounts/" + account + "/messages?status=done").json().getJsonArray("messages")).hasSize(8);
            assertThat(admin.post("/api/channel-accounts/" + account + "/messages/" + held.getString("id") + "/retry", "{}").status()).isEqualTo(202);
            await(() -> admin.get("/api/channel-accounts/" + account + "/messages?status=done").json().getJsonArray("messages").size() == 9 ? true : null,
                    "the held message filed once an admin let it through");
            admin.delete("/api/channel-accounts/" + account);
        } finally {
            admin.delete("/api/plugins/channel-folder");
        }
    }

    @Test
    void aWebFormStampPostedManyTimesAtOnceOpensOneTicket() throws Exception {
        assertThat(admin.put("/api/plugins/channel-webform", "{\"enabled\":true}").status()).isEqualTo(200);
        String formId = admin.post("/api/channel-accounts", "{\"kind\":\"webform\",\"name\":\"Replay form\",\"config\":"
                + "{\"min.seconds\":\"0\",\"confirm.email\":\"false\",\"per_hour\":\"100\"}}").json().getString("id");
        try {
            Api visitor = new Api(relaydesk.baseUrl(), null);
            String stamp = visitor.get("/api/public/channels/" + formId + "/config").json().getString("stamp");
            String body = "{\"name\":\"Rita Replay\",\"email\":\"rita@replay.test\",\"subject\":\"Replayed form\","
                    + "\"message\":\"One form, sent by a robot many times at once.\",\"stamp\":\"" + stamp + "\"}";
            int posts = 12;
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(posts);
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Api.Reply>> replies = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < posts; i++) {
                    replies.add(pool.submit(() -> {
                        start.await();
                        return visitor.post("/api/public/channels/" + formId + "/submit", body);
                    }));
                }
                start.countDown();
                List<Integer> statuses = new java.util.ArrayList<>();
                for (var reply : replies) {
                    Api.Reply answer = reply.get(60, java.util.concurrent.TimeUnit.SECONDS);
                    statuses.add(answer.status());
                    if (answer.status() != 201) {
                        assertThat(answer.body()).as("status " + answer.status()).contains("sent already");
                    }
                }
                assertThat(statuses).as("exactly one is taken").containsOnlyOnce(201).filteredOn(s -> s != 201).containsOnly(400);
            } finally {
                pool.shutdownNow();
            }
            assertThat(admin.get("/api/tickets?q=Replayed").json().getJsonArray("tickets")).as("one ticket").hasSize(1);
            // the claim lives in the plugin's store, which every node shares (keyed by the stamp's SHA-256;
            // other tests' forms leave claims of their own stamps)
            String digest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(stamp.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            try (var connection = database.connect(); var count = connection.prepareStatement(
                    "SELECT count(*) FROM plugin_store WHERE plugin_id = 'channel-webform' AND key LIKE 'stamp:%' AND key LIKE ?")) {
                count.setString(1, "%:" + digest);
                try (var rows = count.executeQuery()) {
                    rows.next();
                    assertThat(rows.getInt(1)).isEqualTo(1);
                }
            }
        } finally {
            admin.delete("/api/channel-accounts/" + formId);
            admin.put("/api/plugins/channel-webform", "{\"enabled\":false}");
        }
    }

    /** The installed plugins (the shipped ones, channel-email, channel-webform and channel-whatsapp, among them). */
    private static java.util.List<String> pluginIds() throws Exception {
        return admin.get("/api/plugins").json().getJsonArray("plugins").getValuesAs(JsonObject.class).stream().map(p -> p.getString("id")).toList();
    }

    private static String subjectOf(jakarta.mail.internet.MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ticket the account filed the message with this id into, once it has. */
    private static JsonObject filed(String account, String externalId) throws Exception {
        return admin.get("/api/channel-accounts/" + account + "/messages?status=done").json().getJsonArray("messages").stream().map(JsonObject.class::cast)
                .filter(m -> m.getString("external_id").equals(externalId) && !m.isNull("ticket_id"))
                .map(m -> Json.createObjectBuilder().add("id", m.getString("ticket_id")).build()).findFirst().orElse(null);
    }

    private static jakarta.mail.internet.MimeMessage mime(String id, String from, String subject, String inReplyTo, String text) throws Exception {
        String raw = "Message-ID: " + id + "\r\nFrom: " + from + "\r\nTo: help@desk.test\r\nSubject: " + subject + "\r\n"
                + (inReplyTo == null ? "" : "In-Reply-To: " + inReplyTo + "\r\n") + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + text + "\r\n";
        return new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static jakarta.mail.internet.MimeMessage bounce(String returnedId) throws Exception {
        String raw = "Message-ID: <b1@shop.test>\r\nFrom: Mail Delivery System <mailer-daemon@shop.test>\r\nTo: help@desk.test\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"rep\"\r\n\r\n--rep\r\nContent-Type: text/plain\r\n\r\n"
                + "Your message could not be delivered: mailbox full.\r\n--rep\r\nContent-Type: message/delivery-status\r\n\r\n"
                + "Final-Recipient: rfc822; mia@shop.test\r\nAction: failed\r\nStatus: 5.2.2\r\n\r\n--rep\r\nContent-Type: text/rfc822-headers\r\n\r\n"
                + "Message-ID: " + returnedId + "\r\nFrom: help@desk.test\r\nTo: mia@shop.test\r\n\r\n--rep--\r\n";
        return new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static void drop(java.nio.file.Path folder, String name, String content) throws Exception {
        java.nio.file.Path part = folder.resolve(name + ".part");
        java.nio.file.Files.writeString(part, content);
        java.nio.file.Files.move(part, folder.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }


    /** A customer known by phone alone (WhatsApp's customers): a ticket, their identities, and merging them with their email self. */
    @Test
    void aRequesterByPhoneAloneAndContactsMergedThroughTheApi() throws Exception {
        Api.Reply created = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Call me back")
                .add("requester_phone", "+44 20 7946 0958").add("requester_name", "Phil Phone").build());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonObject ticket = created.json();
        assertThat(ticket.isNull("requester_email")).isTrue();
        assertThat(ticket.getString("requester_phone")).isEqualTo("+442079460958");
        assertThat(ticket.getJsonArray("requester_identities").getValuesAs(JsonObject.class)).extracting(i -> i.getString("kind") + ":" + i.getString("value"))
                .containsExactly("phone:+442079460958");

        Api.Reply malformed = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Bad number").add("requester_phone", "+1 555").build());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.json().getJsonArray("errors").getValuesAs(JsonObject.class)).extracting(e -> e.getString("field"))
                .containsExactly("requester_phone");

        String phoneContact = ticket.getString("requester_id");
        String mailTicket = newTicket(admin, "Same person by mail", "phil@customer.test").getString("id");
        String mailContact = admin.get("/api/tickets/" + mailTicket).json().getString("requester_id");
        Api.Reply added = admin.post("/api/contacts/" + mailContact + "/identities", Json.createObjectBuilder().add("kind", "whatsapp")
                .add("value", "442079460958").build());
        assertThat(added.status()).as("a WhatsApp id is its phone number: another contact has it, so it is taken").isEqualTo(409);
        assertThat(added.json().getString("detail")).contains("as phone +442079460958", "Phil Phone", "merge");
        Api.Reply taken = admin.post("/api/contacts/" + mailContact + "/identities", Json.createObjectBuilder().add("kind", "phone")
                .add("value", "+442079460958").build());
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().getString("detail")).contains("merge");
        assertThat(taken.json().getString("contact_id")).isEqualTo(phoneContact);

        assertThat(admin.post("/api/contacts/" + phoneContact + "/merge", Json.createObjectBuilder().add("into", phoneContact).build()).status())
                .isEqualTo(400);
        Api.Reply merged = admin.post("/api/contacts/" + phoneContact + "/merge", Json.createObjectBuilder().add("into", mailContact).build());
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(merged.json().getJsonArray("identities").getValuesAs(JsonObject.class)).extracting(i -> i.getString("kind"))
                .contains("email", "phone");
        assertThat(admin.get("/api/tickets/" + ticket.getString("id")).json().getString("requester_id")).isEqualTo(mailContact);
        assertThat(admin.get("/api/tickets/" + ticket.getString("id") + "/activities").json().getJsonArray("activities").getValuesAs(JsonObject.class))
                .extracting(a -> a.getString("after", "")).anySatisfy(after -> assertThat(after).startsWith("Contact Phil Phone merged into Jane Smith by "));
        assertThat(admin.get("/api/contacts/" + phoneContact).json().getString("merged_into_id")).isEqualTo(mailContact);
    }

    @Test
    void insightsSayWhatIsLikelyToGoWrongWithTheNumbersAndTheirButtonsDoItAsTheSupervisor() throws Exception {
        Api.Reply policy = admin.post("/api/tickets/sla-policies", "{\"name\":\"Six minutes\",\"first_response_hours\":0.1,\"resolution_hours\":24,"
                + "\"conditions\":{\"requester_domains\":[\"insight.test\"]}}");
        assertThat(policy.status()).as(policy.body()).isEqualTo(201);
        Api.Reply agent = admin.post("/api/users", "{\"email\":\"insight-agent@relaydesk.test\",\"name\":\"Ines Insight\",\"role\":\"agent\","
                + "\"password\":\"insight-agent-pw\"}");
        assertThat(agent.status()).as(agent.body()).isEqualTo(201);
        for (int i = 0; i < 10; i++) {
            newTicket(admin, "Busy day " + i, "busy" + i + "@customer.test");
        }
        JsonObject ticket = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Order never arrived").add("requester_email", "ann@insight.test")
                .add("priority", "low").build()).json();
        String id = ticket.getString("id");

        JsonObject answer = admin.get("/api/insights").json();
        JsonObject breach = answer.getJsonArray("insights").getValuesAs(JsonObject.class).stream().filter(i -> i.getString("key").equals("breach:" + id))
                .findFirst().orElseThrow(() -> new AssertionError(answer.toString()));
        assertThat(breach.getString("kind")).isEqualTo("likely_breach");
        assertThat(breach.getString("explanation")).contains("#" + ticket.getInt("number")).contains("misses its SLA in").contains("nobody has it")
                .contains("online with the fewest open tickets");
        List<JsonObject> actions = breach.getJsonArray("actions").getValuesAs(JsonObject.class);
        JsonObject assign = actions.stream().filter(a -> a.getString("label").startsWith("Assign to ")).findFirst().orElseThrow();
        JsonObject raise = actions.stream().filter(a -> a.getString("label").equals("Raise priority to High")).findFirst().orElseThrow();
        assertThat(answer.getJsonArray("insights").getValuesAs(JsonObject.class)).as("more tickets today than on the usual same weekday")
                .anySatisfy(i -> {
                    assertThat(i.getString("kind")).isEqualTo("volume_anomaly");
                    assertThat(i.getString("explanation")).contains("tickets so far today");
                });

        Api.Reply done = admin.post("/api/insights/actions", Json.createObjectBuilder().add("action", assign.getString("id")).build());
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().getString("done")).startsWith("Assigned #" + ticket.getInt("number") + " to ");
        String chosen = assign.getString("id").substring(assign.getString("id").lastIndexOf(':') + 1);
        assertThat(admin.get("/api/tickets/" + id).json().getString("assignee_id")).isEqualTo(chosen);
        String me = admin.get("/api/auth/me").json().getString("name");
        assertThat(admin.get("/api/tickets/" + id + "/activities").json().getJsonArray("activities").getValuesAs(JsonObject.class))
                .as("the timeline says who did it").anySatisfy(a -> {
                    assertThat(a.getString("action")).isEqualTo("assigned");
                    assertThat(a.getString("actor_name")).isEqualTo(me);
                });
        assertThat(admin.post("/api/insights/actions", Json.createObjectBuilder().add("action", raise.getString("id")).build()).status()).isEqualTo(200);
        assertThat(admin.get("/api/tickets/" + id).json().getString("priority")).isEqualTo("high");
        assertThat(admin.get("/api/insights").json().getJsonArray("done").getValuesAs(JsonObject.class)).extracting(d -> d.getString("by")).contains(me);

        String anomaly = admin.get("/api/insights").json().getJsonArray("insights").getValuesAs(JsonObject.class).stream()
                .filter(i -> i.getString("kind").equals("volume_anomaly")).findFirst().orElseThrow().getJsonArray("actions").getJsonObject(0).getString("id");
        Api.Reply told = admin.post("/api/insights/actions", Json.createObjectBuilder().add("action", anomaly).build());
        assertThat(told.json().getString("done")).startsWith("Told ");

        for (String bogus : List.of("assign:nonsense", "drop:tables", "assign:" + id + ":00000000-0000-0000-0000-000000000000", "notify:backlog:nope")) {
            Api.Reply refused = admin.post("/api/insights/actions", Json.createObjectBuilder().add("action", bogus).build());
            assertThat(refused.status()).as(bogus).isIn(400, 404, 409);
        }
        Api asAgent = admin.as(Api.login(relaydesk.baseUrl(), "insight-agent@relaydesk.test", "insight-agent-pw"));
        assertThat(asAgent.get("/api/insights").status()).isEqualTo(403);
        assertThat(asAgent.post("/api/insights/actions", Json.createObjectBuilder().add("action", raise.getString("id")).build()).status()).isEqualTo(403);
        assertThat(admin.delete("/api/tickets/sla-policies/" + policy.json().getString("id")).status()).isEqualTo(204);
    }

    @Test
    void badInputIsAClearProblemAndChangesNothing() throws Exception {
        Api.Reply malformed = admin.post("/api/tickets", "{not json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        Api.Reply invalid = admin.post("/api/tickets", "{\"subject\":\"\",\"requester_email\":\"nope\",\"priority\":\"extreme\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().getJsonArray("errors").getValuesAs(JsonObject.class)).extracting(e -> e.getString("field"))
                .contains("subject", "requester_email", "priority");
        assertThat(admin.get("/api/tickets/not-a-uuid").status()).isEqualTo(404);
        assertThat(admin.get("/api/tickets/0190f0f0-0000-7000-8000-000000000000").status()).isEqualTo(404);
        JsonObject ticket = newTicket(admin, "Unchanged", "unchanged@customer.test");
        Api.Reply badPatch = admin.put("/api/tickets/" + ticket.getString("id"),
                Json.createObjectBuilder().add("subject", "Changed").add("category_id", "0190f0f0-0000-7000-8000-000000000000").build());
        assertThat(badPatch.status()).isEqualTo(400);
        assertThat(admin.get("/api/tickets/" + ticket.getString("id")).json().getString("subject")).isEqualTo("Unchanged");
        assertThat(admin.get("/openapi").body()).contains("/api/tickets");
    }

    @Test
    void commentsCanBeEditedAndDeletedByTheirAuthorOrAnAdmin() throws Exception {
        JsonObject ticket = newTicket(admin, "Comment editing", "comments@customer.test");
        String comments = "/api/tickets/" + ticket.getString("id") + "/comments";
        admin.post("/api/users", "{\"email\":\"writer@relaydesk.test\",\"name\":\"Writer\",\"role\":\"agent\",\"password\":\"writer-password\"}");
        admin.post("/api/users", "{\"email\":\"other@relaydesk.test\",\"name\":\"Other\",\"role\":\"agent\",\"password\":\"other-password\"}");
        Api writer = admin.as(Api.login(relaydesk.baseUrl(), "writer@relaydesk.test", "writer-password"));
        Api other = admin.as(Api.login(relaydesk.baseUrl(), "other@relaydesk.test", "other-password"));
        String commentId = writer.post(comments, "{\"body\":\"First draft with a typo\",\"is_internal\":true}").json().getString("id");

        Api.Reply edited = writer.put(comments + "/" + commentId, Json.createObjectBuilder().add("body", "<b>Fixed</b><img src=x onerror=alert(1)>").build());
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().getString("body")).contains("Fixed").doesNotContain("onerror");
        assertThat(edited.json().isNull("edited_at")).isFalse();
        assertThat(other.put(comments + "/" + commentId, Json.createObjectBuilder().add("body", "Not mine").build()).status())
                .as("another agent cannot edit it").isEqualTo(403);
        assertThat(writer.put(comments + "/" + commentId, Json.createObjectBuilder().add("body", "").build()).status()).isEqualTo(400);
        assertThat(admin.get(comments).body()).contains("Fixed").doesNotContain("typo").doesNotContain("Not mine");
        assertThat(admin.get("/api/tickets?q=fixed").body()).as("the edit is searchable").contains(ticket.getString("id"));

        assertThat(other.delete(comments + "/" + commentId).status()).isEqualTo(403);
        assertThat(admin.delete(comments + "/" + commentId).status()).as("an admin may").isEqualTo(204);
        assertThat(admin.get(comments).body()).doesNotContain("Fixed");
        assertThat(admin.delete(comments + "/" + commentId).status()).isEqualTo(404);
        assertThat(admin.get("/api/tickets/" + ticket.getString("id") + "/activities").body()).contains("comment_edited", "comment_deleted");
    }

    @Test
    void categoriesAndCannedResponsesCanBeChangedAndRemoved() throws Exception {
        String parent = admin.post("/api/tickets/categories", "{\"name\":\"Hardware\",\"color\":\"#EF4444\"}").json().getString("id");
        String child = admin.post("/api/tickets/categories", "{\"name\":\"Printers\",\"color\":\"#F59E0B\",\"parent_id\":\"" + parent + "\"}")
                .json().getString("id");
        JsonObject ticket = newTicket(admin, "Printer jam", "printer@customer.test");
        admin.put("/api/tickets/" + ticket.getString("id"), Json.createObjectBuilder().add("category_id", child).build());

        Api.Reply renamed = admin.put("/api/tickets/categories/" + child, Json.createObjectBuilder().add("name", "Printers & scanners")
                .add("description", "Anything that prints").build());
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().getString("name")).isEqualTo("Printers & scanners");
        assertThat(renamed.json().getString("color")).as("unchanged fields stay").isEqualTo("#F59E0B");
        assertThat(admin.put("/api/tickets/categories/" + parent, Json.createObjectBuilder().add("parent_id", child).build()).status())
                .as("no cycles").isEqualTo(409);
        assertThat(admin.get("/api/tickets/categories").body()).contains("Printers & scanners", "Hardware");

        Api agent = admin.as(Api.login(relaydesk.baseUrl(), "writer@relaydesk.test", "writer-password"));
        assertThat(agent.delete("/api/tickets/categories/" + child).status()).as("agents do not manage categories").isEqualTo(403);
        assertThat(admin.delete("/api/tickets/categories/" + child).status()).isEqualTo(204);
        assertThat(admin.get("/api/tickets/categories/" + child).status()).isEqualTo(404);
        JsonObject kept = admin.get("/api/tickets/" + ticket.getString("id")).json();
        assertThat(kept.getString("subject")).as("the ticket stays").isEqualTo("Printer jam");
        assertThat(kept.isNull("category_id")).isTrue();

        String canned = admin.post("/api/tickets/canned-responses", "{\"title\":\"Restart\",\"shortcut\":\"restart\",\"content\":\"Please restart it\"}")
                .json().getString("id");
        Api.Reply changed = admin.put("/api/tickets/canned-responses/" + canned, Json.createObjectBuilder().add("content", "Please restart it, {{customer_name}}").build());
        assertThat(changed.json().getString("content")).endsWith("{{customer_name}}");
        assertThat(changed.json().getString("shortcut")).isEqualTo("restart");
        assertThat(admin.get("/api/tickets/canned-responses").body()).contains("Please restart it, {{customer_name}}");
        assertThat(admin.delete("/api/tickets/canned-responses/" + canned).status()).isEqualTo(204);
        assertThat(admin.get("/api/tickets/canned-responses/" + canned).status()).isEqualTo(404);
    }

    @Test
    void staffWorkspacesAndHealthAreListed() throws Exception {
        JsonObject me = admin.get("/api/auth/me").json();
        assertThat(me.getString("email")).isEqualTo(ADMIN);
        assertThat(me.getString("role")).isEqualTo("admin");
        admin.post("/api/users", "{\"email\":\"listed@relaydesk.test\",\"name\":\"Listed Agent\",\"role\":\"supervisor\",\"password\":\"listed-password\"}");
        assertThat(admin.post("/api/users", "{\"email\":\"LISTED@relaydesk.test\",\"name\":\"Again\",\"role\":\"agent\",\"password\":\"listed-password\"}").status())
                .as("an address is one account").isEqualTo(409);
        assertThat(admin.post("/api/users", "{\"email\":\"weak@relaydesk.test\",\"name\":\"Weak\",\"role\":\"agent\",\"password\":\"short\"}").status())
                .isEqualTo(400);
        var users = admin.get("/api/users").json().getJsonArray("users").getValuesAs(JsonObject.class);
        assertThat(users).extracting(u -> u.getString("email")).contains(ADMIN, "listed@relaydesk.test");
        assertThat(users).allSatisfy(u -> assertThat(u.toString()).doesNotContain("password"));
        assertThat(admin.get("/api/workspaces").json().getJsonArray("workspaces").getValuesAs(JsonObject.class))
                .extracting(w -> w.getString("slug")).contains("default");
        assertThat(admin.get("/api/auth/tokens").status()).isEqualTo(200);
        Api anonymous = new Api(relaydesk.baseUrl(), null);
        assertThat(anonymous.get("/api/users").status()).isEqualTo(401);
        assertThat(anonymous.get("/health/live").status()).isEqualTo(200);
        assertThat(anonymous.get("/health/ready").body()).contains("\"database\"", "UP");
    }

    @Test
    @Order(Integer.MAX_VALUE) // unannotated tests run first (their default order is Integer.MAX_VALUE / 2)
    void repeatedFailedLoginsAndPublicFloodsAreThrottled() throws Exception {
        admin.post("/api/users", "{\"email\":\"target@relaydesk.test\",\"name\":\"Target\",\"role\":\"agent\",\"password\":\"target-password\"}");
        Api anonymous = new Api(relaydesk.baseUrl(), null);
        String wrong = "{\"email\":\"target@relaydesk.test\",\"password\":\"guess\"}";
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(anonymous.post("/api/auth/login", wrong).status()).isEqualTo(401);
        }
        Api.Reply throttled = anonymous.post("/api/auth/login", "{\"email\":\"target@relaydesk.test\",\"password\":\"target-password\"}");
        assertThat(throttled.status()).as("even the right password waits after five failures").isEqualTo(429);
        assertThat(throttled.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(throttled.raw().headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(Api.login(relaydesk.baseUrl(), ADMIN, PASSWORD)).as("other accounts are not locked out").isNotBlank();

        // public reads: 120 a minute per address (the default); the portal view is a public read
        int status = 0;
        for (int request = 0; request < 200 && status != 429; request++) {
            status = anonymous.get("/api/public/tickets/0190f0f0-0000-7000-8000-000000000000?token=nothing").status();
            assertThat(status).isIn(404, 429);
        }
        assertThat(status).as("the flood is cut off").isEqualTo(429);
    }

    @Test
    void aNewCustomerWritingTwiceAtOnceIsOneContact() throws Exception {
        int writers = 8;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            var replies = new java.util.ArrayList<java.util.concurrent.Future<Api.Reply>>();
            for (int i = 0; i < writers; i++) {
                int n = i;
                replies.add(pool.submit(() -> {
                    start.await();
                    return admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Double submit " + n)
                            .add("requester_email", "Sudden.Customer@customer.test").add("requester_name", "Sudden Customer").build());
                }));
            }
            start.countDown();
            java.util.Set<String> requesters = new java.util.HashSet<>();
            for (var reply : replies) {
                Api.Reply answer = reply.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(answer.status()).as(answer.body()).isEqualTo(201);
                requesters.add(answer.json().getString("requester_id"));
            }
            assertThat(requesters).as("one person is one contact, however fast they write").hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
