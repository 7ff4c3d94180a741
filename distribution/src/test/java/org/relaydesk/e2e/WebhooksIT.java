package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relaydesk.e2e.Await.await;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Outbound webhooks end to end on PostgreSQL, against a real HTTP receiver on this machine: events
 * arrive signed (the receiver checks the HMAC as the documentation tells), filtered, with the seed's
 * payload; a receiver that fails is tried again, then the delivery is dead and a replay sends it
 * again; a webhook failing for days is switched off and its owner told by email; redirects are not
 * followed; bad input, other roles and another workspace are refused; the admin page in a browser.
 * On a workspace of its own on the shared desk, whose operator allows private networks (the receiver
 * is on 127.0.0.1) and shortens the pauses between attempts to one second.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhooksIT {
    private static final String ADMIN = "root@hooks-desk.test";
    private static final String PASSWORD = "very-secret-admin-pw";
    private static RelaydeskProcess relaydesk;
    private static Api admin;
    private static WebhookReceiver receiver;
    private static TestMail mail;

    @BeforeAll
    static void start() throws Exception {
        receiver = new WebhookReceiver();
        mail = TestMail.start();
        relaydesk = RelaydeskProcess.sharedDemoDesk();
        admin = RelaydeskProcess.ownWorkspace("Hooks Desk", "hooks-desk", ADMIN, PASSWORD);
        assertThat(RelaydeskProcess.sharedSystemAdmin().put("/api/plugins/channel-email", "{\"enabled\":true}").status()).isEqualTo(200);
        Api.Reply mailbox = admin.post("/api/channel-accounts", mail.accountJson("Help mailbox"));
        assertThat(mailbox.status()).as(mailbox.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() throws Exception {
        if (receiver != null) {
            receiver.close();
        }
        if (mail != null) {
            mail.close();
        }
    }

    @Test
    @Order(1)
    void aTicketsEventsArriveSignedWithTheSeedsPayloadAndOnlyThoseSubscribedTo() throws Exception {
        JsonObject webhook = create("/crm", "ticket.created", "ticket.comment.added", "ticket.resolved");
        String secret = webhook.getString("secret");
        assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(admin.get("/api/webhooks/" + webhook.getString("id")).json().isNull("secret")).as("shown once").isTrue();
        assertThat(admin.get("/api/webhooks").body()).doesNotContain(secret);

        JsonObject ticket = newTicket("Payment failed twice", "high");
        String id = ticket.getString("id");
        assertThat(admin.post("/api/tickets/" + id + "/comments", "{\"body\":\"We are looking into it, Grüße\"}").status()).isEqualTo(201);
        assertThat(admin.post("/api/tickets/" + id + "/assign", "{\"assignee_id\":\"" + me() + "\"}").status()).as("not subscribed to").isEqualTo(200);
        assertThat(admin.post("/api/tickets/" + id + "/resolve", "{}").status()).isEqualTo(200);

        List<WebhookReceiver.Request> got = await(() -> receiver.requests("/crm"), r -> r.size() >= 3, "three deliveries");
        assertThat(got).extracting(r -> body(r).getString("event")).containsExactly("ticket.created", "ticket.comment.added", "ticket.resolved");
        for (WebhookReceiver.Request request : got) {
            assertSigned(request, secret);
            assertThat(request.header("Content-Type")).startsWith("application/json");
            assertThat(request.header("Relaydesk-Event")).isEqualTo(body(request).getString("event"));
            assertThat(request.header("Relaydesk-Webhook-Id")).isEqualTo(body(request).getString("id"));
        }
        JsonObject created = body(got.get(0));
        assertThat(Instant.parse(created.getString("timestamp"))).isBetween(Instant.now().minusSeconds(60), Instant.now());
        JsonObject data = created.getJsonObject("data");
        assertThat(data.getString("ticket_id")).isEqualTo(id);
        assertThat(data.getString("ticket_number")).isEqualTo(ticket.getString("ticket_number"));
        assertThat(data.getString("subject")).isEqualTo("Payment failed twice");
        assertThat(data.getString("priority")).isEqualTo("high");
        assertThat(data.getJsonObject("requester").getString("email")).isEqualTo("payer@shop.test");
        JsonObject comment = body(got.get(1)).getJsonObject("data").getJsonObject("comment");
        assertThat(comment.getString("body_text")).isEqualTo("We are looking into it, Grüße");
        assertThat(comment.getBoolean("is_internal")).isFalse();
        assertThat(body(got.get(2)).getJsonObject("data").getString("status")).isEqualTo("resolved");

        JsonObject log = admin.get("/api/webhooks/" + webhook.getString("id") + "/deliveries").json();
        assertThat(log.getJsonArray("deliveries")).hasSize(3);
        JsonObject first = log.getJsonArray("deliveries").getJsonObject(2);
        assertThat(first.getString("status")).isEqualTo("delivered");
        assertThat(first.getInt("last_status_code")).isEqualTo(200);
        JsonObject detail = admin.get("/api/webhooks/" + webhook.getString("id") + "/deliveries/" + first.getString("id")).json();
        assertThat(detail.getString("body")).as("the body exactly as sent").isEqualTo(got.get(0).body());
        assertThat(detail.getJsonArray("attempts")).hasSize(1);
        assertThat(detail.getJsonArray("attempts").getJsonObject(0).getString("response_excerpt")).isEqualTo("answer 200 to /crm");
        admin.delete("/api/webhooks/" + webhook.getString("id"));
    }

    @Test
    @Order(2)
    void aFilterSendsOnlyTheTicketsItNames() throws Exception {
        JsonObject webhook = createFiltered("/urgent-only", "{\"priorities\":[\"urgent\"],\"tags\":[\"VIP\",\"Press\"]}", "ticket.created");
        newTicket("Routine question", "low");
        Api.Reply urgent = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Journalist asking").add("description", "Deadline today")
                .add("requester_email", "press@paper.test").add("priority", "urgent").add("tags", Json.createArrayBuilder().add("press")).build());
        assertThat(urgent.status()).as(urgent.body()).isEqualTo(201);
        Api.Reply untagged = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Urgent but untagged").add("description", "x")
                .add("requester_email", "other@paper.test").add("priority", "urgent").build());
        assertThat(untagged.status()).isEqualTo(201);
        await(() -> receiver.requests("/urgent-only"), r -> !r.isEmpty(), "the urgent ticket");
        // the three tickets were made in this order, and the outbox sends in order: once the second is
        // here, the first would have been sent before it, and the third is waited for through the log
        await(() -> admin.get("/api/webhooks/" + webhook.getString("id") + "/deliveries").json().getJsonArray("deliveries"),
                d -> d.stream().allMatch(x -> x.asJsonObject().getString("status").equals("delivered")), "nothing left to send");
        assertThat(receiver.requests("/urgent-only")).hasSize(1)
                .allSatisfy(r -> assertThat(body(r).getJsonObject("data").getString("subject")).isEqualTo("Journalist asking"));
        assertThat(admin.get("/api/webhooks/" + webhook.getString("id")).json().getJsonObject("filter").toString())
                .isEqualTo("{\"priorities\":[\"urgent\"],\"tags\":[\"press\",\"vip\"]}");
        admin.delete("/api/webhooks/" + webhook.getString("id"));
    }

    @Test
    @Order(3)
    void aReceiverThatFailsIsTriedAgainWithTheSameDeliveryIdAndEachAttemptIsLogged() throws Exception {
        receiver.answer("/flaky", 500, 503);
        JsonObject webhook = create("/flaky", "ticket.created");
        newTicket("Printer on fire", "urgent");
        JsonObject delivery = await(() -> admin.get("/api/webhooks/" + webhook.getString("id") + "/deliveries").json().getJsonArray("deliveries")
                .getJsonObject(0), d -> d.getString("status").equals("delivered"), "delivered on the third attempt");
        assertThat(delivery.getInt("attempts")).isEqualTo(3);
        List<WebhookReceiver.Request> tries = receiver.requests("/flaky");
        assertThat(tries).hasSize(3).extracting(r -> r.header("Relaydesk-Webhook-Id")).containsOnly(delivery.getString("id"));
        assertThat(tries).extracting(WebhookReceiver.Request::body).as("the same bytes each time").containsOnly(tries.get(0).body());
        tries.forEach(r -> assertSigned(r, null));
        JsonObject detail = admin.get("/api/webhooks/" + webhook.getString("id") + "/deliveries/" + delivery.getString("id")).json();
        assertThat(detail.getJsonArray("attempts").getValuesAs(JsonObject.class)).extracting(a -> a.getInt("status_code")).containsExactly(500, 503, 200);
        assertThat(detail.getJsonArray("attempts").getJsonObject(0).getString("error")).isEqualTo("The receiver answered 500");
        assertThat(admin.get("/api/webhooks/" + webhook.getString("id")).json().isNull("failing_since")).as("a success clears the failure").isTrue();
        admin.delete("/api/webhooks/" + webhook.getString("id"));
    }

    @Test
    @Order(4)
    void aDeliveryThatKeepsFailingEndsDeadAndAReplaySendsItAgain() throws Exception {
        receiver.always("/down", 500);
        JsonObject webhook = create("/down", "ticket.created");
        String hook = webhook.getString("id");
        newTicket("Cannot log in", "medium");
        JsonObject dead = await(() -> admin.get("/api/webhooks/" + hook + "/deliveries").json().getJsonArray("deliveries").getJsonObject(0),
                d -> d.getString("status").equals("dead"), "dead after the last attempt");
        assertThat(dead.getInt("attempts")).as("the first try and one per pause").isEqualTo(3);
        assertThat(dead.getString("last_error")).isEqualTo("The receiver answered 500");
        assertThat(receiver.requests("/down")).hasSize(3);
        assertThat(admin.get("/api/webhooks/" + hook).json().isNull("failing_since")).isFalse();

        receiver.always("/down", 204);
        Api.Reply replay = admin.post("/api/webhooks/" + hook + "/deliveries/" + dead.getString("id") + "/replay", "{}");
        assertThat(replay.status()).as(replay.body()).isEqualTo(202);
        assertThat(admin.post("/api/webhooks/" + hook + "/deliveries/" + dead.getString("id") + "/replay", "{}").status())
                .as("still being tried").isEqualTo(409);
        await(() -> admin.get("/api/webhooks/" + hook + "/deliveries/" + dead.getString("id")).json().getJsonObject("delivery"),
                d -> d.getString("status").equals("delivered"), "delivered by the replay");
        List<WebhookReceiver.Request> all = receiver.requests("/down");
        assertThat(all).hasSize(4);
        assertThat(all.get(3).header("Relaydesk-Webhook-Id")).as("a receiver can drop what it has").isEqualTo(dead.getString("id"));
        assertThat(all.get(3).body()).isEqualTo(all.get(0).body());
        admin.delete("/api/webhooks/" + hook);
    }

    @Test
    @Order(5)
    void aRedirectIsNotFollowed() throws Exception {
        receiver.always("/moved", 302);
        JsonObject webhook = create("/moved", "ticket.created");
        newTicket("Moved receiver", "low");
        JsonObject dead = await(() -> admin.get("/api/webhooks/" + webhook.getString("id") + "/deliveries").json().getJsonArray("deliveries")
                .getJsonObject(0), d -> d.getString("status").equals("dead"), "dead");
        assertThat(dead.getString("last_error")).contains("302").contains("redirect");
        assertThat(receiver.requests("/moved-here")).as("never followed").isEmpty();
        admin.delete("/api/webhooks/" + webhook.getString("id"));
    }

    @Test
    @Order(6)
    void aWebhookFailingForDaysIsSwitchedOffAndItsOwnerToldByEmail() throws Exception {
        receiver.always("/gone", 500);
        JsonObject webhook = create("/gone", "ticket.created");
        String hook = webhook.getString("id");
        newTicket("First failure", "low");
        await(() -> admin.get("/api/webhooks/" + hook).json(), w -> !w.isNull("failing_since"), "failing");
        // days pass: the failure began four days ago (the default allows three)
        try (Connection sql = relaydesk.embeddedDatabase();
                PreparedStatement back = sql.prepareStatement("UPDATE webhooks SET failing_since = now() - interval '4 days' WHERE id = CAST(? AS uuid)")) {
            back.setString(1, hook);
            assertThat(back.executeUpdate()).isEqualTo(1);
        }
        newTicket("Failure on the fourth day", "low");
        JsonObject off = await(() -> admin.get("/api/webhooks/" + hook).json(), w -> !w.getBoolean("active"), "switched off");
        assertThat(off.getString("disabled_reason")).startsWith("Switched off after failing for 4 days").contains("The receiver answered 500");
        var told = mail.await(ADMIN, "A webhook was switched off", "the owner's email");
        assertThat(TestMail.subject(told)).endsWith("127.0.0.1");
        assertThat(TestMail.text(told)).as("the host only: a hook's address can be a credential").contains("127.0.0.1").doesNotContain("/gone")
                .contains("/admin/webhooks");

        // the delivery that was still waiting is not sent, and kept for a replay
        await(() -> admin.get("/api/webhooks/" + hook + "/deliveries").json().getJsonArray("deliveries").getJsonObject(0),
                d -> d.getString("status").equals("dead") && d.getString("last_error").contains("switched off"), "not sent while off");
        int sent = receiver.requests("/gone").size();
        int logged = admin.get("/api/webhooks/" + hook + "/deliveries").json().getJsonArray("deliveries").size();
        newTicket("While it is off", "low"); // deliveries are written in the transaction that made the ticket
        assertThat(admin.get("/api/webhooks/" + hook + "/deliveries").json().getJsonArray("deliveries")).as("nothing queued while off").hasSize(logged);
        assertThat(receiver.requests("/gone")).hasSize(sent);
        assertThat(admin.post("/api/webhooks/" + hook + "/ping", "{}").status()).isEqualTo(409);

        receiver.always("/gone", 200);
        JsonObject on = admin.put("/api/webhooks/" + hook, "{\"active\":true}").json();
        assertThat(on.getBoolean("active")).isTrue();
        assertThat(on.isNull("failing_since")).isTrue();
        Api.Reply ping = admin.post("/api/webhooks/" + hook + "/ping", "{}");
        assertThat(ping.status()).isEqualTo(202);
        await(() -> receiver.requests("/gone").stream().filter(r -> body(r).getString("event").equals("webhook.ping")).findFirst().orElse(null),
                "the test delivery");
        admin.delete("/api/webhooks/" + hook);
    }

    @Test
    @Order(7)
    void badInputIsRefusedWithItsReasonAndChangesNothing() throws Exception {
        int before = admin.get("/api/webhooks").json().getJsonArray("webhooks").size();
        String events = ",\"events\":[\"ticket.created\"]}";
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("{\"url\":\"ftp://127.0.0.1/x\"" + events, "url");
        refused.put("{\"url\":\"javascript:alert(1)\"" + events, "url");
        refused.put("{\"url\":\"http://user:pw@127.0.0.1/x\"" + events, "url");
        refused.put("{\"url\":\"http://127.0.0.1/x#frag\"" + events, "url");
        refused.put("{\"url\":\"http:///nohost\"" + events, "url");
        refused.put("{\"url\":\"http://127.0.0.1/" + "a".repeat(2100) + "\"" + events, "url");
        refused.put("{\"url\":\"" + receiver.url("/x") + "\",\"events\":[]}", "events");
        refused.put("{\"url\":\"" + receiver.url("/x") + "\",\"events\":[\"ticket.exploded\"]}", "events");
        refused.put("{\"url\":\"" + receiver.url("/x") + "\",\"events\":[\"webhook.ping\"]}", "events");
        refused.put("{\"url\":\"" + receiver.url("/x") + "\",\"events\":\"ticket.created\"}", "events");
        refused.put("{\"url\":\"" + receiver.url("/x") + "\",\"filter\":{\"priorities\":[\"whenever\"]}" + events.substring(0, events.length() - 1) + "}", "filter");
        refused.put("{\"url\":\"" + receiver.url("/x") + "\",\"filter\":{\"colours\":[\"red\"]}" + events.substring(0, events.length() - 1) + "}", "filter");
        refused.put("{\"url\":\"" + receiver.url("/x") + "\",\"filter\":{\"team_ids\":[\"00000000-0000-0000-0000-000000000001\"]}"
                + events.substring(0, events.length() - 1) + "}", "filter");
        refused.put("{\"url\":\"" + receiver.url("/x") + "\",\"filter\":{\"team_ids\":[\"\"]}" + events.substring(0, events.length() - 1) + "}", "filter");
        refused.put("{\"url\":\"" + receiver.url("/x") + "\",\"filter\":{\"tags\":[\"no/slashes\"]}" + events.substring(0, events.length() - 1) + "}", "filter");
        refused.put("{\"url\":\"http://127.0.0.1:99999/x\"" + events, "url");
        refused.put("{\"url\":\"" + receiver.url("/x") + "\",\"secret\":\"short\"" + events, "secret");
        refused.put("{\"url\":\"" + receiver.url("/x") + "\",\"description\":\"" + "d".repeat(201) + "\"" + events, "description");
        for (var entry : refused.entrySet()) {
            Api.Reply reply = admin.post("/api/webhooks", entry.getKey());
            assertThat(reply.status()).as(entry.getKey()).isEqualTo(400);
            assertThat(reply.contentType()).as(entry.getKey()).startsWith("application/problem+json");
            assertThat(reply.body()).as(entry.getKey()).contains(entry.getValue()).doesNotContain("Exception");
        }
        for (String malformed : List.of("not json", "[1,2]", "{\"url\":")) {
            assertThat(admin.post("/api/webhooks", malformed).status()).as(malformed).isEqualTo(400);
        }
        assertThat(admin.get("/api/webhooks").json().getJsonArray("webhooks")).as("nothing made").hasSize(before);

        JsonObject webhook = create("/kept", "ticket.created");
        String hook = webhook.getString("id");
        assertThat(admin.put("/api/webhooks/" + hook, "{\"url\":\"gopher://127.0.0.1/\"}").status()).isEqualTo(400);
        assertThat(admin.get("/api/webhooks/" + hook).json().getString("url")).as("unchanged").isEqualTo(receiver.url("/kept"));
        assertThat(admin.get("/api/webhooks/not-an-id").status()).isEqualTo(404);
        assertThat(admin.get("/api/webhooks/00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
        assertThat(admin.get("/api/webhooks/" + hook + "/deliveries?status=lost").status()).isEqualTo(400);
        assertThat(admin.get("/api/webhooks/" + hook + "/deliveries?limit=-1").status()).isEqualTo(400);
        assertThat(admin.post("/api/webhooks/" + hook + "/deliveries/00000000-0000-0000-0000-000000000000/replay", "{}").status()).isEqualTo(404);
        JsonObject rotated = admin.post("/api/webhooks/" + hook + "/rotate-secret", "{}").json();
        assertThat(rotated.getString("secret")).startsWith("whsec_").isNotEqualTo(webhook.getString("secret"));
        admin.delete("/api/webhooks/" + hook);
        assertThat(admin.get("/api/webhooks/" + hook).status()).isEqualTo(404);
        assertThat(admin.get("/openapi").body()).as("described with the rest of the API").contains("/api/webhooks/{id}/deliveries/{deliveryId}/replay");
    }

    @Test
    @Order(8)
    void onlyTheWorkspacesAdminsSeeOrChangeItsWebhooksAndAnotherWorkspacesEventsNeverReachThem() throws Exception {
        JsonObject webhook = create("/ours", "ticket.created");
        String hook = webhook.getString("id");
        Api.Reply agent = admin.post("/api/users", "{\"email\":\"hook-agent@hooks-desk.test\",\"name\":\"Hook Agent\",\"role\":\"agent\","
                + "\"password\":\"agent-password-1\"}");
        assertThat(agent.status()).as(agent.body()).isEqualTo(201);
        Api asAgent = admin.as(Api.login(relaydesk.baseUrl(), "hook-agent@hooks-desk.test", "agent-password-1"));
        assertThat(asAgent.get("/api/webhooks").status()).isEqualTo(403);
        assertThat(asAgent.get("/api/webhooks/" + hook).status()).isEqualTo(403);
        assertThat(asAgent.post("/api/webhooks", "{\"url\":\"" + receiver.url("/agent") + "\",\"events\":[\"ticket.created\"]}").status()).isEqualTo(403);
        assertThat(asAgent.delete("/api/webhooks/" + hook).status()).isEqualTo(403);
        assertThat(admin.as(null).get("/api/webhooks").status()).isEqualTo(401);

        Api.Reply globex = RelaydeskProcess.sharedSystemAdmin().post("/api/workspaces", "{\"name\":\"Globex\",\"slug\":\"globex-hooks\",\"admin\":{\"email\":\"admin@globex-hooks.test\","
                + "\"name\":\"Globex Admin\",\"password\":\"globex-password\"}}");
        assertThat(globex.status()).as(globex.body()).isEqualTo(201);
        Api other = admin.as(Api.login(relaydesk.baseUrl(), "admin@globex-hooks.test", "globex-password"));
        assertThat(other.get("/api/webhooks").json().getJsonArray("webhooks")).isEmpty();
        assertThat(other.get("/api/webhooks/" + hook).status()).isEqualTo(404);
        assertThat(other.get("/api/webhooks/" + hook + "/deliveries").status()).isEqualTo(404);
        assertThat(other.put("/api/webhooks/" + hook, "{\"url\":\"" + receiver.url("/stolen") + "\"}").status()).isEqualTo(404);
        assertThat(other.post("/api/webhooks/" + hook + "/ping", "{}").status()).isEqualTo(404);
        assertThat(other.delete("/api/webhooks/" + hook).status()).isEqualTo(404);

        JsonObject theirs = other.post("/api/webhooks", "{\"url\":\"" + receiver.url("/theirs") + "\",\"events\":[\"ticket.created\"]}").json();
        Api.Reply theirTicket = other.post("/api/tickets", Json.createObjectBuilder().add("subject", "Globex only").add("description", "x")
                .add("requester_email", "someone@globex.test").build());
        assertThat(theirTicket.status()).isEqualTo(201);
        newTicket("Ours only", "low");
        await(() -> receiver.requests("/theirs"), r -> !r.isEmpty(), "their event");
        await(() -> receiver.requests("/ours"), r -> !r.isEmpty(), "our event");
        assertThat(receiver.requests("/ours")).extracting(r -> body(r).getJsonObject("data").getString("subject")).containsExactly("Ours only");
        assertThat(receiver.requests("/theirs")).extracting(r -> body(r).getJsonObject("data").getString("subject")).containsExactly("Globex only");
        assertThat(admin.get("/api/webhooks/" + theirs.getString("id") + "/deliveries").status()).isEqualTo(404);
        admin.delete("/api/webhooks/" + hook);
    }

    @Test
    @Order(9)
    void anAdminAddsAWebhookOnThePageSeesItsSecretOnceAndItsTestDeliveryInTheLog() throws Exception {
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn(ADMIN, PASSWORD);
            browser.waitFor(d -> d.getCurrentUrl().contains("/admin/") ? true : null, "the admin is signed in");
            browser.open("/admin/webhooks");
            type(browser, "webhooks:url", "ftp://nowhere");
            browser.click("[id='webhooks:save']");
            browser.waitForText("[id='webhooks:messages']", "URL must start with");
            type(browser, "webhooks:url", receiver.url("/from-page"));
            type(browser, "webhooks:description", "Page test");
            browser.click("[id='webhooks:save']");
            browser.waitForText("[id='webhooks:messages']", "Webhook added");
            String secret = browser.find("#secret").getText();
            assertThat(secret).startsWith("whsec_");
            browser.waitForText("[id='webhooks:list']", receiver.url("/from-page"));
            browser.click("[id='webhooks:list:0:ping']");
            browser.waitForText("[id='webhooks:messages']", "test delivery");
            WebhookReceiver.Request ping = await(() -> receiver.requests("/from-page").stream().findFirst().orElse(null), "the ping");
            assertSigned(ping, secret);
            assertThat(body(ping).getString("event")).isEqualTo("webhook.ping");
            browser.waitFor(d -> {
                browser.click("[id='webhooks:refresh-log']");
                browser.waitForAjax();
                return browser.find("[id='webhooks:deliveries']").getText().contains("delivered") ? true : null;
            }, "the delivery in the log");
            browser.open("/admin/webhooks");
            assertThat(browser.find("#content").getText()).as("the secret is not shown again").doesNotContain(secret);
        }
        JsonObject made = admin.get("/api/webhooks").json().getJsonArray("webhooks").getValuesAs(JsonObject.class).stream()
                .filter(w -> w.getString("url").equals(receiver.url("/from-page"))).findFirst().orElseThrow();
        assertThat(made.getString("description")).isEqualTo("Page test");
        assertThat(made.getJsonArray("events").toString()).isEqualTo("[\"ticket.created\"]");
    }

    private static void type(Browser browser, String id, String text) {
        var input = browser.find("[id='" + id + "']");
        input.clear();
        input.sendKeys(text);
    }

    private static JsonObject create(String path, String... events) throws Exception {
        return createFiltered(path, null, events);
    }

    private static JsonObject createFiltered(String path, String filter, String... events) throws Exception {
        var json = Json.createObjectBuilder().add("url", receiver.url(path)).add("description", "Test " + path)
                .add("events", Json.createArrayBuilder(List.of(events)));
        if (filter != null) {
            json.add("filter", Json.createReader(new StringReader(filter)).readObject());
        }
        Api.Reply reply = admin.post("/api/webhooks", json.build());
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    private static final Map<String, String> SECRETS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * What the documentation tells a receiver to do: HMAC-SHA256 of "{timestamp}.{body}" with the
     * secret, compared with the v1 signature, and a timestamp of the last five minutes.
     * {@code secret} null: the one the webhook was made with, remembered by its path.
     */
    private static void assertSigned(WebhookReceiver.Request request, String secret) {
        try {
            String key = secret != null ? secret : SECRETS.get(request.path());
            if (secret != null) {
                SECRETS.put(request.path(), secret);
            }
            if (key == null) {
                return;
            }
            long timestamp = Long.parseLong(request.header("Relaydesk-Webhook-Timestamp"));
            assertThat(Duration.between(Instant.ofEpochSecond(timestamp), Instant.now()).abs()).isLessThan(Duration.ofMinutes(5));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = "v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
            assertThat(request.header("Relaydesk-Webhook-Signature")).isEqualTo(expected);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonObject body(WebhookReceiver.Request request) {
        return Json.createReader(new StringReader(request.body())).readObject();
    }

    private static JsonObject newTicket(String subject, String priority) throws Exception {
        Api.Reply reply = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", subject).add("description", "Details about " + subject)
                .add("requester_email", "payer@shop.test").add("requester_name", "Pat Payer").add("priority", priority).build());
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    private static String me() throws Exception {
        return admin.get("/api/auth/me").json().getString("id");
    }
}
