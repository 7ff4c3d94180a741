package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relaydesk.e2e.Await.await;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relaydesk.plugin.whatsapp.fake.FakeGraphApi;

/**
 * A portal customer verifies a WhatsApp number on the demo desk, the shipped WhatsApp plugin talking
 * to a local fake of Meta's Graph API: without a WhatsApp account the page offers nothing; a number
 * that never wrote to the business gets no free text (the page says to write first); once it wrote,
 * the code arrives at Meta as a WhatsApp message, the customer enters it in the page, and the agents
 * see the number on the customer's contact (the WhatsApp sender's contact merged in). Refused on the
 * way: malformed numbers, another customer's code, a wrong code, and a code after it was used.
 */
class PortalWhatsAppIT {
    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");
    private static final String NUMBER = "109876543219876";
    private static final String ACCESS_TOKEN = "EAAGe2ePortalWhatsAppToken";
    private static final String APP_SECRET = "e2e-portal-wa-app-secret";
    private static final long UNIQUE = System.currentTimeMillis();

    private static RelaydeskProcess relaydesk;
    private static Api admin;
    private static TestMail mail;
    private static FakeGraphApi graph;
    private static String mailboxId;
    private static String account;
    private static String workspace;

    @BeforeAll
    static void start() throws Exception {
        mail = TestMail.start();
        graph = FakeGraphApi.start(ACCESS_TOKEN);
        relaydesk = RelaydeskProcess.sharedDemoDesk();
        admin = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD));
        workspace = PortalRequests.workspaceOf(admin);
        assertThat(admin.put("/api/plugins/channel-email", "{\"enabled\":true}").status()).isEqualTo(200);
        Api.Reply mailbox = admin.post("/api/channel-accounts", mail.accountJson("Portal WhatsApp mailbox"));
        assertThat(mailbox.status()).as(mailbox.body()).isEqualTo(201);
        mailboxId = mailbox.json().getString("id");
    }

    @AfterAll
    static void stop() throws Exception {
        for (String id : new String[] {account, mailboxId}) {
            if (id != null) {
                admin.put("/api/channel-accounts/" + id, "{\"enabled\":false}"); // the shared desk's next users bring their own
            }
        }
        if (graph != null) {
            graph.close();
        }
        if (mail != null) {
            mail.close();
        }
    }

    @Test
    void aCustomerProvesTheirWhatsAppNumberWithACodeAndTheAgentsSeeIt() throws Exception {
        String petra = "petra.wa." + UNIQUE + "@customer.test";
        String mallory = "mallory.wa." + UNIQUE + "@other.test";
        String petraCookie = signedInCustomer("Petra WhatsApp", petra);
        String malloryCookie = signedInCustomer("Mallory", mallory);
        String digits = "1415555" + (2000 + UNIQUE % 7000);
        String silent = "1415555" + (2000 + (UNIQUE + 1) % 7000);

        // without a WhatsApp account (unless another user of the shared desk left one on) nothing is offered
        if (!json(portal(petraCookie, "GET", "/api/portal/me/whatsapp", null)).getBoolean("available")) {
            try (Browser browser = new Browser(relaydesk.baseUrl())) {
                browser.open("/portal/sign-in#token=" + signInLink(petra));
                browser.waitFor(d -> d.getCurrentUrl().endsWith("/portal/dashboard") ? true : null, "signed in");
                browser.open("/portal/profile/whatsapp");
                browser.waitForText("#whatsapp-unavailable", "does not offer WhatsApp");
                assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector("form"))).isEmpty();
            }
            assertThat(portal(petraCookie, "POST", "/api/portal/me/whatsapp/code", "{\"phone_number\":\"+" + digits + "\"}").statusCode()).isEqualTo(409);
        }
        assertThat(admin.put("/api/plugins/channel-whatsapp", "{\"enabled\":true}").status()).isEqualTo(200);
        Api.Reply created = admin.post("/api/channel-accounts", Json.createObjectBuilder().add("kind", "whatsapp").add("name", "Portal codes " + UNIQUE)
                .add("enabled", true).add("config", Json.createObjectBuilder().add("phone_number_id", NUMBER)
                        .add("business_account_id", "102290129340399").add("access_token", ACCESS_TOKEN).add("app_secret", APP_SECRET)
                        .add("verify_token", "portal-wa-verify-token").add("graph_base_url", graph.baseUrl()).add("display_phone_number", "+1 555 078 3882"))
                .build());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        account = created.json().getString("id");

        // malformed numbers are refused with a problem, never sent
        for (String bad : new String[] {"4155550100", "+1 415 555 01", "+999 1234567", "call me", "+" + "1".repeat(60)}) {
            HttpResponse<String> refused = portal(petraCookie, "POST", "/api/portal/me/whatsapp/code", Json.createObjectBuilder().add("phone_number", bad)
                    .build().toString());
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        }
        assertThat(portal(null, "POST", "/api/portal/me/whatsapp/code", "{\"phone_number\":\"+" + digits + "\"}").statusCode()).isEqualTo(401);

        // a number that never wrote to the business: WhatsApp allows no free text, and there is no code template
        assertThat(portal(malloryCookie, "POST", "/api/portal/me/whatsapp/code", "{\"phone_number\":\"+" + silent + "\"}").statusCode()).isEqualTo(202);
        JsonObject failed = await(() -> {
            JsonValue pending = json(portal(malloryCookie, "GET", "/api/portal/me/whatsapp", null)).get("pending");
            return pending instanceof JsonObject p && p.getString("status").equals("failed") ? p : null;
        }, "the refused send");
        assertThat(failed.getString("reason")).contains("Send any message to our WhatsApp number first");
        assertThat(graph.accepted().stream().noneMatch(a -> a.to().equals(silent))).isTrue();

        // the customer writes to the business on WhatsApp (a contact known only by the number), then asks in the page
        post(textMessage(digits, "Petra on WhatsApp", "Hello from my phone"));
        await(() -> admin.get("/api/tickets?limit=100").body().contains("Hello from my phone") ? true : null, "the customer's WhatsApp ticket");
        String code;
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.open("/portal/sign-in#token=" + signInLink(petra));
            browser.waitFor(d -> d.getCurrentUrl().endsWith("/portal/dashboard") ? true : null, "signed in");
            browser.open("/portal/profile");
            browser.click("#whatsapp-link");
            browser.waitForText("#whatsapp-help", "+1 555 078 3882");
            browser.find("#phone-number").sendKeys("+1 " + digits.substring(1, 4) + " " + digits.substring(4));
            browser.click("#whatsapp-code-form button[type=submit]");
            browser.waitForText("#whatsapp-sent", "+" + digits);
            String first = awaitCode(digits, 1);

            // another customer's session cannot use it; wrong codes count, and the fifth spends the request
            assertThat(portal(malloryCookie, "POST", "/api/portal/me/whatsapp/verify", "{\"code\":\"" + first + "\"}").statusCode()).isEqualTo(400);
            String wrong = first.equals("000000") ? "000001" : "000000";
            HttpResponse<String> wrongAnswer = portal(petraCookie, "POST", "/api/portal/me/whatsapp/verify", "{\"code\":\"" + wrong + "\"}");
            assertThat(wrongAnswer.statusCode()).isEqualTo(400);
            assertThat(wrongAnswer.body()).contains("4 attempts left");
            assertThat(portal(petraCookie, "POST", "/api/portal/me/whatsapp/verify", "{\"code\":\"12ab56\"}").statusCode()).as("not 6 digits").isEqualTo(400);
            for (int attempt = 2; attempt <= 5; attempt++) {
                assertThat(portal(petraCookie, "POST", "/api/portal/me/whatsapp/verify", "{\"code\":\"" + wrong + "\"}").statusCode()).isEqualTo(400);
            }
            assertThat(portal(petraCookie, "POST", "/api/portal/me/whatsapp/verify", "{\"code\":\"" + first + "\"}").statusCode())
                    .as("the right code after five wrong ones").isEqualTo(400);
            browser.open("/portal/profile/whatsapp");
            browser.waitForText("main", "can no longer be used");
            browser.find("#phone-number").sendKeys("+" + digits);
            browser.click("#whatsapp-code-form button[type=submit]");
            browser.waitForText("#whatsapp-sent", "+" + digits);
            code = awaitCode(digits, 2);

            browser.find("#code").sendKeys(code);
            browser.click("#whatsapp-verify-form button[type=submit]");
            browser.waitForText("#whatsapp-verified", "+" + digits);
            browser.screenshot("portal-whatsapp");
        }
        assertThat(portal(petraCookie, "POST", "/api/portal/me/whatsapp/verify", "{\"code\":\"" + code + "\"}").statusCode())
                .as("a code works once").isEqualTo(400);

        // the agents see the number on Petra's contact (the sender's contact merged in, with its ticket)
        HttpResponse<String> opened = portal(petraCookie, "POST", "/api/portal/tickets", "{\"subject\":\"WA check " + UNIQUE + "\",\"description\":\"x\"}");
        assertThat(opened.statusCode()).as(opened.body()).isIn(200, 201);
        JsonObject ticket = await(() -> admin.get("/api/tickets?limit=100").json().getJsonArray("tickets").stream().map(JsonValue::asJsonObject)
                .filter(t -> t.getString("subject").equals("WA check " + UNIQUE)).findFirst().orElse(null), "Petra's ticket");
        JsonObject contact = admin.get("/api/contacts/" + ticket.getString("requester_id")).json();
        assertThat(contact.getJsonArray("identities").getValuesAs(JsonObject.class).stream().map(i -> i.getString("kind") + ":" + i.getString("value")))
                .contains("email:" + petra, "whatsapp:" + digits, "phone:+" + digits);

        // removing takes the number off again
        assertThat(portal(petraCookie, "DELETE", "/api/portal/me/whatsapp", null).statusCode()).isEqualTo(204);
        assertThat(json(portal(petraCookie, "GET", "/api/portal/me/whatsapp", null)).get("verified_number")).isEqualTo(JsonValue.NULL);
        assertThat(admin.get("/api/contacts/" + ticket.getString("requester_id")).body()).doesNotContain(digits);
        assertThat(portal(petraCookie, "DELETE", "/api/portal/me/whatsapp", null).statusCode()).isEqualTo(404);
    }

    // ---------------------------------------------------------------- helpers

    /** The code in the {@code nth} text message Meta accepted for the number (waiting for it). */
    private static String awaitCode(String digits, int nth) throws Exception {
        FakeGraphApi.Accepted sent = await(() -> {
            var texts = graph.accepted().stream().filter(a -> a.to().equals(digits) && a.type().equals("text")
                    && a.body().getJsonObject("text").getString("body").contains("verification code")).toList();
            return texts.size() >= nth ? texts.get(nth - 1) : null;
        }, "code " + nth + " at Meta");
        Matcher matcher = CODE.matcher(sent.body().getJsonObject("text").getString("body"));
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    /** Registers and confirms a customer through the API (the emailed link) and returns the portal cookie. */
    private static String signedInCustomer(String name, String address) throws Exception {
        HttpResponse<String> registered = portal(null, "POST", "/api/portal/auth/register", Json.createObjectBuilder().add("workspace", workspace).add("name", name)
                .add("email", address).add("password", "a long portal passphrase 42").build().toString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(202);
        HttpResponse<String> verified = portal(null, "POST", "/api/portal/auth/verify", "{\"token\":\"" + token(address, "verify") + "\"}");
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        String cookie = verified.headers().firstValue("Set-Cookie").orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private static String signInLink(String address) throws Exception {
        int before = mail.to(address).size();
        assertThat(portal(null, "POST", "/api/portal/auth/login-link", "{\"workspace\":\"" + workspace + "\",\"email\":\"" + address + "\"}").statusCode()).isEqualTo(202);
        await(() -> mail.to(address).size() > before ? true : null, "the sign-in email");
        return token(address, "sign-in");
    }

    private static String token(String address, String kind) throws Exception {
        return PortalRequests.linkToken(mail, address, kind);
    }

    private static JsonObject json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try (var reader = Json.createReader(new java.io.StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    private static HttpResponse<String> portal(String cookie, String method, String path, String json) throws Exception {
        return PortalRequests.send(relaydesk.baseUrl(), cookie, method, path, json);
    }

    /** A customer's text message as Meta notifies it. */
    private static String textMessage(String from, String name, String text) {
        JsonObject message = Json.createObjectBuilder().add("from", from).add("id", "wamid.portal-" + UNIQUE).add("timestamp",
                String.valueOf(Instant.now().getEpochSecond())).add("type", "text").add("text", Json.createObjectBuilder().add("body", text)).build();
        JsonObject value = Json.createObjectBuilder().add("messaging_product", "whatsapp").add("metadata", Json.createObjectBuilder()
                        .add("display_phone_number", "15550783882").add("phone_number_id", NUMBER))
                .add("contacts", Json.createArrayBuilder().add(Json.createObjectBuilder().add("profile", Json.createObjectBuilder().add("name", name))
                        .add("wa_id", from))).add("messages", Json.createArrayBuilder().add(message)).build();
        return Json.createObjectBuilder().add("object", "whatsapp_business_account").add("entry", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("id", "102290129340399").add("changes", Json.createArrayBuilder().add(Json.createObjectBuilder().add("field", "messages")
                        .add("value", value))))).build().toString();
    }

    private static void post(String body) throws Exception {
        HttpResponse<String> answer = WhatsAppWebhooks.postSigned(relaydesk.baseUrl(), account, body, APP_SECRET);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
}
