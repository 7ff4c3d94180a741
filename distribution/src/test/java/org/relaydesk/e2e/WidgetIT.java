package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

/**
 * The floating widget on a website of another origin, in a real browser: one script tag on a page
 * whose CSS attacks everything, the launcher drawn in the site's colour anyway, a help article found
 * as the visitor types (with a slip) and read in place, "Talk to a person" carrying the question into
 * the contact form, the message a ticket of channel "widget"; a page of a site the widget does not
 * name is refused with words an admin can act on; bad input is refused and changes nothing; the panel
 * passes axe-core's WCAG 2.1 AA rules.
 */
class WidgetIT {
    /** A page that tries to break any widget: every element restyled, hidden or transformed. */
    private static final String HOSTILE_CSS = "*{font-size:40px!important;color:#f0f!important;background:#0f0!important;"
            + "line-height:3!important;box-sizing:content-box!important;letter-spacing:9px!important}"
            + "button{display:none!important}div,relaydesk-widget{transform:scale(.2)!important;opacity:.1!important}"
            + "input,textarea{visibility:hidden!important}";

    private static RelaydeskProcess relaydesk;
    private static Api admin;
    private static HttpServer site;
    private static HttpServer otherSite;
    private static volatile String siteKey;
    private static volatile String signedEmail;
    private static volatile String signedHash;
    private static String widgetId;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        relaydesk = RelaydeskProcess.sharedDemoDesk();
        admin = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD));
        site = hostSite();
        otherSite = hostSite();
        Api.Reply made = admin.post("/api/widgets", Json.createObjectBuilder().add("name", "Shop").add("primary_color", "#0F766E")
                .add("allowed_origins", Json.createArrayBuilder().add(siteOrigin(site)).add("*.shop.test"))
                .add("greeting", "Hi! Ask us anything about your order.").build());
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        siteKey = made.json().getString("site_key");
        widgetId = made.json().getString("id");
        assertThat(siteKey).startsWith("wk_");

        Api.Reply article = admin.post("/api/kb/articles", Json.createObjectBuilder().add("title", "Tracking a parcel after checkout")
                .add("body", "<p>Open <strong>My orders</strong> and choose <a href=\"https://carrier.test/track\">Track parcel</a>.</p>")
                .add("language", "en").add("visibility", "public").build());
        assertThat(article.status()).as(article.body()).isEqualTo(201);
        assertThat(admin.post("/api/kb/articles/" + article.json().getString("id") + "/publish", "{}").status()).isEqualTo(200);
        Api.Reply internal = admin.post("/api/kb/articles", Json.createObjectBuilder().add("title", "Parcel tracking escalations: staff runbook")
                .add("body", "<p>Internal only.</p>").add("language", "en").add("visibility", "internal").build());
        assertThat(admin.post("/api/kb/articles/" + internal.json().getString("id") + "/publish", "{}").status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        for (HttpServer server : new HttpServer[] {site, otherSite}) {
            if (server != null) {
                server.stop(0);
            }
        }
    }

    /** A website of its own origin whose page embeds the widget with the one tag, and the hostile CSS. */
    private static HttpServer hostSite() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String desk = relaydesk.baseUrl();
            boolean signed = exchange.getRequestURI().getQuery() != null && exchange.getRequestURI().getQuery().contains("signed");
            String identity = signed ? " data-user-email=\"" + signedEmail + "\" data-user-hash=\"" + signedHash + "\"" : "";
            String page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Acme shop</title><style>" + HOSTILE_CSS
                    + "</style></head><body><main><h1>Acme shop</h1><p>Our products.</p></main>"
                    + "<script src=\"" + desk + "/widget.js\" data-api-url=\"" + desk + "/api\" data-site-id=\"" + siteKey + "\"" + identity
                    + " async></script></body></html>";
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String siteOrigin(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static SearchContext widget(Browser browser) {
        return browser.waitFor(d -> {
            List<WebElement> hosts = d.findElements(By.tagName("relaydesk-widget"));
            return hosts.isEmpty() ? null : hosts.get(0).getShadowRoot();
        }, "the widget's host element");
    }

    private static WebElement inWidget(Browser browser, String css) {
        return browser.waitFor(d -> {
            List<WebElement> found = widget(browser).findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        }, "widget element " + css);
    }

    private static void waitForWidgetText(Browser browser, String css, String text) {
        browser.waitFor(d -> inWidget(browser, css).getText().contains(text) ? true : null, "'" + text + "' in " + css);
    }

    @Test
    void aVisitorFindsAnArticleAsTheyTypeAndSendsAMessageThatBecomesATicket() throws Exception {
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.driver.get(siteOrigin(site) + "/");
            WebElement launcher = inWidget(browser, ".rd-launcher");
            assertThat(launcher.getAttribute("aria-label")).isEqualTo("Open help and contact");
            assertThat(launcher.getCssValue("background-color")).as("the widget's colour, whatever the page's CSS says").isEqualTo("rgba(15, 118, 110, 1)");
            assertThat(launcher.getSize().getWidth()).as("its own size, not the page's 40px fonts").isEqualTo(56);
            browser.screenshot("widget-launcher");

            launcher.click();
            WebElement question = inWidget(browser, "#rd-q");
            assertThat(browser.driver.executeScript("return document.querySelector('relaydesk-widget').shadowRoot.activeElement.id")).as("focus goes to the question")
                    .isEqualTo("rd-q");
            waitForWidgetText(browser, ".rd-greeting", "Ask us anything about your order.");
            question.sendKeys("trackng parcel"); // a slip, as visitors type
            waitForWidgetText(browser, ".rd-results", "Tracking a parcel after checkout");
            assertThat(inWidget(browser, ".rd-results").getText()).as("internal articles never reach visitors").doesNotContain("runbook");
            assertThat(inWidget(browser, ".rd-status").getText()).isEqualTo("1 article found");
            browser.screenshot("widget-help");
            inWidget(browser, ".rd-hit").click();
            waitForWidgetText(browser, ".rd-article", "choose Track parcel");
            WebElement link = widget(browser).findElement(By.cssSelector(".rd-article-body a"));
            assertThat(link.getAttribute("target")).isEqualTo("_blank");
            assertThat(link.getAttribute("rel")).contains("noopener");
            inWidget(browser, ".rd-article .rd-link").click();

            question = inWidget(browser, "#rd-q");
            question.clear();
            question.sendKeys("Where is my order 4711?");
            inWidget(browser, ".rd-talk").click();
            WebElement message = inWidget(browser, "#rd-message");
            assertThat(message.getAttribute("value")).as("what was typed comes along").isEqualTo("Where is my order 4711?");
            message.sendKeys("\nIt was due on Monday.");
            inWidget(browser, "#rd-email").sendKeys("not-an-address");
            inWidget(browser, "button[type=submit]").click();
            waitForWidgetText(browser, "#rd-error-email", "email");
            assertThat(inWidget(browser, "#rd-email").getAttribute("aria-invalid")).isEqualTo("true");
            inWidget(browser, "#rd-email").clear();
            inWidget(browser, "#rd-email").sendKeys("wanda@visitor.test");
            inWidget(browser, "#rd-name").sendKeys("Wanda Visitor");
            browser.screenshot("widget-contact");
            inWidget(browser, "button[type=submit]").click();
            waitForWidgetText(browser, ".rd-sent", "is with our team");
            String sent = inWidget(browser, ".rd-sent").getText();
            assertThat(sent).contains("wanda@visitor.test");
            browser.screenshot("widget-sent");

            JsonObject ticket = admin.get("/api/tickets?q=4711").json().getJsonArray("tickets").getValuesAs(JsonObject.class).stream()
                    .filter(t -> t.getString("subject").equals("Where is my order 4711?")).findFirst().orElseThrow(() -> new AssertionError("no ticket"));
            assertThat(sent).contains(String.valueOf(ticket.getJsonNumber("number")));
            JsonObject full = admin.get("/api/tickets/" + ticket.getString("id")).json();
            assertThat(full.getString("source_channel", full.getString("channel", ""))).isEqualTo("widget");
            assertThat(full.getString("description")).contains("It was due on Monday.").contains("(Sent from " + siteOrigin(site) + "/)");

            // the keyboard: Escape closes the panel and gives the focus back to the launcher
            inWidget(browser, "#rd-tab-help").click();
            inWidget(browser, "#rd-q").sendKeys(Keys.ESCAPE);
            browser.waitFor(d -> widget(browser).findElements(By.cssSelector(".rd-panel[hidden]")).isEmpty() ? null : true, "the panel to close");
            assertThat(browser.driver.executeScript("return document.querySelector('relaydesk-widget').shadowRoot.activeElement.className"))
                    .asString().contains("rd-launcher");
        }
    }

    @Test
    void thePanelMeetsWcagAaByAxeCoreAndFitsAPhone() throws Exception {
        String axe = axeCore();
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.driver.get(siteOrigin(site) + "/");
            inWidget(browser, ".rd-launcher").click();
            inWidget(browser, "#rd-q").sendKeys("parcel");
            waitForWidgetText(browser, ".rd-results", "Tracking a parcel");
            browser.driver.executeScript(axe);
            Object result = browser.driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                    + "axe.run({include: [['relaydesk-widget']]}, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                    + ".then(function (r) { done(JSON.stringify(r.violations.map(function (v) { return v.id + ': ' + v.help + ' ' "
                    + "+ v.nodes.map(function (n) { return n.target.join(' '); }).join(', '); }))); }, function (e) { done('error ' + e); });");
            assertThat(result).asString().as("axe-core's WCAG 2.1 A and AA violations in the widget").isEqualTo("[]");
            inWidget(browser, "#rd-tab-contact").click();
            inWidget(browser, "#rd-email");
            Object contact = browser.driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                    + "axe.run({include: [['relaydesk-widget']]}, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                    + ".then(function (r) { done(JSON.stringify(r.violations.map(function (v) { return v.id; }))); });");
            assertThat(contact).asString().as("the contact form too").isEqualTo("[]");

            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            browser.waitFor(d -> inWidget(browser, ".rd-panel").getSize().getWidth() >= 380 ? true : null, "the panel to fill a phone's width");
            browser.screenshot("widget-phone");
        }
    }

    @Test
    void aPageOfAnotherSiteIsRefusedWithWordsAnAdminCanActOn() throws Exception {
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.driver.get(siteOrigin(otherSite) + "/");
            browser.waitFor(d -> d.findElements(By.tagName("relaydesk-widget")).isEmpty() ? null : true, "the loader to run");
            Object answer = browser.driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                    + "fetch('" + relaydesk.baseUrl() + "/api/public/widget/" + siteKey + "/config').then(function (r) {"
                    + " return r.json().then(function (j) { done(r.status + ' ' + j.detail); }); }, function (e) { done('unreadable ' + e); });");
            assertThat(answer).asString().startsWith("403 This widget may not be shown on " + siteOrigin(otherSite))
                    .contains("allowed sites");
            assertThat(widget(browser).findElements(By.cssSelector(".rd-launcher"))).as("no launcher on a site the widget does not name").isEmpty();
        }
        for (String origin : List.of("http://127.0.0.1:1", siteOrigin(site) + ".evil.test", "https://127.0.0.1:" + site.getAddress().getPort(), "null",
                "https://shop.test", "https://evil-shop.test", "https://shop.test.evil.test")) {
            HttpResponse<String> refused = call("GET", "/config", origin, null);
            assertThat(refused.statusCode()).as(origin).isEqualTo(403);
            assertThat(refused.body()).as(origin).doesNotContain("primary_color");
        }
        assertThat(call("GET", "/config", null, null).statusCode()).as("no Origin at all").isEqualTo(403);
        assertThat(call("GET", "/config", "https://www.shop.test", null).statusCode()).as("a subdomain of *.shop.test").isEqualTo(200);
        HttpResponse<String> preflight = call("OPTIONS", "/messages", siteOrigin(site), null);
        assertThat(preflight.statusCode()).isIn(200, 204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(siteOrigin(site));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).as("never with cookies").isEmpty();
    }

    @Test
    void badInputIsRefusedClearlyAndChangesNothing() throws Exception {
        String origin = siteOrigin(site);
        for (String key : List.of("wk_unknownunknownunknown", "nope", "wk_" + "a".repeat(200), "..%2F..%2Fapi", "wk_%00")) {
            HttpResponse<String> missing = HTTP.send(HttpRequest.newBuilder(URI.create(relaydesk.baseUrl() + "/api/public/widget/" + key + "/config"))
                    .header("Origin", origin).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).as(key).isIn(400, 404);
            assertThat(missing.body()).as(key).doesNotContain("Exception").doesNotContain("at org.");
        }
        long before = ticketsOf("bad-input@visitor.test");
        Map<String, String> bodies = Map.of(
                "{not json", "malformed",
                "{\"email\":\"bad-input@visitor.test\",\"message\":\"\"}", "message",
                "{\"email\":\"bad-input@visitor.test\",\"message\":\"" + "x".repeat(10_001) + "\"}", "message",
                "{\"email\":\"not an address\",\"message\":\"Hello\"}", "email",
                "{\"message\":\"Hello\"}", "email",
                "{\"email\":[1],\"message\":\"Hello\"}", "email",
                "[]", "array");
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            HttpResponse<String> refused = call("POST", "/messages", origin, body.getKey());
            assertThat(refused.statusCode()).as(body.getValue()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        }
        assertThat(call("GET", "/articles?q=" + "q".repeat(300), origin, null).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/articles/no-such-article", origin, null).statusCode()).isEqualTo(404);
        assertThat(ticketsOf("bad-input@visitor.test")).as("nothing was filed").isEqualTo(before);

        // switched off: the tag stops working at once
        Api.Reply off = admin.put("/api/widgets/" + widgetId, Json.createObjectBuilder().add("name", "Shop").add("primary_color", "#0F766E")
                .add("allowed_origins", Json.createArrayBuilder().add(siteOrigin(site)).add("*.shop.test")).add("active", false).build());
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        try {
            assertThat(call("GET", "/config", origin, null).statusCode()).isEqualTo(404);
        } finally {
            admin.put("/api/widgets/" + widgetId, Json.createObjectBuilder().add("name", "Shop").add("primary_color", "#0F766E")
                    .add("allowed_origins", Json.createArrayBuilder().add(siteOrigin(site)).add("*.shop.test"))
                    .add("greeting", "Hi! Ask us anything about your order.").build());
        }
        Api.Reply invalid = admin.post("/api/widgets", Json.createObjectBuilder().add("name", "").add("primary_color", "blue")
                .add("allowed_origins", Json.createArrayBuilder().add("https://shop.test/path")).add("position", "middle").build());
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("name").contains("primary_color").contains("allowed_origins").contains("position");
    }

    @Test
    void anAdminSetsUpAWidgetOnThePageAndAnAgentMayNot() throws Exception {
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn("admin@demo.test", "demo-admin-pw");
            browser.find("#stat-open");
            browser.open("/admin/widget");
            browser.find("[id='widget:name']").sendKeys("Blog");
            browser.find("[id='widget:origins']").sendKeys("blog.example.com/\nnot a site");
            browser.find("[id='widget:save']").click();
            browser.waitForText("[id='widget:messages']", "not a site");
            browser.find("[id='widget:origins']").clear();
            browser.find("[id='widget:origins']").sendKeys("blog.example.com/");
            browser.find("[id='widget:save']").click();
            browser.waitForText("[id='widget:list']", "https://blog.example.com");
            assertThat(browser.find("[id='widget:list']").getText()).contains("<script src=\"").contains("/widget.js\" data-api-url=\"")
                    .contains("data-site-id=\"wk_");
            browser.screenshot("admin-widget");
        }
        String blog = admin.get("/api/widgets").json().getJsonArray("data").getValuesAs(JsonObject.class).stream()
                .filter(w -> w.getString("name").equals("Blog")).findFirst().orElseThrow().getString("id");
        Api.Reply agentMade = admin.post("/api/users", Json.createObjectBuilder().add("email", "widget-agent@demo.test").add("name", "Will Widget")
                .add("role", "agent").add("password", "widget-agent-pw").build());
        assertThat(agentMade.status()).as(agentMade.body()).isIn(201, 409);
        Api agent = admin.as(Api.login(relaydesk.baseUrl(), "widget-agent@demo.test", "widget-agent-pw"));
        assertThat(agent.get("/api/widgets").status()).isEqualTo(403);
        assertThat(agent.delete("/api/widgets/" + blog).status()).isEqualTo(403);
        assertThat(admin.delete("/api/widgets/" + blog).status()).isEqualTo(204);
        assertThat(admin.get("/api/widgets/" + blog).status()).isEqualTo(404);
    }

    @Test
    void aVisitorChatsLiveWithAnAgentWhoseDeskIsOpenAndTheChatSurvivesAReload() throws Exception {
        Api.Reply made = admin.post("/api/users", Json.createObjectBuilder().add("email", "chat-agent@demo.test").add("name", "Cleo Chat")
                .add("role", "agent").add("password", "chat-agent-pw").build());
        assertThat(made.status()).as(made.body()).isIn(201, 409);
        try (Browser agent = new Browser(relaydesk.baseUrl()); Browser visitor = new Browser(relaydesk.baseUrl())) {
            agent.signIn("chat-agent@demo.test", "chat-agent-pw");
            agent.find("#queue-title");
            agent.open("/agent/chats");
            agent.waitForText("#desk-state", "You are at the chat desk");
            agent.waitForLive();
            try {
                // the shop's signed-in customer: the chat is theirs, so what is said after it can reach them by email
                String secret = admin.get("/api/widgets/" + widgetId + "/identity-secret").json().getString("identity_secret");
                signedEmail = "chatter@visitor.test";
                signedHash = hmac(secret, "email:" + signedEmail);
                visitor.driver.get(siteOrigin(site) + "/?signed");
                inWidget(visitor, ".rd-launcher").click();
                inWidget(visitor, "#rd-q").sendKeys("Is the blue jacket in stock?");
                inWidget(visitor, ".rd-talk").click();
                waitForWidgetText(visitor, ".rd-log", "Is the blue jacket in stock?");
                waitForWidgetText(visitor, ".rd-chat-status", "Waiting for someone from our team");
                inWidget(visitor, ".rd-log[data-live='open']"); // the live connection, not the fallback polling
                assertThat(widget(visitor).findElements(By.cssSelector(".rd-view button.rd-primary")).stream().filter(WebElement::isDisplayed)
                        .map(WebElement::getText)).as("no 'new chat' while this one goes on").doesNotContain("Start a new chat");

                agent.waitForText("[id='chats:inbox']", "Is the blue jacket in stock?");
                agent.find(".rd-chat-accept").click();
                agent.waitForText("#chat-status", "active");
                waitForWidgetText(visitor, ".rd-log", "Cleo Chat joined the chat");
                agent.find("[id='chats:reply']").sendKeys("Yes, in every size.");
                agent.find("[id='chats:article_input']").sendKeys("parcel");
                agent.waitForText(".ui-autocomplete-panel", "Tracking a parcel after checkout");
                agent.click(".ui-autocomplete-panel li[data-item-value]");
                agent.waitFor(d -> agent.find("[id='chats:reply']").getAttribute("value").contains("Tracking a parcel after checkout: http") ? true : null,
                        "the article's title and address in the chat box");
                agent.find("[id='chats:send']").click();
                waitForWidgetText(visitor, ".rd-line-agent", "Yes, in every size.");
                waitForWidgetText(visitor, ".rd-line-agent", "/help/article/");
                visitor.waitFor(d -> inWidget(visitor, ".rd-chat-status").getText().isEmpty() ? true : null, "the agent no longer typing once sent");
                visitor.screenshot("widget-chat");

                WebElement composer = inWidget(visitor, "#rd-chat-text");
                composer.sendKeys("Great, can I");
                agent.waitForText("[id='chats:conversation']", "is typing");
                composer.sendKeys(" pick it up today?" + Keys.ENTER);
                agent.waitForText("#chat-log", "Great, can I pick it up today?");
                waitForWidgetText(visitor, ".rd-seen", "Seen"); // the agent's desk read it
                agent.screenshot("agent-chats");

                // the visitor's page reloads (another page of the shop): the chat goes on, every line once, and what was said meanwhile arrives
                visitor.driver.navigate().refresh();
                agent.find("[id='chats:reply']").sendKeys("Of course, until 6 pm.");
                agent.find("[id='chats:send']").click();
                agent.waitForText("#chat-log", "Of course, until 6 pm.");
                inWidget(visitor, ".rd-launcher").click();
                waitForWidgetText(visitor, ".rd-log", "Of course, until 6 pm.");
                List<String> lines = widget(visitor).findElements(By.cssSelector(".rd-line-visitor, .rd-line-agent")).stream()
                        .map(WebElement::getText).toList();
                assertThat(lines).as("each line once, in order").hasSize(4);
                assertThat(lines.get(0)).contains("Is the blue jacket in stock?");
                assertThat(lines.get(3)).contains("Of course, until 6 pm.");

                agent.find("[id='chats:end']").click();
                waitForWidgetText(visitor, ".rd-chat-status", "The chat has ended");
                assertThat(inWidget(visitor, ".rd-log").getText()).as("the transcript stays").contains("Yes, in every size.");

                JsonObject ticket = admin.get("/api/tickets?q=jacket").json().getJsonArray("tickets").getValuesAs(JsonObject.class).stream()
                        .filter(t -> t.getString("subject").startsWith("Chat: Is the blue jacket")).findFirst().orElseThrow();
                JsonObject full = admin.get("/api/tickets/" + ticket.getString("id")).json();
                assertThat(full.getString("source_channel")).isEqualTo("chat");
                assertThat(full.getString("requester_email", "")).as("the signed-in customer's chat").isEqualTo("chatter@visitor.test");
                String comments = admin.get("/api/tickets/" + ticket.getString("id") + "/comments").body();
                assertThat(comments).contains("Yes, in every size.").contains("Great, can I pick it up today?").contains("ended the chat");
                assertThat(admin.get("/api/outbox?limit=100").body()).as("nothing was emailed while chatting").doesNotContain(ticket.getString("id"));
            } finally {
                agent.open("/agent/chats");
                agent.find("[id='chats:taking']").click();
                agent.waitForText("#desk-state", "You are not taking new chats");
            }
        }
        // with nobody at the desk, "Talk to a person" is the form again
        HttpResponse<String> config = call("GET", "/config", siteOrigin(site), null);
        assertThat(config.body()).contains("\"chat\":false");
    }

    @Test
    void aChatFromAWidgetWithATeamIsOfferedFirstToTheAgentItsRoutingChose() throws Exception {
        for (String[] agent : new String[][] {{"route-rita@demo.test", "Rita Route"}, {"route-rob@demo.test", "Rob Route"}}) {
            Api.Reply made = admin.post("/api/users", Json.createObjectBuilder().add("email", agent[0]).add("name", agent[1]).add("role", "agent")
                    .add("password", "route-agent-pw").build());
            assertThat(made.status()).as(made.body()).isIn(201, 409);
        }
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn("admin@demo.test", "demo-admin-pw");
            browser.find("#stat-open");
            browser.open("/admin/teams");
            browser.find("[id='teams:name']").sendKeys("Chat routing");
            browser.find("[id='teams:members']").click();
            // the list is long on the shared desk and still sliding open: pick Rita by the menu's own click handler, wherever she is in it
            WebElement ritaBox = browser.waitFor(d -> d.findElements(By.xpath("//li[contains(@class,'ui-selectcheckboxmenu-item')][label[text()='Rita Route']]"
                    + "//div[contains(@class,'ui-chkbox-box')]")).stream().findFirst().orElse(null), "Rita in the members list");
            browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", ritaBox);
            browser.waitFor(d -> d.findElements(By.xpath("//li[contains(@class,'ui-selectcheckboxmenu-item')][label[text()='Rita Route']]"
                    + "//div[contains(@class,'ui-state-active')]")).isEmpty() ? null : true, "Rita chosen");
            browser.choose("teams:strategy", "Round robin");
            browser.find("[id='teams:save']").click();
            browser.waitForText("[id='teams:list']", "Chat routing");
        }
        String team = admin.post("/graphql", "{\"query\":\"{ teams { id name } }\"}").json().getJsonObject("data").getJsonArray("teams")
                .getValuesAs(JsonObject.class).stream().filter(t -> t.getString("name").equals("Chat routing")).findFirst().orElseThrow().getString("id");
        Api rita = admin.as(Api.login(relaydesk.baseUrl(), "route-rita@demo.test", "route-agent-pw"));
        Api rob = admin.as(Api.login(relaydesk.baseUrl(), "route-rob@demo.test", "route-agent-pw"));
        Api.Reply routed = admin.put("/api/widgets/" + widgetId, Json.createObjectBuilder().add("name", "Shop").add("primary_color", "#0F766E")
                .add("allowed_origins", Json.createArrayBuilder().add(siteOrigin(site)).add("*.shop.test")).add("chat_team_id", team)
                .add("greeting", "Hi! Ask us anything about your order.").build());
        assertThat(routed.status()).as(routed.body()).isEqualTo(200);
        try {
            assertThat(rita.post("/api/chats/desk", "{}").status()).isEqualTo(204);
            assertThat(rob.post("/api/chats/desk", "{}").status()).isEqualTo(204);
            HttpResponse<String> started = call("POST", "/chats", siteOrigin(site), "{\"visitor_id\":\"routedvisitor0000001\",\"message\":\"Routed hello\"}");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
            String chat = Json.createReader(new java.io.StringReader(started.body())).readObject().getString("chat_id");

            assertThat(rob.get("/api/chats").body()).as("offered to Rita first: Rob does not see it yet").doesNotContain(chat);
            assertThat(rob.post("/api/chats/" + chat + "/accept", "{}").status()).isEqualTo(409);
            JsonObject offered = rita.get("/api/chats").json().getJsonArray("data").getValuesAs(JsonObject.class).stream()
                    .filter(c -> c.getString("chat_id").equals(chat)).findFirst().orElseThrow(() -> new AssertionError("Rita is offered the chat"));
            assertThat(offered.getString("offered_to")).isEqualTo(rita.get("/api/auth/me").json().getString("id"));
            Api.Reply accepted = rita.post("/api/chats/" + chat + "/accept", "{}");
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
            assertThat(accepted.json().getString("agent_name")).isEqualTo("Rita Route");
            // handed to the team: it waits again, for the team's agents
            Api.Reply handed = rita.post("/api/chats/" + chat + "/transfer", Json.createObjectBuilder().add("team_id", team).build());
            assertThat(handed.status()).as(handed.body()).isIn(200, 204);
            JsonObject waiting = rita.get("/api/chats/" + chat).json();
            assertThat(waiting.getString("status")).isEqualTo("waiting");
            assertThat(rita.post("/api/chats/" + chat + "/transfer", Json.createObjectBuilder().add("team_id", java.util.UUID.randomUUID().toString())
                    .build()).status()).as("not a team of this workspace").isIn(400, 403);
            assertThat(rita.post("/api/chats/" + chat + "/accept", "{}").status()).isEqualTo(200);
            assertThat(rita.post("/api/chats/" + chat + "/end", "{}").status()).isEqualTo(204);
        } finally {
            rita.post("/api/chats/desk/leave", "{}");
            rob.post("/api/chats/desk/leave", "{}");
            admin.put("/api/widgets/" + widgetId, Json.createObjectBuilder().add("name", "Shop").add("primary_color", "#0F766E")
                    .add("allowed_origins", Json.createArrayBuilder().add(siteOrigin(site)).add("*.shop.test"))
                    .add("greeting", "Hi! Ask us anything about your order.").build());
        }
    }

    @Test
    void withoutWebSocketsTheChatFallsBackToPollingAndItsViewPassesAxe() throws Exception {
        Api.Reply made = admin.post("/api/users", Json.createObjectBuilder().add("email", "poll-agent@demo.test").add("name", "Polly Poll")
                .add("role", "agent").add("password", "poll-agent-pw").build());
        assertThat(made.status()).as(made.body()).isIn(201, 409);
        Api polly = admin.as(Api.login(relaydesk.baseUrl(), "poll-agent@demo.test", "poll-agent-pw"));
        String axe = axeCore();
        try (Browser visitor = new Browser(relaydesk.baseUrl())) {
            assertThat(polly.post("/api/chats/desk", "{}").status()).isEqualTo(204);
            // a proxy that refuses WebSockets, as far as the page can tell: there are none
            visitor.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", "delete window.WebSocket;"));
            visitor.driver.get(siteOrigin(site) + "/");
            inWidget(visitor, ".rd-launcher").click();
            inWidget(visitor, "#rd-q").sendKeys("Polling please");
            inWidget(visitor, ".rd-talk").click();
            waitForWidgetText(visitor, ".rd-log", "Polling please");
            String chat = polly.get("/api/chats").json().getJsonArray("data").getValuesAs(JsonObject.class).stream()
                    .filter(c -> c.getString("first_message").equals("Polling please")).findFirst().orElseThrow().getString("chat_id");
            assertThat(polly.post("/api/chats/" + chat + "/accept", "{}").status()).isEqualTo(200);
            assertThat(polly.post("/api/chats/" + chat + "/messages", Json.createObjectBuilder().add("body", "Heard you by polling.").build()).status())
                    .isEqualTo(201);
            waitForWidgetText(visitor, ".rd-line-agent", "Heard you by polling.");
            assertThat(widget(visitor).findElements(By.cssSelector(".rd-log[data-live='open']"))).as("no live connection was used").isEmpty();
            visitor.driver.executeScript(axe);
            Object result = visitor.driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                    + "axe.run({include: [['relaydesk-widget']]}, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                    + ".then(function (r) { done(JSON.stringify(r.violations.map(function (v) { return v.id + ' ' "
                    + "+ v.nodes.map(function (n) { return n.target.join(' '); }).join(', '); }))); });");
            assertThat(result).asString().as("the chat view, by axe-core's WCAG 2.1 A and AA rules").isEqualTo("[]");
            assertThat(polly.post("/api/chats/" + chat + "/end", "{}").status()).isEqualTo(204);
        } finally {
            polly.post("/api/chats/desk/leave", "{}");
        }
    }

    @Test
    void aChatRefusesWhatItsVisitorCannotProve() throws Exception {
        String origin = siteOrigin(site);
        HttpResponse<String> nobody = call("POST", "/chats", origin, "{\"visitor_id\":\"abcdefghijklmnop0123\",\"message\":\"Hello\"}");
        assertThat(nobody.statusCode()).as(nobody.body()).isEqualTo(409);
        assertThat(nobody.body()).contains("chat-nobody-online");
        for (String body : List.of("{\"message\":\"Hello\"}", "{\"visitor_id\":\"short\",\"message\":\"Hello\"}",
                "{\"visitor_id\":\"abcdefghijklmnop0123\",\"message\":\"\"}", "{\"visitor_id\":\"abcdefghijklmnop0123\",\"message\":\""
                        + "x".repeat(5001) + "\"}")) {
            assertThat(call("POST", "/chats", origin, body).statusCode()).as(body.length() > 100 ? "too long" : body).isEqualTo(400);
        }
        // through the API, the chat desk is staff's only, and a chat nobody can see is not found
        assertThat(new Api(relaydesk.baseUrl(), null).get("/api/chats").status()).isEqualTo(401);
        assertThat(admin.get("/api/chats").status()).isEqualTo(200);
        assertThat(admin.post("/api/chats/" + java.util.UUID.randomUUID() + "/accept", "{}").status()).isEqualTo(404);
        String unknown = "/chats/" + java.util.UUID.randomUUID();
        assertThat(call("GET", unknown, origin, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/chats/not-an-id", origin, null).statusCode()).isIn(400, 404);
        assertThat(call("POST", unknown + "/messages", origin, "{\"body\":\"hi\"}").statusCode()).isEqualTo(404);
        assertThat(call("POST", unknown + "/typing", origin, "").statusCode()).isEqualTo(404);
        HttpResponse<String> preflight = call("OPTIONS", "/chats/x/messages", origin, null);
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).get().asString().contains("X-Chat-Token");
        // the live connection takes only a pass the chat API signed
        java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();
        java.net.http.WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(relaydesk.baseUrl().replace("http", "ws") + "/widget/live"),
                new java.net.http.WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }
                }).get(10, java.util.concurrent.TimeUnit.SECONDS);
        socket.sendText(java.util.UUID.randomUUID() + "." + java.util.UUID.randomUUID() + ".9999999999.forged", true);
        assertThat(closed.get(10, java.util.concurrent.TimeUnit.SECONDS)).as("a forged pass closes the connection").isEqualTo(1008);
        // and a connection that never shows a pass is closed after about ten seconds (the sweep runs every five)
        java.util.concurrent.CompletableFuture<Integer> silent = new java.util.concurrent.CompletableFuture<>();
        HTTP.newWebSocketBuilder().buildAsync(URI.create(relaydesk.baseUrl().replace("http", "ws") + "/widget/live"), new java.net.http.WebSocket.Listener() {
            @Override
            public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket webSocket, int statusCode, String reason) {
                silent.complete(statusCode);
                return null;
            }
        }).get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(silent.get(30, java.util.concurrent.TimeUnit.SECONDS)).as("closed by the server for its silence").isNotNull();
    }

    @Test
    void aChatbotHandsAConversationOverOnceAndEscalatesItWithItsToken() throws Exception {
        String workspace = PortalRequests.workspaceOf(admin);
        Api anonymous = new Api(relaydesk.baseUrl(), null);
        JsonObject handoff = Json.createObjectBuilder().add("workspace_id", workspace).add("conversation_id", "conv-" + System.nanoTime())
                .add("subject", "Escalated from chat").add("description", "Customer needs human support").add("customer_email", "bot-user@visitor.test")
                .add("customer_name", "Bo Botuser").add("chat_history", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("role", "user").add("content", "I need help <b>now</b>"))
                        .add(Json.createObjectBuilder().add("role", "bot").add("content", "How can I assist?"))).build();
        Api.Reply made = anonymous.post("/api/public/tickets/from-chat", handoff);
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        String ticketId = made.json().getJsonObject("ticket").getString("id");
        String token = made.json().getString("accessToken");
        Api.Reply squatter = anonymous.post("/api/public/tickets/from-chat", handoff);
        assertThat(squatter.status()).as("the same conversation without the first answer's token: nothing of it").isEqualTo(409);
        assertThat(squatter.body()).doesNotContain(ticketId).doesNotContain("Botuser");
        Api.Reply again = anonymous.post("/api/public/tickets/from-chat", Json.createObjectBuilder(handoff).add("access_token", token).build());
        assertThat(again.status()).as("a retry with its token: the same ticket").isEqualTo(200);
        assertThat(again.json().getJsonObject("ticket").getString("id")).isEqualTo(ticketId);
        JsonObject ticket = admin.get("/api/tickets/" + ticketId).json();
        assertThat(ticket.getString("source_channel")).isEqualTo("chat");
        String comments = admin.get("/api/tickets/" + ticketId + "/comments").body();
        assertThat(comments).contains("Chatbot transcript").contains("I need help &lt;b&gt;now&lt;/b&gt;").contains("How can I assist?");

        JsonObject escalation = Json.createObjectBuilder().add("workspace_id", workspace).add("bot_id", "helpbot")
                .add("conversation_id", handoff.getString("conversation_id")).add("reason", "complex_issue")
                .add("context", Json.createObjectBuilder().add("intent", "refund")).build();
        Api.Reply wrongToken = anonymous.post("/api/public/tickets/escalate", Json.createObjectBuilder(escalation).add("access_token", "nope").build());
        assertThat(wrongToken.status()).as("a wrong token: " + wrongToken.body()).isEqualTo(404);
        Api.Reply unknown = anonymous.post("/api/public/tickets/escalate", Json.createObjectBuilder(escalation).add("conversation_id", "no-such-conv").build());
        assertThat(unknown.status()).isEqualTo(404);
        Api.Reply asSeed = anonymous.post("/api/public/tickets/escalate", escalation);
        assertThat(asSeed.status()).as("as seed 003 has it, by the conversation alone: " + asSeed.body()).isEqualTo(200);
        assertThat(asSeed.json().getBoolean("escalated")).isTrue();
        assertThat(asSeed.body()).as("but without the token, nothing of the ticket").doesNotContain(ticketId).doesNotContain("Botuser");
        Api.Reply escalated = anonymous.post("/api/public/tickets/escalate", Json.createObjectBuilder(escalation).add("access_token", token).build());
        assertThat(escalated.status()).as(escalated.body()).isEqualTo(200);
        assertThat(escalated.json().getJsonObject("ticket").getString("id")).isEqualTo(ticketId);
        JsonObject after = admin.get("/api/tickets/" + ticketId).json();
        assertThat(after.getString("priority")).isEqualTo("high");
        assertThat(after.getJsonArray("tags").toString()).contains("escalated");
        assertThat(admin.get("/api/tickets/" + ticketId + "/comments").body()).contains("Escalated by Chatbot helpbot: complex_issue").contains("refund");

        for (String bad : List.of("{\"workspace_id\":\"" + workspace + "\",\"customer_email\":\"x@visitor.test\",\"chat_history\":\"no\"}",
                "{\"workspace_id\":\"" + workspace + "\",\"customer_email\":\"x@visitor.test\",\"chat_history\":[{\"role\":\"hacker\",\"content\":\"x\"}]}",
                "{\"workspace_id\":\"" + workspace + "\",\"customer_email\":\"x@visitor.test\",\"conversation_id\":\"../../etc\"}",
                "{\"workspace_id\":\"nope\",\"customer_email\":\"x@visitor.test\",\"description\":\"x\"}", "[1]", "{")) {
            Api.Reply refused = anonymous.post("/api/public/tickets/from-chat", bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
        }
    }

    @Test
    void aVisitorSeesTheirTicketsWhenTheSiteSignsTheirIdentityOrAfterAnEmailedLink() throws Exception {
        String customer = "mytickets@visitor.test";
        Api.Reply made = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Where is parcel 88?").add("description", "Ordered last week.")
                .add("requester_email", customer).build());
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        String ticketId = made.json().getString("id");
        String secret = admin.get("/api/widgets/" + widgetId + "/identity-secret").json().getString("identity_secret");
        signedEmail = customer;
        signedHash = hmac(secret, "email:" + customer);

        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.driver.get(siteOrigin(site) + "/?signed");
            inWidget(browser, ".rd-launcher").click();
            inWidget(browser, "#rd-tab-tickets").click();
            waitForWidgetText(browser, "#rd-view-tickets", "Where is parcel 88?");
            inWidget(browser, "#rd-view-tickets .rd-hit").click();
            waitForWidgetText(browser, "#rd-view-tickets", "Ordered last week.");
            inWidget(browser, "#rd-ticket-reply").sendKeys("Any news about it?");
            inWidget(browser, "#rd-view-tickets button[type=submit]").click();
            waitForWidgetText(browser, "#rd-view-tickets .rd-log", "Any news about it?");
            browser.screenshot("widget-my-tickets");
        }
        assertThat(admin.get("/api/tickets/" + ticketId + "/comments").body()).contains("Any news about it?");

        String origin = siteOrigin(site);
        assertThat(callWith("GET", "/tickets", origin, null, Map.of()).statusCode()).as("nobody proven").isEqualTo(401);
        HttpResponse<String> forged = callWith("GET", "/tickets", origin, null, Map.of("X-Visitor-Email", "someone-else@visitor.test",
                "X-Visitor-Hash", signedHash));
        assertThat(forged.statusCode()).as("another address with this one's signature").isEqualTo(403);
        assertThat(forged.body()).doesNotContain("parcel");
        assertThat(callWith("GET", "/tickets", origin, null, Map.of("X-Visitor-Session", "wvs_madeup")).statusCode()).isEqualTo(403);

        try (TestMail mail = TestMail.start()) {
            assertThat(admin.put("/api/plugins/channel-email", "{\"enabled\":true}").status()).isEqualTo(200);
            Api.Reply mailbox = admin.post("/api/channel-accounts", mail.accountJson("Widget mailbox"));
            assertThat(mailbox.status()).as(mailbox.body()).isEqualTo(201);
            try (Browser browser = new Browser(relaydesk.baseUrl())) {
                assertThat(call("POST", "/visitor/code", origin, "{\"email\":\"nobody-here@visitor.test\"}").statusCode()).as("unknown: the same answer")
                        .isEqualTo(202);
                browser.driver.get(origin + "/account");
                inWidget(browser, ".rd-launcher").click();
                inWidget(browser, "#rd-tab-tickets").click();
                inWidget(browser, "#rd-link-email").sendKeys(customer + Keys.ENTER);
                inWidget(browser, "#rd-code");
                MimeMessage sent = mail.await(customer, "Your code for", "the code for my tickets");
                java.util.regex.Matcher code = java.util.regex.Pattern.compile("\\b([0-9]{8})\\b").matcher(TestMail.rawBody(sent));
                assertThat(code.find()).as(TestMail.rawBody(sent)).isTrue();
                inWidget(browser, "#rd-code").sendKeys("00000000" + Keys.ENTER);
                waitForWidgetText(browser, "#rd-code-error", "wrong, used or expired");
                inWidget(browser, "#rd-code").clear();
                inWidget(browser, "#rd-code").sendKeys(code.group(1) + Keys.ENTER);
                waitForWidgetText(browser, "#rd-view-tickets", "Where is parcel 88?");
                assertThat(call("POST", "/visitor/verify", origin, "{\"email\":\"" + customer + "\",\"code\":\"" + code.group(1) + "\"}").statusCode())
                        .as("a code works once").isEqualTo(400);
                assertThat(mail.to("nobody-here@visitor.test")).as("nothing to an address that is no customer's").isEmpty();
            } finally {
                admin.put("/api/channel-accounts/" + mailbox.json().getString("id"), "{\"enabled\":false}");
            }
        }
    }

    private static String hmac(String secret, String value) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> callWith(String method, String path, String origin, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(relaydesk.baseUrl() + "/api/public/widget/" + siteKey + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).header("Origin", origin);
        headers.forEach(request::header);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long ticketsOf(String email) throws Exception {
        return admin.get("/api/tickets?q=" + email).json().getJsonArray("tickets").size();
    }

    private static HttpResponse<String> call(String method, String path, String origin, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(relaydesk.baseUrl() + "/api/public/widget/" + siteKey + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            request.header("Origin", origin);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (method.equals("OPTIONS")) {
            request.header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** axe-core from the npm registry (the test's only use of it), kept under target/ between runs. */
    private static String axeCore() throws Exception {
        Path kept = Path.of("target", "axe-core-4.10.2.min.js");
        if (!Files.exists(kept)) {
            HttpResponse<InputStream> tarball = HTTP.send(HttpRequest.newBuilder(URI.create("https://registry.npmjs.org/axe-core/-/axe-core-4.10.2.tgz"))
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(tarball.statusCode()).as("axe-core from the npm registry").isEqualTo(200);
            try (InputStream in = new GZIPInputStream(tarball.body())) {
                Files.createDirectories(kept.getParent());
                Files.write(kept, entry(in, "package/axe.min.js"));
            }
        }
        return Files.readString(kept);
    }

    /** One file of a tar stream (512-byte headers: the name at 0, the size in octal at 124). */
    private static byte[] entry(InputStream tar, String name) throws IOException {
        byte[] header = new byte[512];
        while (tar.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
            String entryName = new String(header, 0, 100, StandardCharsets.UTF_8).replace("\0", "");
            long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII).replace("\0", "").trim(), 8);
            byte[] content = tar.readNBytes((int) size);
            tar.skipNBytes((512 - size % 512) % 512);
            if (entryName.equals(name)) {
                return content;
            }
        }
        throw new IOException(name + " is not in the archive");
    }
}
