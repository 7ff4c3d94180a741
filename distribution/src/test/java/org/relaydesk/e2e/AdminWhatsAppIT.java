package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.relaydesk.plugin.whatsapp.fake.FakeGraphApi;
import org.relaydesk.plugin.whatsapp.fake.MetaSignature;

/**
 * The WhatsApp admin pages in a real browser, in a workspace of its own on the shared desk with the
 * shipped plugin and a local fake of Meta's Graph API: an admin sets up a number (secrets never shown
 * back) and tests its connection, syncs its templates and sees their reviews, finds a signed webhook,
 * forged ones and a throttled one in the logs (by phone too), and an agent is kept out. The cases run
 * in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminWhatsAppIT {
    private static final String NUMBER_ID = "109876543210977";
    private static final String ADMIN = "admin@wa-admin-desk.test";
    private static final String ADMIN_PASSWORD = "wa-admin-desk-password";
    private static final String ACCESS_TOKEN = "EAAGadminTestAccessToken";
    private static final String APP_SECRET = "admin-e2e-app-secret-5f2";
    private static final String VERIFY_TOKEN = "admin-e2e-verify-token-31";
    private static final String CUSTOMER = "4915112345678";

    private static FakeGraphApi graph;
    private static RelaydeskProcess relaydesk;
    private static Api admin;
    private static Browser browser;
    private static String account;

    @BeforeAll
    static void start() throws Exception {
        graph = FakeGraphApi.start(ACCESS_TOKEN);
        graph.addTemplate("""
                {"name":"order_update","language":"en_US","status":"APPROVED","category":"UTILITY","components":[
                 {"type":"BODY","text":"Hi {{1}}, your order ships on {{2}}.","example":{"body_text":[["Ann","Tuesday"]]}}]}""");
        graph.addTemplate("""
                {"name":"pending_one","language":"en","status":"PENDING","category":"UTILITY","components":[{"type":"BODY","text":"Soon"}]}""");
        graph.addTemplate("""
                {"name":"welcome","language":"de","status":"REJECTED","category":"MARKETING","rejected_reason":"INVALID_FORMAT","components":[
                 {"type":"BODY","text":"Hallo {{customer_name}}!","example":{"body_text_named_params":[{"param_name":"customer_name","example":"Ann"}]}}]}""");
        relaydesk = RelaydeskProcess.sharedDemoDesk(); // private networks allowed there: the fake Graph API listens on 127.0.0.1
        admin = RelaydeskProcess.ownWorkspace("WhatsApp Admin Desk", "wa-admin-desk", ADMIN, ADMIN_PASSWORD);
        assertThat(RelaydeskProcess.sharedSystemAdmin().put("/api/plugins/channel-whatsapp", "{\"enabled\":true}").status()).isEqualTo(200);
        browser = new Browser(relaydesk.baseUrl());
        browser.signIn(ADMIN, ADMIN_PASSWORD);
        browser.find("#stat-open");
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (graph != null) {
            graph.close();
        }
    }

    @Test
    @Order(1)
    void anAdminSetsUpANumberWhoseSecretsAreNeverShownBackAndTestsItsConnection() throws Exception {
        browser.find("#nav-whatsapp").click();
        browser.waitForText("#content", "No WhatsApp number yet");
        browser.find("#wa-config").click();
        browser.find("[id='config:name']").sendKeys("Support WhatsApp");
        setting("phone_number_id", NUMBER_ID);
        setting("business_account_id", "102290129340398");
        setting("access_token", ACCESS_TOKEN);
        setting("app_secret", APP_SECRET);
        setting("verify_token", VERIFY_TOKEN);
        setting("display_phone_number", "+1 555 078 3881");
        setting("graph_base_url", graph.baseUrl());
        browser.find("[id='config:save']").click();
        browser.waitForText("[id='config:messages']", "WhatsApp number Support WhatsApp added");
        account = admin.get("/api/channel-accounts").json().getJsonArray("accounts").getValuesAs(JsonObject.class).stream()
                .filter(a -> a.getString("name").equals("Support WhatsApp")).findFirst().orElseThrow().getString("id");

        browser.driver.findElement(By.xpath("//tr[td[contains(., 'Support WhatsApp')]]//button[contains(., 'Edit')]")).click();
        browser.waitForText("#content", "Edit number");
        assertThat(browser.find("label[data-field='phone_number_id'] input").getAttribute("value")).isEqualTo(NUMBER_ID);
        assertThat(browser.find("label[data-field='app_secret'] input").getAttribute("value")).as("a secret is never shown back").isEmpty();
        assertThat(browser.find("label[data-field='app_secret']").getText()).contains("set;");
        assertThat(browser.driver.getPageSource()).doesNotContain(APP_SECRET).doesNotContain(ACCESS_TOKEN).doesNotContain(VERIFY_TOKEN);

        browser.driver.findElement(By.xpath("//tr[td[contains(., 'Support WhatsApp')]]//button[contains(., 'Test connection')]")).click();
        browser.waitForText("[id='config:messages']", "Connected: the provider accepted the settings and lists 3 templates");

        browser.open("/admin/whatsapp");
        browser.waitForText(".rd-wa-number", "Support WhatsApp");
        assertThat(browser.find(".rd-wa-webhook").getText()).endsWith("/api/public/channels/" + account + "/webhook");
        assertThat(browser.find(".rd-wa-number").getText()).contains("Phone number ID " + NUMBER_ID, "Last webhook: none received yet",
                "verify token: the one you entered for this number on Config (set; it is never shown again)");
        browser.screenshot("admin-whatsapp-overview");
    }

    @Test
    @Order(2)
    void templatesAreSyncedFromMetaWithTheirReviewsAndCanBeFiltered() throws Exception {
        browser.open("/admin/whatsapp/templates");
        browser.find("[id='templates:sync']").click();
        browser.waitForText("[id='templates:messages']", "Synced: 3 templates from Meta");
        browser.waitForText("[id='templates:list']", "order_update");
        // the list may be redrawn once more after the sync's message: read it whole, again if it was replaced meanwhile
        List<String> approvals = browser.waitFor(d -> d.findElements(By.cssSelector("[data-approval]")).stream()
                .map(e -> e.getAttribute("data-approval")).toList(), "the synced templates' reviews");
        assertThat(approvals).containsExactlyInAnyOrder("approved", "pending", "rejected");
        List<String> shown = List.of("Hi {{1}}, your order ships on {{2}}.", "body.1", "INVALID_FORMAT", "en_US", "MARKETING");
        browser.waitFor(d -> {
            String listed = d.findElement(By.cssSelector("[id='templates:list']")).getText();
            return shown.stream().allMatch(listed::contains) ? listed : null;
        }, "the templates' bodies, variables, reviews, languages and categories listed");

        new Select(browser.find("[id='templates:approval']")).selectByVisibleText("rejected");
        browser.find("[id='templates:filter']").click();
        browser.waitFor(d -> d.findElements(By.cssSelector("[data-approval]")).size() == 1 ? true : null, "only the rejected template");
        assertThat(browser.find("[data-approval]").getAttribute("data-approval")).isEqualTo("rejected");

        new Select(browser.find("[id='templates:approval']")).selectByVisibleText("Any");
        browser.find("[id='templates:search']").sendKeys("ships");
        browser.find("[id='templates:filter']").click();
        // the rejected template alone was listed before this filter too: wait for the one with those words
        browser.waitFor(d -> d.findElements(By.cssSelector("[data-approval]")).size() == 1
                && d.findElement(By.cssSelector("[id='templates:list']")).getText().contains("order_update") ? true : null,
                "only the template with those words");

        browser.open("/admin/whatsapp");
        assertThat(browser.find("#stat-approved").getText()).isEqualTo("1");
        assertThat(browser.find("#stat-pending").getText()).isEqualTo("1");
        assertThat(browser.find("#stat-rejected").getText()).isEqualTo("1");
        browser.screenshot("admin-whatsapp-templates");
    }

    @Test
    @Order(3)
    void signedForgedAndThrottledWebhooksAreInTheLogsAndFoundByPhone() throws Exception {
        byte[] signed = message("wamid.ADMINLOG1", "Hello, where is my order?");
        assertThat(webhook(signed, MetaSignature.sign(signed, APP_SECRET)).statusCode()).isEqualTo(200);
        byte[] forged = message("wamid.FORGED", "Send me everything");
        assertThat(webhook(forged, MetaSignature.sign(forged, "not-the-app-secret")).statusCode()).isEqualTo(401);
        int refused = 1;
        HttpResponse<String> answer;
        // the address's budget of refusals for this number (20 per 10 minutes), then it is turned away
        while ((answer = webhook(forged, null)).statusCode() == 401 && refused < 30) {
            refused++;
        }
        assertThat(answer.statusCode()).as("turned away after %s refusals", refused).isEqualTo(429);
        List<String> expected = new java.util.ArrayList<>(List.of("throttled"));
        expected.addAll(java.util.Collections.nCopies(refused, "refused"));
        expected.add("accepted");

        browser.open("/admin/whatsapp/logs");
        // the log is written beside the answer, a moment after it
        browser.waitFor(d -> {
            if (d.findElements(By.cssSelector("[data-outcome]")).size() >= expected.size()) {
                return true;
            }
            d.navigate().refresh();
            return null;
        }, "every webhook logged");
        assertThat(browser.driver.findElements(By.cssSelector("[data-outcome]"))).extracting(e -> e.getAttribute("data-outcome"))
                .containsExactlyElementsOf(expected);
        String log = browser.find("[id='logs:list']").getText();
        assertThat(log).contains("X-Hub-Signature-256 signature is missing or does not match", "HTTP 401", "HTTP 429", "wamid.ADMINLOG1", CUSTOMER);
        assertThat(log).as("nothing of a forged body is read").doesNotContain("wamid.FORGED");
        assertThat(browser.driver.getPageSource()).doesNotContain(VERIFY_TOKEN);

        browser.find("[id='logs:phone']").sendKeys("+49 151 1234 5678");
        browser.find("[id='logs:search']").click();
        browser.waitFor(d -> d.findElements(By.cssSelector("[data-outcome]")).size() == 1 ? true : null, "only the customer's webhook");
        assertThat(browser.find("[data-outcome]").getAttribute("data-outcome")).isEqualTo("accepted");
        assertThat(browser.find("[id='logs:list']").getText()).contains("wamid.ADMINLOG1");

        browser.find("[id='logs:phone']").clear();
        browser.find("[id='logs:phone']").sendKeys("call me maybe");
        browser.find("[id='logs:search']").click();
        browser.waitForText("[id='logs:messages']", "Phone must be a phone number or WhatsApp id");
        browser.find("[id='logs:phone']").clear();
        browser.driver.executeScript("document.getElementById('logs:from').type = 'text'; document.getElementById('logs:from').value = 'yesterday';");
        browser.find("[id='logs:search']").click();
        browser.waitForText("[id='logs:messages']", "From and to are a date and time");
        assertThat(browser.driver.getPageSource()).doesNotContain("Something went wrong");

        browser.open("/admin/whatsapp");
        browser.waitForText(".rd-wa-last-webhook", "(throttled, HTTP 429)");
        browser.waitFor(d -> {
            if (d.findElement(By.id("stat-in")).getText().equals("1")) {
                return true;
            }
            d.navigate().refresh();
            return null;
        }, "the signed message filed on a ticket, counted as in today");
        assertThat(Integer.parseInt(browser.find("#stat-failed").getText())).isEqualTo(expected.size() - 1);
        browser.screenshot("admin-whatsapp-logs");
    }

    @Test
    @Order(4)
    void anAgentIsKeptOutOfTheWhatsAppAdminPages() throws Exception {
        assertThat(admin.post("/api/users", "{\"email\":\"agent@wa-admin-desk.test\",\"name\":\"Ann Agent\",\"role\":\"agent\","
                + "\"password\":\"wa-admin-desk-agent-pw\"}").status()).isEqualTo(201);
        try (Browser alice = new Browser(relaydesk.baseUrl())) {
            alice.signIn("agent@wa-admin-desk.test", "wa-admin-desk-agent-pw");
            alice.waitFor(d -> d.getCurrentUrl().contains("/agent/") ? true : null, "signed in as an agent");
            for (String page : new String[] {"/admin/whatsapp", "/admin/whatsapp/logs", "/admin/whatsapp/config", "/admin/whatsapp/templates",
                    "/admin/whatsapp/numbers"}) {
                alice.open(page);
                alice.waitForText("body", "You are not allowed to open this page");
                assertThat(alice.driver.getPageSource()).as(page).doesNotContain("Support WhatsApp").doesNotContain(CUSTOMER);
            }
        }
    }

    @Test
    @Order(5)
    void anotherWorkspacesAdminSeesNoneOfTheseNumbersNorTheirLogs() throws Exception {
        Api.Reply globex = RelaydeskProcess.sharedSystemAdmin().post("/api/workspaces", "{\"name\":\"Globex\",\"slug\":\"globex-wa\","
                + "\"admin\":{\"email\":\"admin@globex-wa.test\",\"name\":\"Globex Admin\",\"password\":\"globex-password\"}}");
        assertThat(globex.status()).as(globex.body()).isEqualTo(201);
        try (Browser other = new Browser(relaydesk.baseUrl())) {
            other.signIn("admin@globex-wa.test", "globex-password");
            other.find("#stat-open");
            other.open("/admin/whatsapp");
            other.waitForText("#content", "No WhatsApp number yet");
            other.open("/admin/whatsapp/logs");
            other.waitForText("[id='logs:list']", "Nothing logged matches.");
            other.find("[id='logs:phone']").sendKeys(CUSTOMER);
            other.find("[id='logs:search']").click();
            other.waitForAjax();
            other.waitForText("[id='logs:list']", "Nothing logged matches.");
            other.open("/admin/whatsapp/config?id=" + account);
            other.waitForText("[id='config:messages']", "There is no WhatsApp number " + account + " in this workspace");
            other.open("/admin/whatsapp/templates");
            other.waitForText("[id='templates:list']", "No templates here yet");
            assertThat(other.driver.getPageSource()).doesNotContain("Support WhatsApp").doesNotContain("order_update").doesNotContain(CUSTOMER);
        }
    }

    private static void setting(String key, String value) {
        var input = browser.find("label[data-field='" + key + "'] input");
        input.clear();
        input.sendKeys(value);
    }

    private static byte[] message(String wamid, String text) {
        return ("""
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
                 "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"%s"},
                 "contacts":[{"profile":{"name":"Kerry Fischer"},"wa_id":"%s"}],
                 "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}]}}]}]}"""
                .formatted(NUMBER_ID, CUSTOMER, CUSTOMER, wamid, Instant.now().getEpochSecond(), text)).getBytes(StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> webhook(byte[] body, String signature) throws Exception {
        return WhatsAppWebhooks.post(relaydesk.baseUrl(), account, body, signature);
    }
}
