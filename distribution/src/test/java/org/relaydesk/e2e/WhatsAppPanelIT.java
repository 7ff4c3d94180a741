package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relaydesk.e2e.Await.await;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.relaydesk.plugin.whatsapp.fake.FakeGraphApi;

/**
 * The agent's WhatsApp panels in a real browser, on start-dev's demo desk with the shipped WhatsApp
 * plugin talking to a local fake of Meta's Graph API, Meta's webhooks played by this test: a
 * customer's message shows in /agent/whatsapp and its conversation with the window's countdown; the
 * agent's reply gets its ticks as Meta reports it sent, delivered and read; a day-old conversation
 * offers only the template picker and sends a template with its variables; a customer known by
 * email and on WhatsApp is merged into one and answered by email through "Send via"; an agent of
 * another team gets 404. One server for all; the cases run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WhatsAppPanelIT {
    private static final String NUMBER = "109876543210987";
    private static final String ACCESS_TOKEN = "EAAGe2eTestAccessToken";
    private static final String APP_SECRET = "e2e-panel-app-secret";
    private static final String ALICE = "alice@demo.test";
    private static final String BOB = "bob@demo.test";
    private static final String AGENT_PASSWORD = "demo-password-1";
    /** A customer writing now, one whose last message is a day old, and one known by email before. */
    private static final String NORA = "14155550101";
    private static final String DANA = "14155550102";
    private static final String EVE = "14155550103";

    private static RelaydeskProcess relaydesk;
    private static Api admin;
    private static FakeGraphApi graph;
    private static String account;
    private static long ids = System.currentTimeMillis();

    @BeforeAll
    static void start() throws Exception {
        graph = FakeGraphApi.start(ACCESS_TOKEN);
        relaydesk = RelaydeskProcess.sharedDemoDesk(); // the fake Graph API and the test's mail server listen on 127.0.0.1
        admin = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD));
        assertThat(admin.put("/api/plugins/channel-whatsapp", "{\"enabled\":true}").status()).isEqualTo(200);
        Api.Reply created = admin.post("/api/channel-accounts", Json.createObjectBuilder().add("kind", "whatsapp").add("name", "Support WhatsApp")
                .add("enabled", true).add("config", Json.createObjectBuilder().add("phone_number_id", NUMBER)
                        .add("business_account_id", "102290129340398").add("access_token", ACCESS_TOKEN).add("app_secret", APP_SECRET)
                        .add("verify_token", "panel-verify-token").add("graph_base_url", graph.baseUrl()).add("display_phone_number", "15550783881"))
                .build());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        account = created.json().getString("id");
    }

    @AfterAll
    static void stop() throws Exception {
        if (account != null) {
            admin.put("/api/channel-accounts/" + account, "{\"enabled\":false}"); // the shared desk's next users see no number of ours
        }
        if (graph != null) {
            graph.close();
        }
    }

    @Test
    @Order(1)
    void aCustomersMessageShowsInTheConversationsAndTheReplyGetsItsTicksAsMetaReportsThem() throws Exception {
        post(textMessage(NORA, "Nora North", "My parcel never arrived", Instant.now()));
        JsonObject ticket = await(() -> ticketOf(NORA), "Nora's ticket");
        try (Browser alice = new Browser(relaydesk.baseUrl())) {
            alice.signIn(ALICE, AGENT_PASSWORD);
            alice.find("#nav-whatsapp").click();
            String row = "tr[data-wa='" + NORA + "']";
            alice.waitForText(row, "Nora North");
            assertThat(alice.find(row).getText()).contains("My parcel never arrived", "Window open", "Awaiting reply",
                    ticket.getJsonNumber("number").toString());

            alice.screenshot("agent-whatsapp");
            alice.find(row + " a.rd-wa-contact").click();
            alice.waitForText("#chat-log", "My parcel never arrived");
            assertThat(alice.find("[id='conversation:window']").getText()).matches("Window open (1 d|23 h( \\d+ min)?)");
            assertThat(alice.driver.findElements(By.cssSelector("[id='conversation:template-picker']"))).as("no template picker while open").isEmpty();

            alice.find("[id='conversation:reply']").sendKeys("We are tracing it with the courier.");
            alice.click("[id='conversation:send']");
            alice.waitForText(".rd-bubble-out", "We are tracing it with the courier.");
            String wamid = await(() -> graph.accepted().stream().filter(a -> a.to().equals(NORA) && a.type().equals("text")
                    && a.body().getJsonObject("text").getString("body").contains("tracing it")).map(FakeGraphApi.Accepted::wamid).findFirst().orElse(null),
                    "the reply at Meta");
            awaitTick(alice, "sent", "✓");
            postStatus(NORA, wamid, "delivered", null);
            awaitTick(alice, "delivered", "✓✓");
            postStatus(NORA, wamid, "read", null);
            awaitTick(alice, "read", "✓✓");
            alice.screenshot("agent-whatsapp-conversation");

            // the same on the ticket page: the source icons, the ticks, the window and "Use a template"
            alice.open("/agent/tickets/" + ticket.getJsonNumber("number"));
            alice.find("#description .rd-source.pi-whatsapp");
            alice.waitFor(d -> d.findElements(By.cssSelector(".rd-msg-agent [data-delivery='read']")).isEmpty() ? null : true, "the read ticks");
            assertThat(alice.find(".rd-msg-agent .rd-source").getAttribute("class")).contains("pi-whatsapp");
            assertThat(alice.find("[id='ticket:window']").getText()).startsWith("Window open");
            assertThat(alice.find("#identities").getText()).contains("WhatsApp", "+" + NORA);
            alice.click("[id='ticket:use-template']");
            alice.find("[id='ticket:template-picker']");
        }
    }

    @Test
    @Order(2)
    void aDayOldConversationOffersOnlyTemplatesAndTheTemplateReachesMetaWithItsVariables() throws Exception {
        post(textMessage(DANA, "Dana Dormant", "Hello, anyone there?", Instant.now().minus(Duration.ofHours(25))));
        JsonObject ticket = await(() -> ticketOf(DANA), "Dana's ticket");
        graph.addTemplate("""
                {"name":"order_update","language":"en_US","status":"APPROVED","category":"UTILITY","id":"1","components":[
                 {"type":"HEADER","format":"TEXT","text":"Order {{1}}","example":{"header_text":["#1001"]}},
                 {"type":"BODY","text":"Hi {{1}}, your order ships on {{2}}.","example":{"body_text":[["Ann","Tuesday"]]}},
                 {"type":"FOOTER","text":"Reply STOP to opt out"}]}""");
        Api.Reply synced = admin.post("/api/channel-accounts/" + account + "/templates/sync", "{}");
        assertThat(synced.status()).as(synced.body()).isEqualTo(200);
        String header;
        try (Browser alice = new Browser(relaydesk.baseUrl())) {
            alice.signIn(ALICE, AGENT_PASSWORD);
            alice.waitFor(d -> d.getCurrentUrl().contains("/agent/") ? true : null, "signed in");
            alice.open("/agent/whatsapp");
            alice.waitForText("tr[data-wa='" + DANA + "']", "Window closed");
            alice.open("/agent/whatsapp/" + DANA);
            alice.waitForText("#chat-log", "Hello, anyone there?");
            assertThat(alice.find("[id='conversation:window']").getText()).isEqualTo("Window closed — only approved templates");
            assertThat(alice.driver.findElements(By.cssSelector("[id='conversation:reply']"))).as("no free text while closed").isEmpty();

            alice.choose("conversation:template", "order_update · en_US");
            alice.waitFor(d -> "Dana Dormant".equals(alice.find("[data-variable='body.1']").getAttribute("value")) ? true : null, "the name pre-filled");
            header = alice.find("[data-variable='header.1']").getAttribute("value");
            assertThat(header).as("the ticket number").endsWith(ticket.getJsonNumber("number").toString());
            alice.find("[data-variable='body.2']").sendKeys("Friday");
            alice.waitForText("[id='conversation:template-preview']", "Hi Dana Dormant, your order ships on Friday.");
            alice.screenshot("agent-whatsapp-template");
            alice.click("[id='conversation:send-template']");
            alice.waitForText(".rd-bubble-out", "Hi Dana Dormant, your order ships on Friday.");
        }
        FakeGraphApi.Accepted template = await(() -> graph.accepted().stream().filter(a -> a.to().equals(DANA)).findFirst().orElse(null),
                "the template at Meta");
        assertThat(template.type()).isEqualTo("template");
        JsonObject sent = template.body().getJsonObject("template");
        assertThat(sent.getString("name")).isEqualTo("order_update");
        assertThat(sent.getJsonObject("language").getString("code")).isEqualTo("en_US");
        assertThat(sent.getJsonArray("components").toString()).isEqualTo("[{\"type\":\"header\",\"parameters\":[{\"type\":\"text\",\"text\":\""
                + header + "\"}]},{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"Dana Dormant\"},"
                + "{\"type\":\"text\",\"text\":\"Friday\"}]}]");
    }

    @Test
    @Order(3)
    void aCustomerKnownByEmailAndOnWhatsAppIsMergedAndAnsweredByEmailThroughSendVia() throws Exception {
        TestMail mail = TestMail.start();
        String mailboxId = null;
        try {
            assertThat(admin.put("/api/plugins/channel-email", "{\"enabled\":true}").status()).isEqualTo(200);
            Api.Reply mailbox = admin.post("/api/channel-accounts", mail.accountJson("Send-via mailbox"));
            assertThat(mailbox.status()).as(mailbox.body()).isEqualTo(201);
            mailboxId = mailbox.json().getString("id");
            Api.Reply byEmail = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Invoice copy").add("description", "Please resend it")
                    .add("requester_email", "eve@shop.test").add("requester_name", "Eve Evans").build());
            assertThat(byEmail.status()).as(byEmail.body()).isEqualTo(201);
            post(textMessage(EVE, "Eve on the phone", "It's Eve, did you get my mail?", Instant.now()));
            JsonObject ticket = await(() -> ticketOf(EVE), "Eve's WhatsApp ticket");

            try (Browser alice = new Browser(relaydesk.baseUrl())) {
                alice.signIn(ALICE, AGENT_PASSWORD);
                alice.waitFor(d -> d.getCurrentUrl().contains("/agent/") ? true : null, "signed in");
                alice.open("/agent/tickets/" + ticket.getJsonNumber("number"));
                alice.waitForText("#identities", "+" + EVE);
                assertThat(alice.driver.findElements(By.cssSelector("[id='ticket:via']"))).as("one way to reach her: no choice").isEmpty();

                alice.click("#contact-merge-open");
                alice.find("[id='contact-merge:contact_input']").sendKeys("eve@");
                alice.click("li.ui-autocomplete-item[data-item-label*='eve@shop.test']");
                alice.click("[id='contact-merge:contact-merge-confirm']");
                alice.click("#confirm-yes");
                alice.waitForText("#identities", "eve@shop.test");
                alice.waitForText("#identities", "+" + EVE); // the box is redrawn more than once after a merge: read it when it holds both
                alice.waitForText("#timeline", "merged into Eve Evans");

                alice.choose("ticket:via", "Email · eve@shop.test");
                alice.screenshot("agent-ticket-send-via");
                alice.waitFor(d -> d.findElements(By.cssSelector("[id='ticket:window']")).isEmpty() ? true : null, "no window by email");
                alice.editor("replyEditor").sendKeys("Yes, the invoice copy is attached to this mail.");
                alice.click("[id='ticket:send']");
                alice.waitForText("#thread", "the invoice copy is attached");
            }
            await(() -> mail.to("eve@shop.test").stream().filter(m -> TestMail.rawBody(m).contains("invoice copy is attached")).findFirst()
                    .orElse(null), "the reply by email");
            assertThat(graph.accepted().stream().filter(a -> a.to().equals(EVE))).as("nothing went to WhatsApp").isEmpty();
        } finally {
            if (mailboxId != null) {
                admin.put("/api/channel-accounts/" + mailboxId, "{\"enabled\":false}"); // the shared desk's next users bring their own mailbox
            }
            mail.close();
        }
    }

    @Test
    @Order(4)
    void anAgentOfAnotherTeamNeitherListsNorOpensTheConversationAndOddAddressesAreNotFound() throws Exception {
        JsonObject ticket = ticketOf(DANA);
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn(RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD);
            browser.waitFor(d -> d.getCurrentUrl().contains("/dashboard") || d.getCurrentUrl().contains("/agent/") ? true : null, "signed in");
            String billing = teamIdFromPage(browser, ticket.getJsonNumber("number").toString(), "Billing specialists");
            Api.Reply moved = admin.put("/api/tickets/" + ticket.getString("id"), Json.createObjectBuilder().add("team_id", billing).build());
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
            browser.open("/admin/settings");
            browser.find("[id='settings:restrict']").click();
            browser.find("[id='settings:save']").click();
            browser.waitForText("#settings-messages", "Settings saved");
            try (Browser bob = new Browser(relaydesk.baseUrl())) {
                bob.signIn(BOB, AGENT_PASSWORD);
                bob.waitFor(d -> d.getCurrentUrl().contains("/agent/") ? true : null, "signed in");
                bob.open("/agent/whatsapp");
                bob.find("tr[data-wa='" + NORA + "']");
                assertThat(bob.driver.findElements(By.cssSelector("tr[data-wa='" + DANA + "']"))).as("Dana's conversation is Billing's").isEmpty();
                assertThat(bob.driver.getPageSource()).doesNotContain("Dana Dormant");
                for (String path : List.of("/agent/whatsapp/" + DANA, "/agent/whatsapp/%2B" + DANA, "/agent/whatsapp/not-a-number",
                        "/agent/whatsapp/%3Cscript%3E", "/agent/whatsapp/" + "9".repeat(150), "/agent/whatsapp/19995550000")) {
                    bob.open(path);
                    bob.waitForText("body", "This page does not exist.");
                    assertThat(bob.driver.getPageSource()).as(path).doesNotContain("Dana").doesNotContain("Exception");
                }
                bob.open("/agent/whatsapp/" + NORA);
                bob.waitForText("#chat-log", "My parcel never arrived");
            }
            browser.open("/agent/whatsapp/" + DANA);
            browser.waitForText("#chat-log", "Hello, anyone there?");
        } finally {
            try (Browser browser = new Browser(relaydesk.baseUrl())) {
                browser.signIn(RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD);
                browser.waitFor(d -> d.getCurrentUrl().contains("/login") ? null : true, "signed in");
                browser.open("/admin/settings");
                if (browser.find("[id='settings:restrict']").isSelected()) {
                    browser.find("[id='settings:restrict']").click();
                    browser.find("[id='settings:save']").click();
                    browser.waitForText("#settings-messages", "Settings saved");
                }
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Waits for the reply's ticks, looking again (receipts change no ticket, so nothing is pushed for them). */
    private static void awaitTick(Browser browser, String state, String ticks) {
        browser.waitFor(d -> {
            var found = d.findElements(By.cssSelector(".rd-bubble-out [data-delivery='" + state + "']"));
            if (found.isEmpty()) {
                d.navigate().refresh();
                return null;
            }
            return ticks.equals(found.get(0).getText()) ? true : null;
        }, "the " + state + " ticks");
    }

    /** The team's id, as the ticket page's team menu knows it. */
    private static String teamIdFromPage(Browser browser, String ticketNumber, String name) {
        browser.open("/agent/tickets/" + ticketNumber);
        return browser.waitFor(d -> d.findElements(By.cssSelector("[id='ticket:team_input'] option")).stream()
                .filter(o -> o.getAttribute("textContent").equals(name)).map(o -> o.getAttribute("value")).findFirst().orElse(null), "team " + name);
    }

    private static JsonObject ticketOf(String waId) throws Exception {
        return admin.get("/api/tickets?limit=100").json().getJsonArray("tickets").getValuesAs(JsonObject.class).stream()
                .filter(t -> "whatsapp".equals(t.getString("source_channel", null)) && t.getJsonArray("requester_identities").getValuesAs(JsonObject.class)
                        .stream().anyMatch(i -> i.getString("kind").equals("whatsapp") && i.getString("value").equals(waId)))
                .findFirst().orElse(null);
    }

    /** A customer's text message as Meta notifies it. */
    private static String textMessage(String from, String name, String text, Instant at) {
        JsonObject message = Json.createObjectBuilder().add("from", from).add("id", "wamid.panel-" + (ids++)).add("timestamp",
                String.valueOf(at.getEpochSecond())).add("type", "text").add("text", Json.createObjectBuilder().add("body", text)).build();
        return notification(Json.createObjectBuilder().add("contacts", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("profile", Json.createObjectBuilder().add("name", name)).add("wa_id", from))).add("messages", Json.createArrayBuilder().add(message)));
    }

    /** Meta's status notification about one of our messages. */
    private static void postStatus(String recipient, String wamid, String status, String error) throws Exception {
        var item = Json.createObjectBuilder().add("id", wamid).add("status", status).add("timestamp", String.valueOf(Instant.now().getEpochSecond()))
                .add("recipient_id", recipient);
        if (error != null) {
            item.add("errors", Json.createArrayBuilder().add(Json.createObjectBuilder().add("code", 131026).add("title", error).add("message", error)));
        }
        post(notification(Json.createObjectBuilder().add("statuses", Json.createArrayBuilder().add(item))));
    }

    private static String notification(jakarta.json.JsonObjectBuilder value) {
        value.add("messaging_product", "whatsapp").add("metadata", Json.createObjectBuilder().add("display_phone_number", "15550783881")
                .add("phone_number_id", NUMBER));
        return Json.createObjectBuilder().add("object", "whatsapp_business_account").add("entry", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("id", "102290129340398").add("changes", Json.createArrayBuilder().add(Json.createObjectBuilder().add("field", "messages")
                        .add("value", value))))).build().toString();
    }

    private static void post(String body) throws Exception {
        HttpResponse<String> answer = WhatsAppWebhooks.postSigned(relaydesk.baseUrl(), account, body, APP_SECRET);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

}
