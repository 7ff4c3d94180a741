package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relaydesk.e2e.Await.await;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.relaydesk.plugin.whatsapp.fake.FakeGraphApi;
import org.relaydesk.plugin.whatsapp.fake.MetaSignature;

/**
 * WhatsApp end to end on the built distribution: the shipped plugin enabled, a number set up
 * through the API against a local fake of Meta's Graph API, and Meta's side played by this test:
 * the verification handshake, every inbound webhook of the corpus signed and posted to the
 * number's public address (as fast as the test can, from one address, under the operator's default
 * limit of refused webhooks), statuses on the agents' replies, bad signatures and replays, and the reply paths:
 * a Graph API that fails once, a window that closed while the agent typed, a window closed for a
 * day (a template then), STOP and START, and a customer known by phone before they write.
 * In a workspace of its own on the shared desk (a server start is most of the cost); the cases run in
 * order and each waits for what it needs by polling the API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WhatsAppIT {
    private static final String ADMIN = "root@whatsapp-desk.test";
    private static final String PASSWORD = "very-secret-admin-pw";
    private static final String NUMBER = "109876543210977";
    private static final String ACCESS_TOKEN = "EAAGe2eTestAccessToken";
    private static final String APP_SECRET = "e2e-app-secret-1c9d";
    private static final String VERIFY_TOKEN = "e2e-verify-token-77";
    /** The corpus's two customers (pywa's fixtures and Meta's examples). */
    private static final String TEST_NAME = "972987654321";
    private static final String SHEENA = "16505551234";
    /** The one corpus sender left as a documentation placeholder (a deletion), given a number. */
    private static final String PLACEHOLDER_SENDER = "15550009999";

    private static RelaydeskProcess relaydesk;
    private static Api admin;
    private static String adminToken;
    private static FakeGraphApi graph;
    private static String account;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private static long ids;
    private static final List<String> MEDIA = List.of("image", "video", "audio", "document", "sticker");

    @BeforeAll
    static void start() throws Exception {
        graph = FakeGraphApi.start(ACCESS_TOKEN);
        relaydesk = RelaydeskProcess.sharedDemoDesk(); // private networks allowed there: the fake Graph API listens on 127.0.0.1
        admin = RelaydeskProcess.ownWorkspace("WhatsApp Desk", "whatsapp-desk", ADMIN, PASSWORD);
        adminToken = admin.token();
        assertThat(RelaydeskProcess.sharedSystemAdmin().put("/api/plugins/channel-whatsapp", "{\"enabled\":true}").status()).isEqualTo(200);
        Api.Reply created = admin.post("/api/channel-accounts", Json.createObjectBuilder().add("kind", "whatsapp").add("name", "Support WhatsApp")
                .add("enabled", true).add("config", Json.createObjectBuilder().add("phone_number_id", NUMBER)
                        .add("business_account_id", "102290129340398").add("access_token", ACCESS_TOKEN).add("app_secret", APP_SECRET)
                        .add("verify_token", VERIFY_TOKEN).add("graph_base_url", graph.baseUrl()).add("display_phone_number", "15550783881"))
                .build());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        account = created.json().getString("id");
        assertThat(created.json().getJsonArray("secrets_set").toString()).contains("app_secret").doesNotContain(APP_SECRET);
    }

    @AfterAll
    static void stop() throws Exception {
        // the shared desk goes on after this class: its numbers stop calling a Graph API that is gone
        for (String id : new String[] {account, secondAccount}) {
            if (admin != null && id != null) {
                admin.put("/api/channel-accounts/" + id, "{\"enabled\":false}");
            }
        }
        if (graph != null) {
            graph.close();
        }
    }

    // ---------------------------------------------------------------- the handshake

    @Test
    @Order(1)
    void metasHandshakeIsAnsweredWithTheChallengeOnlyForTheRightVerifyToken() throws Exception {
        HttpResponse<String> right = get("webhook?hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN + "&hub.challenge=1158201444");
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(right.body()).isEqualTo("1158201444");
        assertThat(right.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(get("webhook?hub.mode=subscribe&hub.verify_token=wrong-token&hub.challenge=1158201444").statusCode()).isEqualTo(403);
        assertThat(get("webhook?hub.mode=unsubscribe&hub.verify_token=" + VERIFY_TOKEN + "&hub.challenge=1").statusCode()).isEqualTo(403);
        assertThat(get("webhook?hub.mode=subscribe&hub.challenge=1").statusCode()).isEqualTo(403);
    }

    // ---------------------------------------------------------------- the corpus

    /** A corpus file posted: its rewritten body and the ids of its messages. */
    record Posted(String file, JsonObject body, List<String> messageIds, List<String> types, List<String> senders) {
    }

    private static final List<Posted> CORPUS = new ArrayList<>();

    @Test
    @Order(2)
    void everyInboundWebhookOfTheCorpusIsFiledOnTheRightContactsAndTickets() throws Exception {
        int items = 0;
        for (Path file : corpusFiles()) {
            String name = file.getFileName().toString();
            if (name.startsWith("message_status__")) {
                continue; // statuses are about messages Relaydesk sent: posted on the agents' replies below
            }
            // WhatsApp's notice of a changed number moves its customer (the old number is dropped): here it is about a third
            // customer nobody knows, so the corpus's two customers keep their numbers for the tests below
            String content = Files.readString(file);
            if (content.contains("\"user_changed_number\"")) {
                content = content.replace(TEST_NAME, "15550008881").replace(SHEENA, "15550008882");
            }
            JsonObject body = rewrite(content, Map.of(), Instant.now());
            List<String> messageIds = new ArrayList<>();
            List<String> types = new ArrayList<>();
            List<String> senders = new ArrayList<>();
            for (JsonObject message : messages(body)) {
                messageIds.add(message.getString("id"));
                types.add(message.getString("type"));
                senders.add(message.getString("from"));
                serveMedia(message);
            }
            HttpResponse<String> answer = signed(body.toString());
            assertThat(answer.statusCode()).as("%s: %s (throttled like a web form if 429)", name, answer.body()).isEqualTo(200);
            JsonObject stored = json(answer.body());
            assertThat(stored.getInt("stored")).as(name).isEqualTo(expectedItems(body));
            assertThat(stored.getJsonArray("ignored")).as(name).isEmpty();
            items += stored.getInt("stored");
            CORPUS.add(new Posted(name, body, messageIds, types, senders));
        }
        assertThat(CORPUS).hasSize(74 + 16 - 7);
        int expected = items;
        List<JsonObject> inbound = await(() -> {
            List<JsonObject> all = inbound();
            return all.size() == expected && all.stream().noneMatch(e -> e.getString("status").equals("pending")) ? all : null;
        }, "every stored webhook item filed");
        assertThat(inbound).filteredOn(e -> e.getString("status").equals("failed")).as("set aside").isEmpty();
        Map<String, JsonObject> byExternalId = new LinkedHashMap<>();
        inbound.forEach(e -> byExternalId.put(e.getString("external_id"), e));

        // events (template reviews, account notices, calls, groups, echoes of the business app): recorded as ignored, with what they were
        List<JsonObject> events = inbound.stream().filter(e -> e.getString("external_id").startsWith("event:")).toList();
        assertThat(events).hasSizeGreaterThanOrEqualTo(30).allSatisfy(e -> {
            assertThat(e.getString("status")).isEqualTo("ignored");
            assertThat(e.getString("error")).isNotBlank();
            assertThat(e.isNull("ticket_id")).isTrue();
        });
        assertThat(events).extracting(e -> e.getString("error")).anySatisfy(error -> assertThat(error).contains("is now APPROVED"))
                .anySatisfy(error -> assertThat(error).startsWith("Account update: ACCOUNT_VIOLATION"))
                .anySatisfy(error -> assertThat(error).startsWith("A message was sent from the WhatsApp Business app"));

        // contacts: one per WhatsApp id, named by their profile, reachable by WhatsApp and by phone; one ticket each
        JsonObject testName = onlyTicketOf(TEST_NAME);
        JsonObject sheena = onlyTicketOf(SHEENA);
        assertThat(testName.getString("requester_name")).isEqualTo("Test Name");
        // the name of the profile they first wrote with: pywa's edit from Meta's example number carries one profile, under another
        // wa_id, which counts as the sender's (Meta's wa_id and "from" differ for some countries' numbers)
        assertThat(sheena.getString("requester_name")).isEqualTo(firstProfileName(SHEENA));
        assertThat(identities(testName)).contains("whatsapp:" + TEST_NAME, "phone:+" + TEST_NAME);
        assertThat(testName.getString("source_channel")).isEqualTo("whatsapp");
        assertThat(testName.isNull("requester_email")).isTrue();
        Map<String, String> ticketOf = Map.of(TEST_NAME, testName.getString("id"), SHEENA, sheena.getString("id"));

        // every message: on its sender's one ticket (the second and later join the open one), or, WhatsApp's own notice (a changed
        // number) or a deletion of a message Relaydesk never had, ignored with its words
        for (Posted posted : CORPUS) {
            for (int i = 0; i < posted.messageIds().size(); i++) {
                JsonObject entry = byExternalId.get(posted.messageIds().get(i));
                assertThat(entry).as(posted.file()).isNotNull();
                if (posted.types().get(i).equals("system")) {
                    assertThat(entry.getString("status")).as(posted.file()).isEqualTo("ignored");
                    assertThat(entry.getString("error")).as(posted.file()).startsWith("[WhatsApp: ");
                } else if (posted.types().get(i).equals("revoke")) {
                    assertThat(entry.getString("status")).as(posted.file()).isEqualTo("ignored");
                    assertThat(entry.getString("error")).as(posted.file()).isEqualTo("[Deleted an earlier message]");
                } else {
                    assertThat(entry.getString("status")).as(posted.file() + ": " + entry).isEqualTo("done");
                    assertThat(entry.getString("ticket_id")).as(posted.file()).isEqualTo(ticketOf.get(posted.senders().get(i)));
                }
            }
        }

        // what the agents read: each kind of message as text
        String thread = conversationText(testName.getString("id"));
        assertThat(thread).contains("Body Text", "replied text", "forwarded text", "text forwarded many times", "Reacted 😮 to a message",
                "Removed a reaction from a message", "📍 Facebook HQ, 1 Hacker Way, Menlo Park, CA 94025", "(12.25089,43.90539)",
                "👤 Chandler Bing: +1 555-555-5555 (cell)", "🛒 Order from catalog 354160437058781:", "3 × HAMBURGER at 30 ILS",
                "[Came from ad or post: AD_TITLE — AD_DESCRIPTION AD_OR_POST_FB_URL]", "comment_text: Comment Text", "[Call permission: accept]",
                "[Unsupported WhatsApp message: pool (131051 Message type unknown: Message type is currently not supported.)]",
                "[Unsupported WhatsApp message: interactive (131000 Something went wrong: Unsupported webhook payload)]", "caption")
                .doesNotContain("could not be fetched", "no longer available", "were not kept", "was not downloaded");
        assertThat(conversationText(sheena.getString("id"))).contains("Does it come in another color?", "[Unsupported WhatsApp message: ",
                "Reacted ", "[Came from ", "[About product ", "📍 ", "👤 ", "🛒 Order", "[Edited an earlier message]", "Updated image caption")
                .doesNotContain("could not be fetched", "were not kept", "was not downloaded");

        // the files: every medium the customers sent, stored with the bytes WhatsApp served
        for (String waId : List.of(TEST_NAME, SHEENA)) {
            Set<String> stored = new java.util.HashSet<>(files(ticketOf.get(waId)).stream().map(a -> a.getString("sha256")).toList());
            for (String mediaId : mediaIdsOf(waId)) {
                assertThat(stored).as("%s's medium %s", waId, mediaId).contains(sha256(graph.media(mediaId).bytes()));
            }
        }
        String imageId = messages(CORPUS.stream().filter(p -> p.file().equals("message__image.json")).findFirst().orElseThrow().body()).get(0)
                .getJsonObject("image").getString("id");
        JsonObject image = files(ticketOf.get(TEST_NAME)).stream().filter(a -> a.getString("file_name").equals("whatsapp-image-" + imageId + ".jpg"))
                .findFirst().orElseThrow();
        assertThat(image.getString("content_type")).isEqualTo("image/jpeg");
        HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(URI.create(relaydesk.baseUrl() + "/api/tickets/" + ticketOf.get(TEST_NAME)
                + "/attachments/" + image.getString("id"))).header("Authorization", "Bearer " + adminToken).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(graph.media(imageId).bytes());
        // a voice note (Ogg Opus, as phones record it) is kept like any file
        assertThat(files(ticketOf.get(TEST_NAME))).anySatisfy(a -> {
            assertThat(a.getString("file_name")).startsWith("whatsapp-voice-message-");
            assertThat(a.getString("content_type")).startsWith("audio/");
        });
    }

    // ---------------------------------------------------------------- signatures and replays

    @Test
    @Order(3)
    void aWebhookWithABadMissingOrStaleSignatureIsRefusedAndStoresNothingAndARetryStoresOnce() throws Exception {
        String customer = "14155550001";
        String body = textMessage(customer, "Ann Replay", nextId(), "Is my parcel lost?", Instant.now(), null);
        int before = inbound().size();
        assertThat(webhook(body.getBytes(StandardCharsets.UTF_8), MetaSignature.sign(body, "another-apps-secret")).statusCode()).isEqualTo(401);
        assertThat(webhook(body.getBytes(StandardCharsets.UTF_8), null).statusCode()).isEqualTo(401);
        String signature = MetaSignature.sign(body, APP_SECRET);
        byte[] changed = body.replace("Is my parcel lost?", "Refund me twice").getBytes(StandardCharsets.UTF_8);
        assertThat(webhook(changed, signature).statusCode()).as("the body changed after it was signed").isEqualTo(401);
        assertThat(inbound()).hasSize(before);
        assertThat(ticketsOf(customer)).isEmpty();

        HttpResponse<String> first = webhook(body.getBytes(StandardCharsets.UTF_8), signature);
        HttpResponse<String> again = webhook(body.getBytes(StandardCharsets.UTF_8), signature);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).as("Meta's retry is answered 200 too").isEqualTo(200);
        assertThat(json(again.body()).getInt("stored")).isZero();
        assertThat(json(again.body()).getInt("already_stored")).isEqualTo(1);
        JsonObject ticket = await(() -> ticketsOf(customer).size() == 1 ? ticketsOf(customer).get(0) : null, "the customer's ticket");
        awaitFiled();
        assertThat(ticket.getString("description")).isEqualTo("Is my parcel lost?");
        assertThat(conversationText(ticket.getString("id")).split("Is my parcel lost\\?", -1)).as("one message").hasSize(2);
        assertThat(inbound()).hasSize(before + 1);
    }

    // ---------------------------------------------------------------- statuses

    @Test
    @Order(4)
    void statusWebhooksMoveTheAgentsRepliesAlongAndNeverBack() throws Exception {
        String ticket = onlyTicketOf(TEST_NAME).getString("id");
        Reply delivered = reply(ticket, "We are looking into it.", TEST_NAME);
        assertThat(awaitDelivery(ticket, delivered.comment(), "sent").getString("channel")).isEqualTo("Support WhatsApp");
        for (String status : List.of("sent", "with_tracker", "delivered", "read", "played")) {
            postStatus(status, delivered.wamid());
        }
        awaitDelivery(ticket, delivered.comment(), "read");

        Reply failed = reply(ticket, "Here is the tracking link.", TEST_NAME);
        awaitDelivery(ticket, failed.comment(), "sent");
        postStatus("failed", failed.wamid());
        JsonObject failure = awaitDelivery(ticket, failed.comment(), "failed");
        assertThat(failure.getString("receipt")).contains("130472", "User's number is part of an experiment");

        Reply outOfOrder = reply(ticket, "Anything else?", TEST_NAME);
        awaitDelivery(ticket, outOfOrder.comment(), "sent");
        postStatus("read", outOfOrder.wamid());
        awaitDelivery(ticket, outOfOrder.comment(), "read");
        postStatus("delivered", outOfOrder.wamid());
        postStatus("sent", outOfOrder.wamid());
        awaitFiled();
        assertThat(delivery(ticket, outOfOrder.comment()).getString("status")).as("read stays").isEqualTo("read");
        assertThat(inbound()).filteredOn(e -> e.getString("external_id").equals("status:" + outOfOrder.wamid() + ":delivered")).singleElement()
                .satisfies(e -> assertThat(e.getString("status")).isEqualTo("done"));

        // a group's status (no message of ours): recorded, nothing filed
        postStatus("group", "wamid.unknown-group-message");
        awaitFiled();
        assertThat(inbound()).filteredOn(e -> e.getString("external_id").startsWith("status:wamid.unknown-group-message")).singleElement()
                .satisfies(e -> assertThat(e.isNull("ticket_id")).isTrue());
    }

    // ---------------------------------------------------------------- threading

    @Test
    @Order(5)
    void aReplyToAnAgentsMessageThreadsToItsTicketAndAnythingElseJoinsTheOpenConversation() throws Exception {
        String customer = "14155550002";
        post(textMessage(customer, "Chris Context", nextId(), "My order is late", Instant.now(), null));
        JsonObject conversation = await(() -> ticketsOf(customer).size() == 1 ? ticketsOf(customer).get(0) : null, "the conversation's ticket");
        // a second ticket for the same person, opened by an agent through the API, answered on WhatsApp
        Api.Reply invoice = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Invoice question").add("description", "Called about an invoice")
                .add("requester_whatsapp", customer).add("requester_name", "Chris Context").build());
        assertThat(invoice.status()).as(invoice.body()).isEqualTo(201);
        String invoiceId = invoice.json().getString("id");
        assertThat(invoice.json().getString("requester_id")).as("the same person").isEqualTo(conversation.getString("requester_id"));
        Api.Reply viaWhatsApp = admin.post("/api/tickets/" + invoiceId + "/comments", Json.createObjectBuilder().add("body", "Which invoice do you mean?")
                .add("via", account).build());
        assertThat(viaWhatsApp.status()).as(viaWhatsApp.body()).isEqualTo(201);
        String wamid = awaitSent(customer, "Which invoice do you mean?");

        post(textMessage(customer, "Chris Context", nextId(), "The one from March", Instant.now(), wamid));
        post(textMessage(customer, "Chris Context", nextId(), "And where is my order?", Instant.now(), null));
        awaitFiled();
        assertThat(conversationText(invoiceId)).contains("The one from March").doesNotContain("And where is my order?");
        assertThat(conversationText(conversation.getString("id"))).contains("And where is my order?").doesNotContain("The one from March");
    }

    // ---------------------------------------------------------------- failures at send

    private static String retriedTicket;
    private static String retriedComment;

    @Test
    @Order(6)
    void aGraphApiThatFailsOnceMakesTheReplyWaitForItsRetry() throws Exception {
        retriedTicket = conversationOf("14155550002");
        graph.failNext(1, 500, 2, "Service temporarily unavailable");
        Reply pending = replyWithoutWaiting(retriedTicket, "Your order left the warehouse.");
        retriedComment = pending.comment();
        JsonObject retrying = awaitDelivery(retriedTicket, retriedComment, "retrying");
        assertThat(retrying.getInt("attempts")).isEqualTo(1);
        assertThat(retrying.getString("last_error")).isNotBlank();
        // it arrives on the outbox's next attempt (30 s later): checked last, so the cases between do not wait for it
    }

    @Test
    @Order(7)
    void aWindowThatClosedWhileTheAgentTypedFailsTheReplyForGoodSayingWhy() throws Exception {
        String customer = "14155550002";
        String ticket = conversationOf(customer);
        graph.closeWindow(customer);
        try {
            Reply late = replyWithoutWaiting(ticket, "Are you still there?");
            JsonObject failed = awaitDelivery(ticket, late.comment(), "failed");
            assertThat(failed.getString("last_error")).contains("conversation window closed", "only a template can reach the customer now");
            assertThat(failed.getInt("attempts")).as("not retried").isEqualTo(1);
            assertThat(sentTexts(customer, "Are you still there?")).as("one attempt reached Meta").isEqualTo(1);
        } finally {
            graph.openWindow(customer);
        }
    }

    @Test
    @Order(8)
    void afterADayOnlyATemplateReachesTheCustomerAndItCarriesItsVariables() throws Exception {
        String customer = "14155550003";
        post(textMessage(customer, "Dana Dormant", nextId(), "Hello, anyone?", Instant.now().minus(Duration.ofHours(25)), null));
        String ticket = await(() -> ticketsOf(customer).size() == 1 ? ticketsOf(customer).get(0).getString("id") : null, "the ticket");
        awaitFiled();
        JsonObject window = admin.get("/api/tickets/" + ticket).json().getJsonObject("conversation_window");
        assertThat(window.getString("state")).isEqualTo("closed");

        Api.Reply refused = admin.post("/api/tickets/" + ticket + "/comments", "{\"body\":\"Sorry for the wait!\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().getString("type")).isEqualTo("urn:relaydesk:problem:conversation-window-closed");
        assertThat(refused.json().getString("detail")).contains("24 hours", "template");
        assertThat(refused.json().getString("closed_at")).isNotBlank();
        assertThat(refused.json().getString("account_id")).isEqualTo(account);
        assertThat(admin.get("/api/tickets/" + ticket + "/comments").body()).doesNotContain("Sorry for the wait!");

        graph.addTemplate("""
                {"name":"order_update","language":"en_US","status":"APPROVED","category":"UTILITY","id":"1","components":[
                 {"type":"HEADER","format":"TEXT","text":"Order {{1}}","example":{"header_text":["#1001"]}},
                 {"type":"BODY","text":"Hi {{1}}, your order ships on {{2}}.","example":{"body_text":[["Ann","Tuesday"]]}},
                 {"type":"FOOTER","text":"Reply STOP to opt out"}]}""");
        Api.Reply synced = admin.post("/api/channel-accounts/" + account + "/templates/sync", "{}");
        assertThat(synced.status()).as(synced.body()).isEqualTo(200);
        assertThat(synced.json().getInt("templates")).isEqualTo(1);
        Api.Reply sent = admin.post("/api/tickets/" + ticket + "/template-messages", Json.createObjectBuilder().add("via", account)
                .add("name", "order_update").add("language", "en_US").add("values", Json.createObjectBuilder().add("header.1", "#1042")
                        .add("body.1", "Dana").add("body.2", "Friday")).build());
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        assertThat(sent.json().getString("template_name")).isEqualTo("order_update");
        assertThat(sent.json().getString("body_text")).contains("Hi Dana, your order ships on Friday.");
        FakeGraphApi.Accepted template = await(() -> graph.accepted().stream().filter(a -> a.to().equals(customer)).findFirst().orElse(null),
                "the template at Meta");
        assertThat(template.type()).isEqualTo("template");
        JsonObject sentTemplate = template.body().getJsonObject("template");
        assertThat(sentTemplate.getString("name")).isEqualTo("order_update");
        assertThat(sentTemplate.getJsonObject("language").getString("code")).isEqualTo("en_US");
        assertThat(sentTemplate.getJsonArray("components").toString()).isEqualTo("[{\"type\":\"header\",\"parameters\":[{\"type\":\"text\",\"text\":\"#1042\"}]},"
                + "{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"Dana\"},{\"type\":\"text\",\"text\":\"Friday\"}]}]");
        awaitDelivery(ticket, sent.json().getString("id"), "sent");
    }

    // ---------------------------------------------------------------- opt-out

    @Test
    @Order(9)
    void stopOptsTheCustomerOutOfEverySendUntilStart() throws Exception {
        String customer = "14155550004";
        post(textMessage(customer, "Sam Stop", nextId(), "Hi, a question", Instant.now(), null));
        String ticket = await(() -> ticketsOf(customer).size() == 1 ? ticketsOf(customer).get(0).getString("id") : null, "the ticket");
        post(textMessage(customer, "Sam Stop", nextId(), "  stop ", Instant.now(), null));
        await(() -> optedOut(ticket) ? true : null, "the opt-out");
        Api.Reply refused = admin.post("/api/tickets/" + ticket + "/comments", "{\"body\":\"But wait!\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().getString("type")).isEqualTo("urn:relaydesk:problem:recipient-opted-out");
        assertThat(graph.accepted()).noneMatch(a -> a.to().equals(customer));
        assertThat(conversationText(ticket)).contains("nothing more will be sent to +" + customer);

        post(textMessage(customer, "Sam Stop", nextId(), "START", Instant.now(), null));
        await(() -> optedOut(ticket) ? null : true, "the opt-in");
        reply(ticket, "Welcome back!", customer);
    }

    // ---------------------------------------------------------------- a customer known by phone

    @Test
    @Order(10)
    void aCustomerKnownByPhoneIsTheSameContactWhenTheyWriteOnWhatsApp() throws Exception {
        String digits = "14155550005";
        Api.Reply byPhone = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Call back please").add("description", "Phoned in")
                .add("requester_phone", "+" + digits).add("requester_name", "Pat Phone").build());
        assertThat(byPhone.status()).as(byPhone.body()).isEqualTo(201);
        String contact = byPhone.json().getString("requester_id");
        post(textMessage(digits, "Pat P.", nextId(), "Following up on my call", Instant.now(), null));
        JsonObject onWhatsApp = await(() -> ticketsOf(digits).stream().filter(t -> t.getString("source_channel").equals("whatsapp")).findFirst()
                .orElse(null), "the WhatsApp ticket");
        assertThat(onWhatsApp.getString("requester_id")).isEqualTo(contact);
        JsonObject person = admin.get("/api/contacts/" + contact).json();
        assertThat(person.getJsonArray("identities").getValuesAs(JsonObject.class)).extracting(i -> i.getString("kind") + ":" + i.getString("value"))
                .contains("phone:+" + digits, "whatsapp:" + digits);
    }

    // ---------------------------------------------------------------- automatic replies and choices

    @Test
    @Order(11)
    void aFirstMessageIsAcknowledgedAtMetaAndTheSecondGetsNothing() throws Exception {
        Api.Reply configured = admin.put("/api/channel-accounts/" + account, Json.createObjectBuilder().add("auto_replies", Json.createObjectBuilder()
                .add("acknowledgement_message", "Thanks {{contact.name}}, we have your message as {{ticket.number}}.").add("interval_hours", 24)).build());
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        assertThat(configured.json().getJsonObject("auto_replies").getString("acknowledgement_message")).startsWith("Thanks {{contact.name}}");
        Api.Reply refused = admin.put("/api/channel-accounts/" + account, "{\"auto_replies\":{\"away_message\":\"Closed\",\"interval_hours\":0}}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("auto_replies.business_calendar_id", "auto_replies.interval_hours");
        try {
            String customer = "14155550007";
            post(textMessage(customer, "Ada Ack", nextId(), "Hello, is anyone there?", Instant.now(), null));
            String ticket = await(() -> ticketsOf(customer).size() == 1 ? ticketsOf(customer).get(0).getString("id") : null, "the ticket");
            String number = admin.get("/api/tickets/" + ticket).json().getString("ticket_number");
            awaitSent(customer, "Thanks Ada Ack, we have your message as ");
            assertThat(graph.accepted()).filteredOn(a -> a.to().equals(customer)).singleElement()
                    .satisfies(a -> assertThat(a.body().getJsonObject("text").getString("body")).contains(number));

            post(textMessage(customer, "Ada Ack", nextId(), "Second line", Instant.now(), null));
            await(() -> conversationText(ticket).contains("Second line") ? true : null, "the second line on the ticket");
            awaitFiled();
            List<JsonObject> fromSystem = admin.get("/api/tickets/" + ticket + "/comments").json().getJsonArray("comments").getValuesAs(JsonObject.class)
                    .stream().filter(c -> c.getString("author_type").equals("system")).toList();
            assertThat(fromSystem).as("one acknowledgement, shown as the system's").singleElement()
                    .satisfies(c -> assertThat(c.getString("author_name")).isEqualTo("Auto-reply"));
            awaitDelivery(ticket, fromSystem.get(0).getString("id"), "sent");
            assertThat(graph.accepted()).filteredOn(a -> a.to().equals(customer)).as("nothing for the second message").hasSize(1);
        } finally {
            assertThat(admin.put("/api/channel-accounts/" + account, "{\"auto_replies\":{\"acknowledgement_message\":null}}").status()).isEqualTo(200);
        }
    }

    @Test
    @Order(12)
    void aReplyWithButtonsAnsweringTheCustomersMessageReachesMetaAndBadChoicesAreRefusedByName() throws Exception {
        String customer = "14155550008";
        post(textMessage(customer, "Cy Choice", nextId(), "I want to change my order", Instant.now(), null));
        String ticket = await(() -> ticketsOf(customer).size() == 1 ? ticketsOf(customer).get(0).getString("id") : null, "the ticket");
        long question = nextId();
        post(textMessage(customer, "Cy Choice", question, "Can I pick another size?", Instant.now(), null));
        JsonObject asked = await(() -> admin.get("/api/tickets/" + ticket + "/comments").json().getJsonArray("comments").getValuesAs(JsonObject.class)
                .stream().filter(c -> c.getString("body_text").contains("another size")).findFirst().orElse(null), "the question on the ticket");

        Api.Reply tooLong = admin.post("/api/tickets/" + ticket + "/comments", "{\"body\":\"Which one?\",\"choices\":{\"buttons\":["
                + "{\"id\":\"s\",\"title\":\"Small, as it was before\"}]}}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.contentType()).startsWith("application/problem+json");
        assertThat(tooLong.body()).contains("choices.buttons[0].title", "at most 20 characters");
        Api.Reply notHere = admin.post("/api/tickets/" + ticket + "/comments", "{\"body\":\"Re\",\"reply_to\":\"" + java.util.UUID.randomUUID() + "\"}");
        assertThat(notHere.status()).isEqualTo(400);
        assertThat(notHere.body()).contains("reply_to", "is not a message of this ticket");

        Api.Reply sent = admin.post("/api/tickets/" + ticket + "/comments", Json.createObjectBuilder().add("body", "Which size would you like?")
                .add("reply_to", asked.getString("id")).add("choices", Json.createObjectBuilder().add("buttons", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("id", "size-s").add("title", "Small"))
                        .add(Json.createObjectBuilder().add("id", "size-l").add("title", "Large")))).build());
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        FakeGraphApi.Accepted interactive = await(() -> graph.accepted().stream().filter(a -> a.to().equals(customer) && a.type().equals("interactive"))
                .findFirst().orElse(null), "the buttons at Meta");
        assertThat(interactive.body().getJsonObject("interactive").getJsonObject("action").getJsonArray("buttons")).hasSize(2);
        assertThat(interactive.body().getJsonObject("context").getString("message_id")).as("it answers the customer's question")
                .startsWith("wamid.").contains(String.valueOf(question));
    }

    @Test
    @Order(13)
    void aSolvedConversationsSurveyGoesOutOnWhatsAppAndTheChosenScoreIsTheRatingOnce() throws Exception {
        Api.Reply on = admin.put("/api/csat/settings", "{\"enabled\":true,\"delay_minutes\":0,\"channels\":[\"whatsapp\",\"email\"]}");
        assertThat(on.status()).as(on.body()).isEqualTo(200);
        try {
            String customer = "14155550009";
            post(textMessage(customer, "Rae Rating", nextId(), "My parcel never came", Instant.now(), null));
            String ticket = await(() -> ticketsOf(customer).size() == 1 ? ticketsOf(customer).get(0).getString("id") : null, "the ticket");
            awaitFiled();
            assertThat(admin.post("/api/tickets/" + ticket + "/resolve", "{}").status()).isEqualTo(200);

            FakeGraphApi.Accepted survey = await(() -> graph.accepted().stream().filter(a -> a.to().equals(customer) && a.type().equals("interactive"))
                    .findFirst().orElse(null), "the survey at Meta");
            JsonObject list = survey.body().getJsonObject("interactive");
            assertThat(list.getString("type")).isEqualTo("list");
            assertThat(list.getJsonObject("body").getString("text")).contains("/survey/").contains("?t=rds_");
            List<JsonObject> rows = list.getJsonObject("action").getJsonArray("sections").getJsonObject(0).getJsonArray("rows")
                    .getValuesAs(JsonObject.class);
            assertThat(rows).as("the five scores").hasSize(5);
            String good = rows.stream().filter(r -> r.getString("id").equals("csat:4")).findFirst().orElseThrow().getString("title");

            // someone else choosing a score from a copy of the list rates nothing
            post(listReply("14155550010", "Mallory", nextId(), "csat:1", good, survey.wamid()));
            post(listReply(customer, "Rae Rating", nextId(), "csat:4", good, survey.wamid()));
            await(() -> csatResponses() == 1 ? true : null, "the rating in the figures");
            awaitFiled();
            assertThat(satisfactionOf(ticket)).isEqualTo("4");
            assertThat(admin.get("/api/tickets/" + ticket).json().getString("status")).as("a score never reopens the ticket").isEqualTo("resolved");
            assertThat(conversationText(ticket)).as("the score is the rating, not a message").doesNotContain(good);

            // choosing again changes nothing: one rating per resolution
            post(listReply(customer, "Rae Rating", nextId(), "csat:1", rows.get(4).getString("title"), survey.wamid()));
            awaitFiled();
            assertThat(satisfactionOf(ticket)).isEqualTo("4");
            assertThat(csatResponses()).isEqualTo(1);
        } finally {
            assertThat(admin.put("/api/csat/settings", "{\"enabled\":false}").status()).isEqualTo(200);
        }
    }

    /** The customer's choice of a row from a list message ({@code interactive.list_reply}), answering {@code contextId}. */
    private static String listReply(String from, String name, long id, String rowId, String title, String contextId) {
        JsonObject message = Json.createObjectBuilder().add("from", from).add("id", "wamid.e2e-" + id).add("timestamp",
                String.valueOf(Instant.now().getEpochSecond())).add("type", "interactive")
                .add("context", Json.createObjectBuilder().add("from", "15550783881").add("id", contextId))
                .add("interactive", Json.createObjectBuilder().add("type", "list_reply").add("list_reply", Json.createObjectBuilder()
                        .add("id", rowId).add("title", title))).build();
        return notification(from, name, message);
    }

    private static int csatResponses() throws Exception {
        return admin.get("/api/csat/summary").json().getInt("responses");
    }

    /** The ticket's ratings as stored, joined with ';'. */
    private static String satisfactionOf(String ticket) throws Exception {
        try (var sql = relaydesk.embeddedDatabase(); var q = sql.prepareStatement("SELECT rating FROM satisfaction_ratings WHERE ticket_id = CAST(? AS uuid)")) {
            q.setString(1, ticket);
            try (var rows = q.executeQuery()) {
                StringBuilder all = new StringBuilder();
                while (rows.next()) {
                    all.append(all.isEmpty() ? "" : ";").append(rows.getInt(1));
                }
                return all.toString();
            }
        }
    }

    // ---------------------------------------------------------------- throttling of refused webhooks

    @Test
    @Order(14)
    void theNumbersTrafficIsInTheFiguresWithTheWindowThatClosed() throws Exception {
        JsonObject figures = admin.get("/api/tickets/analytics/whatsapp").json();
        assertThat(figures.getInt("inbound")).as("the corpus's messages and the conversations since").isGreaterThanOrEqualTo(10);
        assertThat(figures.getInt("outbound")).as("the agents' replies").isGreaterThanOrEqualTo(3);
        assertThat(figures.getInt("window_closed")).as("the reply of order 7").isGreaterThanOrEqualTo(1);
        assertThat(figures.getInt("failed")).isGreaterThanOrEqualTo(figures.getInt("window_closed"));
        assertThat(figures.getInt("templates")).as("the template of order 8").isGreaterThanOrEqualTo(1);
        assertThat(figures.getInt("read") + figures.getInt("delivered")).as("the receipts of order 4").isGreaterThanOrEqualTo(1);
        JsonObject number = figures.getJsonArray("accounts").getJsonObject(0);
        assertThat(number.getInt("inbound")).isEqualTo(figures.getInt("inbound"));
        assertThat(admin.get("/api/tickets/analytics/whatsapp?from=2026-13-01").status()).isEqualTo(400);
        Api.Reply agent = admin.post("/api/users", "{\"email\":\"wa-figures@whatsapp-desk.test\",\"name\":\"Figures Agent\",\"role\":\"agent\","
                + "\"password\":\"figures-agent-pw\"}");
        assertThat(agent.status()).as(agent.body()).isEqualTo(201);
        Api asAgent = admin.as(Api.login(relaydesk.baseUrl(), "wa-figures@whatsapp-desk.test", "figures-agent-pw"));
        assertThat(asAgent.get("/api/tickets/analytics/whatsapp").status()).as("the workspace's traffic is not an agent's to read").isEqualTo(403);
    }

    @Test
    @Order(50)
    void anAddressSendingBadSignaturesIsThrottledWhileSignedWebhooksNeverWere() throws Exception {
        String body = textMessage("14155550006", "Mallory", nextId(), "let me in", Instant.now(), null);
        int refused = 0;
        HttpResponse<String> answer = null;
        for (int i = 0; i < 30; i++) {
            answer = webhook(body.getBytes(StandardCharsets.UTF_8), "sha256=" + "0".repeat(64));
            if (answer.statusCode() == 429) {
                break;
            }
            assertThat(answer.statusCode()).isEqualTo(401);
            refused++;
        }
        assertThat(answer.statusCode()).as("throttled after %s refusals", refused).isEqualTo(429);
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused).as("the budget of refusals (20 per 10 minutes, 3 spent above)").isBetween(10, 20);
        assertThat(ticketsOf("14155550006")).isEmpty();
    }

    // ---------------------------------------------------------------- bodies the server holds

    /** A second number of the workspace: its own budget of refusals, untouched by the tests above. */
    private static String secondAccount;
    private static final String SECOND_APP_SECRET = "e2e-app-secret-second";

    @Test
    @Order(60)
    void anAddressThrottledForOneNumberStillReachesAnotherNumber() throws Exception {
        Api.Reply created = admin.post("/api/channel-accounts", Json.createObjectBuilder().add("kind", "whatsapp").add("name", "Sales WhatsApp")
                .add("enabled", true).add("config", Json.createObjectBuilder().add("phone_number_id", "109876543210988")
                        .add("business_account_id", "102290129340398").add("access_token", ACCESS_TOKEN).add("app_secret", SECOND_APP_SECRET)
                        .add("verify_token", VERIFY_TOKEN).add("graph_base_url", graph.baseUrl()))
                .build());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        secondAccount = created.json().getString("id");
        String body = textMessage("14155550007", "Someone", nextId(), "hello", Instant.now(), null);
        assertThat(signed(body).statusCode()).as("the first number spent its refusals from this address (above)").isEqualTo(429);
        // the notification names the first number: the second answers 200 and stores nothing for it
        HttpResponse<String> other = toSecond(body.getBytes(StandardCharsets.UTF_8));
        assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
        assertThat(json(other.body()).getInt("stored")).isZero();
    }

    @Test
    @Order(61)
    void aWebhookDeclaringMoreThanThreeMegabytesIsRefusedBeforeItsBodyIsSent() throws Exception {
        URI base = URI.create(relaydesk.baseUrl());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            // the headers of a 30 MB post, and not one byte of its body: the answer cannot have waited for it
            socket.getOutputStream().write(("POST /api/public/channels/" + secondAccount + "/webhook HTTP/1.1\r\nHost: " + base.getHost()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + (30 << 20) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            assertThat(head(socket.getInputStream())).startsWith("HTTP/1.1 413").containsIgnoringCase("content-type: application/problem+json");
        }
    }

    @Test
    @Order(62)
    void aSignedWebhookStreamingMoreThanThreeMegabytesIsRefusedAndStoresNothing() throws Exception {
        int before = inboundOf(secondAccount).size();
        String huge = textMessage("14155550008", "Big", nextId(), "x".repeat(3 * 1024 * 1024 + 1024), Instant.now(), null)
                .replace(NUMBER, "109876543210988");
        byte[] bytes = huge.getBytes(StandardCharsets.UTF_8);
        // no Content-Length (chunked): the server learns the size only by reading, and stops at the limit
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(relaydesk.baseUrl() + "/api/public/channels/" + secondAccount
                + "/webhook")).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header(MetaSignature.HEADER, MetaSignature.sign(bytes, SECOND_APP_SECRET))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(answer.body()).getString("detail")).contains("3 MB");
        assertThat(inboundOf(secondAccount)).hasSize(before);
    }

    @Test
    @Order(63)
    void anAddressHoldingManyWebhooksOpenIsAnswered503UntilItLetsThemGo() throws Exception {
        URI base = URI.create(relaydesk.baseUrl());
        List<java.net.Socket> held = new ArrayList<>();
        byte[] probe = textMessage("14155550009", "Probe", nextId(), "hi", Instant.now(), null).getBytes(StandardCharsets.UTF_8);
        try {
            // slow senders: each declares a small body and sends only its first byte, so the server waits on each
            for (int i = 0; i < 8; i++) {
                held.add(slowSender(base));
            }
            HttpResponse<String> busy = await(() -> {
                // a slow sender the server reached only after a probe had taken a place was itself refused (it has an
                // answer waiting): replaced, so that eight are held before the probe counts
                for (int i = 0; i < held.size(); i++) {
                    if (held.get(i).getInputStream().available() > 0) {
                        held.get(i).close();
                        held.set(i, slowSender(base));
                    }
                }
                HttpResponse<String> answer = toSecond(probe);
                return answer.statusCode() == 503 ? answer : null;
            }, "a post beyond the address's posts in flight refused");
            assertThat(busy.headers().firstValue("Retry-After")).isPresent();
            assertThat(busy.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        } finally {
            for (java.net.Socket socket : held) {
                socket.close();
            }
        }
        await(() -> toSecond(probe).statusCode() == 200 ? true : null, "the address let in again once its posts were gone");
    }

    /** A post to the second account's webhook that declares 100 bytes and sends one: the server waits on it. */
    private static java.net.Socket slowSender(URI base) throws java.io.IOException {
        java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort());
        socket.getOutputStream().write(("POST /api/public/channels/" + secondAccount + "/webhook HTTP/1.1\r\nHost: " + base.getHost()
                + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** An answer's status line and headers, read up to the blank line that ends them. */
    private static String head(java.io.InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            head.append((char) next);
        }
        return head.toString();
    }

    private static HttpResponse<String> toSecond(byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(relaydesk.baseUrl() + "/api/public/channels/" + secondAccount + "/webhook"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").header(MetaSignature.HEADER, MetaSignature.sign(body,
                        SECOND_APP_SECRET)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonObject> inboundOf(String accountId) throws Exception {
        return admin.get("/api/channel-accounts/" + accountId + "/messages?limit=200").json().getJsonArray("messages").getValuesAs(JsonObject.class);
    }

    @Test
    @Order(99)
    void theReplyTheGraphApiFailedOnceArrivesOnItsRetry() throws Exception {
        JsonObject sent = awaitDelivery(retriedTicket, retriedComment, "sent");
        assertThat(sent.getInt("attempts")).isEqualTo(2);
        assertThat(sentTexts("14155550002", "Your order left the warehouse.")).as("the failed request and the retry").isEqualTo(2);
        assertThat(graph.accepted()).filteredOn(a -> a.body().toString().contains("Your order left the warehouse.")).hasSize(1);
    }

    // ================================================================ helpers

    private static Path corpusRoot;

    /** The corpus's inbound webhooks, from the plugin's test jar (or its folder): pywa's fixtures, then Meta's examples. */
    private static List<Path> corpusFiles() throws Exception {
        URI uri = WhatsAppIT.class.getResource("/corpus/SOURCES.md").toURI();
        if (uri.getScheme().equals("jar")) {
            FileSystem jar;
            try {
                jar = FileSystems.newFileSystem(uri, Map.of());
            } catch (java.nio.file.FileSystemAlreadyExistsException open) {
                jar = FileSystems.getFileSystem(uri);
            }
            corpusRoot = jar.getPath("/corpus");
        } else {
            corpusRoot = Path.of(uri).getParent();
        }
        List<Path> files = new ArrayList<>();
        for (String folder : List.of("pywa/tests/data/updates", "meta-openapi/webhooks")) {
            try (Stream<Path> list = Files.list(corpusRoot.resolve(folder))) {
                list.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
            }
        }
        assertThat(files).hasSize(74 + 16);
        return files;
    }

    private static Path corpusFile(String name) throws Exception {
        if (corpusRoot == null) {
            corpusFiles();
        }
        return corpusRoot.resolve("pywa/tests/data/updates/" + name + ".json");
    }

    /**
     * A corpus body as Meta would send it to this number now: its number's id is the account's, its
     * timestamps are {@code at}, each message has an id of its own (the fixtures reuse a few), the
     * placeholders of Meta's documentation are values, and statuses name the ids given.
     */
    private static JsonObject rewrite(String text, Map<String, String> statusIds, Instant at) {
        String filled = text.replace("<BUSINESS_PHONE_NUMBER_ID>", NUMBER).replace("<WHATSAPP_USER_PHONE_NUMBER>", PLACEHOLDER_SENDER)
                .replace("<WHATSAPP_MESSAGE_ID>", "wamid.placeholder-" + nextId());
        return (JsonObject) walk(json(filled), null, statusIds, String.valueOf(at.getEpochSecond()));
    }

    private static JsonValue walk(JsonValue value, String parentKey, Map<String, String> statusIds, String timestamp) {
        if (value instanceof JsonObject object) {
            JsonObjectBuilder copy = Json.createObjectBuilder();
            object.forEach((key, child) -> {
                if (key.equals("phone_number_id") && child instanceof JsonString) {
                    copy.add(key, NUMBER);
                } else if (key.equals("timestamp") && child instanceof JsonString) {
                    copy.add(key, timestamp);
                } else if (key.equals("id") && "messages".equals(parentKey) && child instanceof JsonString id) {
                    copy.add(key, id.getString() + ".e2e" + nextId());
                } else if (key.equals("id") && MEDIA.contains(parentKey) && child instanceof JsonString id) {
                    copy.add(key, id.getString() + String.format("%04d", nextId())); // the fixtures share media ids across kinds of media
                } else if (key.equals("id") && "statuses".equals(parentKey) && child instanceof JsonString id && statusIds.containsKey(id.getString())) {
                    copy.add(key, statusIds.get(id.getString()));
                } else {
                    copy.add(key, walk(child, key, statusIds, timestamp));
                }
            });
            return copy.build();
        }
        if (value instanceof JsonArray array) {
            JsonArrayBuilder copy = Json.createArrayBuilder();
            array.forEach(item -> copy.add(walk(item, parentKey, statusIds, timestamp)));
            return copy.build();
        }
        return value;
    }

    private static synchronized long nextId() {
        return ++ids;
    }

    private static List<JsonObject> messages(JsonObject notification) {
        List<JsonObject> messages = new ArrayList<>();
        for (JsonObject entry : notification.getJsonArray("entry").getValuesAs(JsonObject.class)) {
            for (JsonObject change : entry.getJsonArray("changes").getValuesAs(JsonObject.class)) {
                JsonObject value = change.getJsonObject("value");
                if ("messages".equals(change.getString("field")) && value.containsKey("messages")) {
                    messages.addAll(value.getJsonArray("messages").getValuesAs(JsonObject.class));
                }
            }
        }
        return messages;
    }

    /** What the webhook stores of a notification: one item per message and status, one per other change. */
    private static int expectedItems(JsonObject notification) {
        int count = 0;
        for (JsonObject entry : notification.getJsonArray("entry").getValuesAs(JsonObject.class)) {
            for (JsonObject change : entry.getJsonArray("changes").getValuesAs(JsonObject.class)) {
                JsonObject value = change.getJsonObject("value");
                int items = "messages".equals(change.getString("field"))
                        ? size(value, "messages") + size(value, "statuses") : 0;
                count += items == 0 ? 1 : items;
            }
        }
        return count;
    }

    private static int size(JsonObject value, String key) {
        return value.get(key) instanceof JsonArray array ? array.size() : 0;
    }

    /**
     * The customer's media as WhatsApp holds them: bytes of their own per media id, starting as files
     * of their type do (the server reads a file's type from its bytes, as a phone's voice note is Ogg Opus).
     */
    private static void serveMedia(JsonObject message) {
        for (String type : List.of("image", "video", "audio", "document", "sticker")) {
            if (message.get(type) instanceof JsonObject media && media.get("id") instanceof JsonString id) {
                String mime = media.get("mime_type") instanceof JsonString m ? m.getString() : "application/octet-stream";
                graph.addMedia(id.getString(), mime, mediaBytes(mime, type + " " + id.getString()));
            }
        }
        if (message.get("edit") instanceof JsonObject edit && edit.get("message") instanceof JsonObject edited) {
            serveMedia(edited);
        }
    }

    private static List<JsonObject> files(String ticket) throws Exception {
        return admin.get("/api/tickets/" + ticket + "/attachments").json().getJsonArray("attachments").getValuesAs(JsonObject.class);
    }

    private static String firstProfileName(String waId) {
        for (Posted posted : CORPUS) {
            for (JsonObject entry : posted.body().getJsonArray("entry").getValuesAs(JsonObject.class)) {
                for (JsonObject change : entry.getJsonArray("changes").getValuesAs(JsonObject.class)) {
                    if (change.getJsonObject("value").get("contacts") instanceof JsonArray contacts && posted.senders().contains(waId)) {
                        for (JsonObject contact : contacts.getValuesAs(JsonObject.class)) {
                            if (waId.equals(contact.getString("wa_id", null)) || contacts.size() == 1) {
                                return contact.getJsonObject("profile").getString("name");
                            }
                        }
                    }
                }
            }
        }
        throw new AssertionError("no profile for " + waId);
    }

    static byte[] mediaBytes(String mime, String tail) {
        byte[] head = switch (mime.replaceAll(";.*", "").strip()) {
            case "image/jpeg" -> new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0};
            case "image/webp" -> "RIFF$\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
            case "video/mp4" -> "\0\0\0\u0018ftypisom\0\0\0\0isomiso2".getBytes(StandardCharsets.ISO_8859_1);
            case "audio/ogg" -> "OggS\0\u0002\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\u0001\u0013OpusHead".getBytes(StandardCharsets.ISO_8859_1);
            case "application/pdf" -> "%PDF-1.4\n%".getBytes(StandardCharsets.ISO_8859_1);
            default -> new byte[0];
        };
        byte[] rest = (" bytes of " + tail).getBytes(StandardCharsets.UTF_8);
        byte[] file = java.util.Arrays.copyOf(head, head.length + rest.length);
        System.arraycopy(rest, 0, file, head.length, rest.length);
        return file;
    }

    private static List<String> mediaIdsOf(String waId) {
        List<String> mediaIds = new ArrayList<>();
        for (Posted posted : CORPUS) {
            for (JsonObject message : messages(posted.body())) {
                if (message.getString("from").equals(waId)) {
                    collectMedia(message, mediaIds);
                }
            }
        }
        assertThat(mediaIds).isNotEmpty();
        return mediaIds;
    }

    private static void collectMedia(JsonObject message, List<String> into) {
        for (String type : List.of("image", "video", "audio", "document", "sticker")) {
            if (message.get(type) instanceof JsonObject media && media.get("id") instanceof JsonString id) {
                into.add(id.getString());
            }
        }
        if (message.get("edit") instanceof JsonObject edit && edit.get("message") instanceof JsonObject edited) {
            collectMedia(edited, into);
        }
    }

    /** A customer's text message as Meta notifies it. */
    private static String textMessage(String from, String name, long id, String text, Instant at, String contextId) {
        JsonObjectBuilder message = Json.createObjectBuilder().add("from", from).add("id", "wamid.e2e-" + id).add("timestamp",
                String.valueOf(at.getEpochSecond())).add("type", "text").add("text", Json.createObjectBuilder().add("body", text));
        if (contextId != null) {
            message.add("context", Json.createObjectBuilder().add("from", "15550783881").add("id", contextId));
        }
        return notification(from, name, message.build());
    }

    /** Meta's webhook notification of one message from {@code from} to the test's number. */
    private static String notification(String from, String name, jakarta.json.JsonValue message) {
        return Json.createObjectBuilder().add("object", "whatsapp_business_account").add("entry", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("id", "102290129340398").add("changes", Json.createArrayBuilder().add(Json.createObjectBuilder().add("field", "messages")
                        .add("value", Json.createObjectBuilder().add("messaging_product", "whatsapp")
                                .add("metadata", Json.createObjectBuilder().add("display_phone_number", "15550783881").add("phone_number_id", NUMBER))
                                .add("contacts", Json.createArrayBuilder().add(Json.createObjectBuilder()
                                        .add("profile", Json.createObjectBuilder().add("name", name)).add("wa_id", from)))
                                .add("messages", Json.createArrayBuilder().add(message))))))).build().toString();
    }

    /** The corpus's status webhook {@code message_status__<name>}, about the message Meta knows as {@code wamid}. */
    private static void postStatus(String name, String wamid) throws Exception {
        String text = Files.readString(corpusFile("message_status__" + name));
        Map<String, String> ids = Map.of("wamid.xyzxyz", wamid);
        JsonObject body = rewrite(name.equals("group") ? text.replace("<WHATSAPP_MESSAGE_ID>", wamid) : text, ids, Instant.now());
        post(body.toString());
    }

    private static void post(String body) throws Exception {
        HttpResponse<String> answer = signed(body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private static HttpResponse<String> signed(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return webhook(bytes, MetaSignature.sign(bytes, APP_SECRET));
    }

    private static HttpResponse<String> webhook(byte[] body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(relaydesk.baseUrl() + "/api/public/channels/" + account + "/webhook"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header(MetaSignature.HEADER, signature);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(relaydesk.baseUrl() + "/api/public/channels/" + account + "/" + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** What the account received, newest first (at most 200: the test stays below). */
    private static List<JsonObject> inbound() throws Exception {
        return admin.get("/api/channel-accounts/" + account + "/messages?limit=200").json().getJsonArray("messages").getValuesAs(JsonObject.class);
    }

    private static void awaitFiled() throws Exception {
        await(() -> inbound().stream().noneMatch(e -> e.getString("status").equals("pending")) ? true : null, "every webhook item filed");
    }

    private static List<JsonObject> ticketsOf(String waId) throws Exception {
        return admin.get("/api/tickets?limit=100").json().getJsonArray("tickets").getValuesAs(JsonObject.class).stream()
                .filter(t -> identities(t).contains("whatsapp:" + waId) || identities(t).contains("phone:+" + waId)).toList();
    }

    private static JsonObject onlyTicketOf(String waId) throws Exception {
        List<JsonObject> tickets = ticketsOf(waId);
        assertThat(tickets).as("the tickets of %s", waId).hasSize(1);
        return admin.get("/api/tickets/" + tickets.get(0).getString("id")).json();
    }

    private static String conversationOf(String waId) throws Exception {
        return ticketsOf(waId).stream().filter(t -> t.getString("source_channel").equals("whatsapp")).findFirst().orElseThrow().getString("id");
    }

    private static List<String> identities(JsonObject ticket) {
        return ticket.getJsonArray("requester_identities").getValuesAs(JsonObject.class).stream()
                .map(i -> i.getString("kind") + ":" + i.getString("value")).toList();
    }

    private static boolean optedOut(String ticket) throws Exception {
        return admin.get("/api/tickets/" + ticket).json().getJsonArray("requester_identities").getValuesAs(JsonObject.class).stream()
                .filter(i -> i.getString("kind").equals("whatsapp")).anyMatch(i -> i.getBoolean("opted_out"));
    }

    /** The ticket's description and every message's text, as an agent reads the thread. */
    private static String conversationText(String ticket) throws Exception {
        StringBuilder text = new StringBuilder(admin.get("/api/tickets/" + ticket).json().getString("description")).append('\n');
        for (JsonObject comment : admin.get("/api/tickets/" + ticket + "/comments").json().getJsonArray("comments").getValuesAs(JsonObject.class)) {
            text.append(comment.getString("body_text")).append('\n');
        }
        return text.toString();
    }

    record Reply(String comment, String wamid) {
    }

    /** An agent's reply on the ticket, and the wamid Meta (the fake) answered for it. */
    private static Reply reply(String ticket, String text, String to) throws Exception {
        Reply posted = replyWithoutWaiting(ticket, text);
        return new Reply(posted.comment(), awaitSent(to, text));
    }

    private static Reply replyWithoutWaiting(String ticket, String text) throws Exception {
        Api.Reply posted = admin.post("/api/tickets/" + ticket + "/comments", Json.createObjectBuilder().add("body", text).build());
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        return new Reply(posted.json().getString("id"), null);
    }

    private static String awaitSent(String to, String text) throws Exception {
        FakeGraphApi.Accepted sent = await(() -> graph.accepted().stream().filter(a -> a.to().equals(to) && a.type().equals("text")
                && a.body().getJsonObject("text").getString("body").contains(text)).findFirst().orElse(null), "the reply at Meta: " + text);
        return sent.wamid();
    }

    /** How many message requests with this text reached the Graph API (failed ones too). */
    private static long sentTexts(String to, String text) {
        return graph.requests("/messages").stream().map(FakeGraphApi.Request::json)
                .filter(b -> b != null && to.equals(b.getString("to", null)) && b.toString().contains(text)).count();
    }

    private static JsonObject delivery(String ticket, String comment) throws Exception {
        JsonObject found = admin.get("/api/tickets/" + ticket + "/comments").json().getJsonArray("comments").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("id").equals(comment)).findFirst().orElseThrow();
        return found.isNull("delivery") ? null : found.getJsonObject("delivery");
    }

    private static JsonObject awaitDelivery(String ticket, String comment, String status) throws Exception {
        return await(() -> {
            JsonObject delivery = delivery(ticket, comment);
            return delivery != null && delivery.getString("status").equals(status) ? delivery : null;
        }, "delivery " + status + " of " + comment);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

}
