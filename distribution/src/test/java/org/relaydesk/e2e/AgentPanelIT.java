package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The agent panel in a real browser, on start-dev's demo help desk. */
class AgentPanelIT {
    private static RelaydeskProcess relaydesk;
    private static Api admin;

    @BeforeAll
    static void start() throws Exception {
        relaydesk = RelaydeskProcess.startDemoDesk("panel");
        admin = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD));
    }

    @AfterAll
    static void stop() throws Exception {
        if (relaydesk != null) {
            relaydesk.close();
        }
    }


    @Test
    void aWebFormEmbeddedOnAnotherSiteOpensATicketWithItsFieldsAndFiles() throws Exception {
        assertThat(admin.put("/api/plugins/channel-webform", "{\"enabled\":true}").status()).isEqualTo(200);
        Api.Reply field = admin.post("/api/custom-fields", "{\"label\":\"Device\",\"key\":\"device\",\"type\":\"select\","
                + "\"options\":[\"Laptop\",\"Phone\"]}");
        assertThat(field.status()).as(field.body()).isEqualTo(201);
        com.sun.net.httpserver.HttpServer shop = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        String shopOrigin = "http://localhost:" + shop.getAddress().getPort(); // another origin than the desk's 127.0.0.1
        // min.seconds 0: a test's browser fills the form faster than any person; the "too fast" check is tested below, through the API
        Api.Reply created = admin.post("/api/channel-accounts", "{\"kind\":\"webform\",\"name\":\"Shop form\",\"default_priority\":\"high\","
                + "\"config\":{\"form.title\":\"Ask the shop\",\"allowed.origins\":\"" + shopOrigin + "\",\"min.seconds\":\"0\",\"pow.bits\":\"8\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String form = created.json().getString("id");
        String other = admin.post("/api/channel-accounts", "{\"kind\":\"webform\",\"name\":\"Partner form\",\"config\":{}}").json().getString("id");
        shop.createContext("/", exchange -> {
            String site = exchange.getRequestURI().getPath().contains("partner") ? other : form;
            byte[] page = ("<!DOCTYPE html><html><head><title>Shop</title></head><body><h1>Our shop</h1><script src=\"" + relaydesk.baseUrl()
                    + "/api/public/channels/" + site + "/webform.js\" async></script></body></html>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=UTF-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        shop.start();
        java.nio.file.Path receipt = java.nio.file.Files.createTempFile("receipt", ".pdf");
        java.nio.file.Files.write(receipt, "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            // the admin copies the snippet from the channel's row
            browser.signIn(RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD);
            browser.waitFor(d -> d.getCurrentUrl().contains("/admin") ? true : null, "the admin's landing page");
            browser.open("/admin/channels");
            browser.waitForText(".rd-channel-instructions", "/api/public/channels/" + form + "/webform.js\" async></script>");
            browser.screenshot("admin-channels-webform");

            browser.driver.get(shopOrigin + "/help.html");
            browser.waitForText(".rdwf h2", "Ask the shop");
            browser.find(".rdwf input[type=email]").sendKeys("not-an-address");
            browser.click(".rdwf button.rdwf-next");
            browser.waitForText(".rdwf .rdwf-error", "This is not an email address.");
            browser.find(".rdwf input[type=email]").clear();
            browser.find(".rdwf input[type=email]").sendKeys("wanda@web.test");
            browser.find(".rdwf input[autocomplete=name]").sendKeys("Wanda Web");
            browser.click(".rdwf button.rdwf-next");
            browser.waitForText(".rdwf .rdwf-steps", "Step 2 of 3");
            browser.find(".rdwf [name=subject]").sendKeys("Charger does not fit");
            browser.find(".rdwf [name=message]").sendKeys("The charger I got has a different plug.");
            new org.openqa.selenium.support.ui.Select(browser.find(".rdwf select[name='fields.device']")).selectByVisibleText("Laptop");
            for (WebElement required : browser.driver.findElements(By.cssSelector(".rdwf fieldset[data-step='1'] [required]"))) {
                fillIfEmpty(required); // fields other tests' workspaces may have made required
            }
            browser.click(".rdwf button.rdwf-next");
            browser.waitForText(".rdwf .rdwf-steps", "Step 3 of 3");
            browser.driver.findElement(By.cssSelector(".rdwf input[type=file]")).sendKeys(receipt.toString());
            browser.screenshot("webform-embedded");
            browser.click(".rdwf button.rdwf-next");
            browser.waitForText(".rdwf-done", "is with us");
            String number = browser.find(".rdwf-number").getText();
            assertThat(number).matches("#\\d+");
            String statusUrl = browser.find(".rdwf-status").getAttribute("href");
            browser.screenshot("webform-sent");

            JsonObject ticket = admin.get("/api/tickets?q=" + java.net.URLEncoder.encode("Charger does not fit", java.nio.charset.StandardCharsets.UTF_8))
                    .json().getJsonArray("tickets").getValuesAs(JsonObject.class).stream()
                    .filter(t -> ("#" + t.getJsonNumber("number")).equals(number)).findFirst().orElseThrow();
            assertThat(ticket.getString("requester_email")).isEqualTo("wanda@web.test");
            assertThat(ticket.getString("source_channel")).isEqualTo("webform");
            assertThat(ticket.getString("priority")).as("the form's default").isEqualTo("high");
            assertThat(ticket.getJsonObject("custom_fields").getString("device")).isEqualTo("Laptop");
            assertThat(admin.get("/api/tickets/" + ticket.getString("id") + "/attachments").body()).contains(receipt.getFileName().toString());

            browser.driver.get(statusUrl);
            browser.waitForText("#subject", "Charger does not fit");

            // a site the form is not meant for gets a clear refusal, not a form
            browser.driver.get(shopOrigin + "/partner.html");
            browser.waitForText(".rdwf .rdwf-error", "This form may not be used on " + shopOrigin);
        } finally {
            shop.stop(0);
        }

        // what robots do is refused: a post straight after the form was shown, a filled-in honeypot, a forged stamp
        Api anonymous = new Api(relaydesk.baseUrl(), null);
        String stamp = anonymous.get("/api/public/channels/" + other + "/config").json().getString("stamp");
        String post = "{\"email\":\"bot@spam.test\",\"subject\":\"Cheap pills\",\"message\":\"Buy now\",\"stamp\":\"" + stamp + "\"";
        assertThat(anonymous.post("/api/public/channels/" + other + "/submit", post + "}").body()).contains("too fast");
        assertThat(anonymous.post("/api/public/channels/" + other + "/submit", post + ",\"website\":\"http://spam.test\"}").status()).isEqualTo(400);
        assertThat(anonymous.post("/api/public/channels/" + other + "/submit", post.replace(stamp, stamp.substring(0, stamp.length() - 4) + "AAAA") + "}")
                .body()).contains("reload the page");
        assertThat(anonymous.get("/api/public/channels/" + java.util.UUID.randomUUID() + "/config").status()).isEqualTo(404);
        admin.delete("/api/channel-accounts/" + form);
        admin.delete("/api/channel-accounts/" + other);
    }

    private static void fillIfEmpty(WebElement control) {
        if (control.getTagName().equals("select")) {
            org.openqa.selenium.support.ui.Select select = new org.openqa.selenium.support.ui.Select(control);
            if (select.getFirstSelectedOption().getAttribute("value").isEmpty()) {
                select.selectByIndex(1);
            }
        } else if ("checkbox".equals(control.getAttribute("type"))) {
            if (!control.isSelected()) {
                control.click();
            }
        } else if (control.getAttribute("value").isEmpty()) {
            control.sendKeys("number".equals(control.getAttribute("type")) ? "1" : "date".equals(control.getAttribute("type")) ? "2026-12-01" : "x");
        }
    }

    @Test
    void aCustomerFollowsTheirRequestOnItsStatusPageRepliesAndRatesIt() throws Exception {
        Api.Reply submitted = new Api(relaydesk.baseUrl(), null).post("/api/public/tickets", "{\"workspace\":\"acme\",\"subject\":\"Status page parcel\","
                + "\"description\":\"My parcel <b>never</b> came.\",\"requester_email\":\"sam@customer.test\",\"requester_name\":\"Sam Status\"}");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String ticketId = submitted.json().getJsonObject("ticket").getString("id");
        String token = submitted.json().getString("accessToken");
        admin.post("/api/tickets/" + ticketId + "/comments", "{\"body\":\"<p>It is on its way again.</p>\"}");
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.open("/track.html?ticket=" + ticketId + "&token=" + token);
            browser.waitForText("#subject", "Status page parcel");
            assertThat(browser.find("#thread").getText()).contains("Sam Status", "My parcel never came.", "It is on its way again.");
            assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector("#thread b"))).as("text, never markup").isEmpty();
            assertThat(browser.find("#status").getText()).isEqualTo("new");
            assertThat(browser.driver.findElement(org.openqa.selenium.By.id("rating")).isDisplayed()).as("no rating before it is solved").isFalse();
            browser.find("#reply-body").sendKeys("Thanks, it arrived today.");
            browser.click("#reply button");
            browser.waitForText("#thread", "Thanks, it arrived today.");
            browser.screenshot("customer-status-page");

            admin.post("/api/tickets/" + ticketId + "/resolve", "{}");
            browser.open("/track.html?ticket=" + ticketId + "&token=" + token);
            browser.waitForText("#status", "resolved");
            browser.click("#rating button");
            browser.waitForText("#rating-error", "Choose from one to five stars");
            browser.driver.findElements(org.openqa.selenium.By.cssSelector("#stars label")).get(4).click();
            browser.find("#feedback").sendKeys("Quick and kind.");
            browser.click("#rating button");
            browser.waitForText("#rated", "You rated this 5 of 5");

            browser.open("/track.html?ticket=" + ticketId + "&token=rdt_wrong");
            browser.waitForText("#state", "This link has expired or does not open a request");
            assertThat(browser.find("#renew-email").isDisplayed()).as("a fresh link can be asked for").isTrue();
        }
        assertThat(admin.get("/api/tickets/" + ticketId + "/comments").body()).contains("Thanks, it arrived today.");
    }

    @Test
    void anAgentWorksATicketFromTheQueue() throws Exception {
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn("alice@demo.test", "demo-password-1");
            browser.waitForText("#queue-title", "My tickets");
            assertThat(browser.driver.getCurrentUrl()).endsWith("/agent/tickets");

            browser.open("/agent/tickets?view=open");
            browser.waitForText("#queue-title", "All open");
            browser.find("[id='queue:tickets_data'] .rd-subject-link");
            browser.find("[id='queue:q']").sendKeys("invoice");
            browser.waitFor(d -> d.findElements(By.cssSelector("[id='queue:tickets_data'] .rd-subject-link")).stream()
                    .allMatch(e -> e.getText().toLowerCase().contains("invoice") || !e.isDisplayed())
                    && !d.findElements(By.cssSelector("[id='queue:tickets_data'] .rd-subject-link")).isEmpty() ? true : null,
                    "the queue narrowed to invoice tickets");
            browser.choose("queue:sort", "Newest first");
            browser.screenshot("agent-queue");

            // a slow answer shows skeleton rows (the page's own Ajax events, so no timing is involved)
            browser.driver.executeScript("jQuery(document).trigger('pfAjaxSend');");
            browser.waitFor(d -> "true".equals(d.findElement(By.id("queue:results")).getAttribute("aria-busy")) ? true : null, "skeleton rows");
            browser.screenshot("agent-queue-loading");
            browser.driver.executeScript("jQuery(document).trigger('pfAjaxComplete');");
            browser.waitFor(d -> d.findElement(By.id("queue:results")).getAttribute("aria-busy") == null ? true : null, "the rows back");

            WebElement first = browser.find("[id='queue:tickets_data'] .rd-subject-link");
            String subject = first.getText();
            first.click();
            browser.waitForText("#subject", subject);
            assertThat(browser.driver.getCurrentUrl()).matches(".*/agent/tickets/\\d+$");

            // reply with a canned response, rendered for this ticket
            browser.choose("ticket:canned", "/thanks · Thanks for reaching out");
            browser.waitFor(d -> browser.editorText("replyEditor").contains("Alice") ? true : null,
                    "the canned response in the reply box, signed with the agent's name");
            browser.find("[id='ticket:send']").click();
            browser.waitForText(".rd-msg-agent", "Alice");
            assertThat(browser.editorText("replyEditor")).as("the box is empty after sending").isEmpty();

            // a draft survives leaving the page, and changing the ticket meanwhile does not wipe what is typed
            browser.editor("replyEditor").sendKeys("Draft: checking with billing");
            browser.find("#save-draft").click();
            browser.waitForText("#draft-state", "Draft saved");
            browser.driver.navigate().refresh();
            browser.waitFor(d -> browser.editorText("replyEditor").equals("Draft: checking with billing") ? true : null,
                    "the draft back in the reply box");
            browser.choose("ticket:priority", browser.find("[id='ticket:priority_label']").getText().equals("Low") ? "Medium" : "Low");
            assertThat(browser.editorText("replyEditor")).isEqualTo("Draft: checking with billing");
            browser.clearEditor("replyEditor");

            // an empty reply is refused with a message
            browser.find("[id='ticket:send']").click();
            browser.waitForText("[id='ticket:messages']", "Write a message first.");

            // an internal note, visibly different
            browser.editor("replyEditor").sendKeys("Checked the billing system: <b>not</b> a duplicate charge.");
            browser.find("[id='ticket:add-note']").click();
            browser.waitForText(".rd-msg-note", "a duplicate charge");
            assertThat(browser.find(".rd-msg-note").getText()).contains("Internal note", "<b>not</b>");

            // status and priority
            String target = browser.find("[id='ticket:status_label']").getText().equals("In progress") ? "Waiting on customer" : "In progress";
            browser.choose("ticket:status", target);
            browser.waitForText("#timeline", "to " + target.toLowerCase());
            browser.choose("ticket:status", "Closed");
            browser.waitFor(d -> d.findElements(By.cssSelector("[id='ticket:messages'] .ui-messages-error")).isEmpty() ? null : true,
                    "closing an unresolved ticket is refused with a message");
            assertThat(browser.find("[id='ticket:status_label']").getText()).isEqualTo(target);
            String priority = browser.find("[id='ticket:priority_label']").getText().equals("Urgent") ? "High" : "Urgent";
            browser.choose("ticket:priority", priority);
            browser.waitForText("#priority-badge", priority);
            browser.waitForText("#thread", "changed priority");
            browser.screenshot("agent-ticket");

            // a session that ended meanwhile: the next click leads to the login page, not to an error
            browser.driver.manage().deleteCookieNamed("RELAYDESK_SESSION");
            browser.choose("ticket:priority", "Low");
            browser.waitFor(d -> d.getCurrentUrl().contains("/login") ? true : null, "back to the login page");
        }
    }

    @Test
    void agentsCannotReachAdminPagesNorAnotherWorkspacesTickets() throws Exception {
        Api.Reply globex = admin.post("/api/workspaces", "{\"name\":\"Globex\",\"slug\":\"globex\",\"admin\":{\"email\":\"admin@globex.test\","
                + "\"name\":\"Globex Admin\",\"password\":\"globex-password\"}}");
        assertThat(globex.status()).as(globex.body()).isEqualTo(201);
        Api other = admin.as(Api.login(relaydesk.baseUrl(), "admin@globex.test", "globex-password"));
        Api.Reply secret = other.post("/api/tickets", Json.createObjectBuilder().add("subject", "Globex merger secret")
                .add("requester_email", "ceo@globex.test").build());
        long number = secret.json().getJsonNumber("number").longValue();

        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.open("/agent/tickets/" + number);
            browser.find("#email");
            assertThat(browser.driver.getCurrentUrl()).as("signing in first").contains("/login");
            browser.find("#email").sendKeys("alice@demo.test");
            browser.find("#password").sendKeys("demo-password-1");
            browser.find("#submit").click();
            browser.find("#subject");
            assertThat(browser.driver.getCurrentUrl()).as("back where she wanted to go").endsWith("/agent/tickets/" + number);
            assertThat(browser.driver.getPageSource()).as("the same number in her own workspace, not Globex's").doesNotContain("Globex merger secret");

            browser.open("/agent/tickets/999999");
            browser.waitFor(d -> d.getPageSource().contains("does not exist") ? true : null, "a 404 page");

            browser.open("/admin/users");
            browser.waitFor(d -> d.getPageSource().contains("not allowed") ? true : null, "a 403 page");
        }
    }

    @Test
    void changesMadeElsewhereAppearWithoutReload() throws Exception {
        Api bob = admin.as(Api.login(relaydesk.baseUrl(), "bob@demo.test", "demo-password-1"));
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn("alice@demo.test", "demo-password-1");
            browser.waitForText("#queue-title", "My tickets");
            browser.open("/agent/tickets?view=open");
            browser.choose("queue:sort", "Newest first");
            browser.waitForLive();

            Api.Reply created = bob.post("/api/tickets", Json.createObjectBuilder().add("subject", "Live: printer on fire")
                    .add("requester_email", "live@customer.test").add("requester_name", "Live Customer").build());
            assertThat(created.status()).isEqualTo(201);
            browser.waitForText("[id='queue:tickets_data']", "Live: printer on fire");

            browser.find("[id='queue:tickets_data'] .rd-subject-link").click();
            browser.waitForText("#subject", "Live: printer on fire");
            browser.waitForLive();
            browser.editor("replyEditor").sendKeys("Draft answer that must not be lost");
            String id = created.json().getString("id");
            bob.post("/api/tickets/" + id + "/comments", "{\"body\":\"Bob here: I am already on it\"}");
            browser.waitForText("#thread", "Bob here: I am already on it");
            browser.waitForText("#collision", "replied while you were typing");
            assertThat(browser.editorText("replyEditor")).isEqualTo("Draft answer that must not be lost");
            bob.put("/api/tickets/" + id, Json.createObjectBuilder().add("priority", "urgent").build());
            browser.waitForText("#priority-badge", "Urgent");
        }
    }

    @Test
    void twoAgentsOnOneTicketSeeEachOther() throws Exception {
        try (Browser alice = new Browser(relaydesk.baseUrl()); Browser bob = new Browser(relaydesk.baseUrl())) {
            alice.signIn("alice@demo.test", "demo-password-1");
            alice.waitForText("#queue-title", "My tickets");
            bob.signIn("bob@demo.test", "demo-password-1");
            bob.waitForText("#queue-title", "My tickets");

            alice.open("/agent/tickets/1003");
            alice.waitForLive();
            bob.open("/agent/tickets/1003");
            bob.waitForLive();
            alice.waitForText("#presence", "Bob Smith is viewing");
            bob.waitForText("#presence", "Alice Johnson is viewing");

            bob.editor("replyEditor").sendKeys("Let me take this one");
            alice.waitForText("#presence", "Bob Smith is replying");
            alice.screenshot("agent-presence");

            bob.open("/agent/tickets");
            alice.waitFor(d -> d.findElement(By.id("presence")).isDisplayed() ? null : true, "Bob gone from the ticket at once");
        }
    }

    @Test
    void keyboardShortcutsWorkTheQueueAndATicket() throws Exception {
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn("alice@demo.test", "demo-password-1");
            browser.waitForText("#queue-title", "My tickets");
            browser.open("/agent/tickets?view=unassigned");
            browser.find("[id='queue:tickets_data'] .rd-subject-link");
            var keys = new org.openqa.selenium.interactions.Actions(browser.driver);

            keys.sendKeys("?").perform();
            browser.find("#shortcuts");
            browser.find("#shortcuts-close").click();
            browser.waitFor(d -> d.findElement(By.id("shortcuts")).isDisplayed() ? null : true, "the help closes");

            keys.sendKeys("j").sendKeys("j").perform();
            String second = browser.find("[id='queue:tickets_data'] tr.rd-row-focus .rd-subject-link").getText();
            assertThat(browser.driver.findElements(By.cssSelector("[id='queue:tickets_data'] tr[data-ri]")).get(1).getAttribute("class"))
                    .contains("rd-row-focus");
            keys.sendKeys("o").perform();
            browser.waitForText("#subject", second);

            browser.waitForAjax();
            keys.sendKeys("r").perform();
            browser.waitFor(d -> "replyEditor".equals(d.switchTo().activeElement().getAttribute("data-editor")) ? true : null, "the reply box focused");
            browser.driver.executeScript("document.activeElement.blur();"); // shortcuts do not fire while typing
            keys.sendKeys("e").perform();
            browser.waitForText("[id='ticket:status_label']", "Resolved");
        }
    }

    @Test
    void slashAndAShortcutInsertsACannedResponseWhereItWasTyped() throws Exception {
        Api.Reply created = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Slash shortcut ticket")
                .add("requester_email", "maria.garcia@example.com").build());
        long number = created.json().getJsonNumber("number").longValue();
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn("alice@demo.test", "demo-password-1");
            browser.waitForText("#queue-title", "My tickets");
            browser.open("/agent/tickets/" + number);
            WebElement box = browser.editor("replyEditor");
            box.sendKeys("Quick update. /th");
            browser.waitForText("#canned-suggest", "/thanks");
            assertThat(browser.driver.findElements(By.cssSelector("#canned-suggest li")).stream().filter(WebElement::isDisplayed)
                    .map(WebElement::getText)).as("only shortcuts starting with 'th'").allMatch(t -> t.startsWith("/th"));
            box.sendKeys(org.openqa.selenium.Keys.ENTER);
            browser.waitFor(d -> browser.editorText("replyEditor").contains("Maria Garcia") ? true : null,
                    "the canned response rendered for this ticket's customer");
            String reply = browser.editorText("replyEditor");
            assertThat(reply).startsWith("Quick update. Hi Maria Garcia,").contains("Alice Johnson").doesNotContain("/th");
            browser.screenshot("agent-canned-shortcut");

            // rich text: bold from the toolbar and a bulleted list reach the customer as such
            box.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, org.openqa.selenium.Keys.END), org.openqa.selenium.Keys.ENTER);
            browser.click(".rd-editor .ql-bold");
            box.sendKeys("Refund approved");
            browser.click(".rd-editor .ql-bold");
            box.sendKeys(org.openqa.selenium.Keys.ENTER);
            browser.click(".rd-editor .ql-list[value='bullet']");
            box.sendKeys("first step", org.openqa.selenium.Keys.ENTER, "second step");
            browser.find("[id='ticket:send']").click();
            browser.waitForText(".rd-msg-agent", "Quick update. Hi Maria Garcia,");
            browser.waitForText(".rd-msg-agent .rd-msg-body strong", "Refund approved");
            browser.waitFor(d -> d.findElements(By.cssSelector(".rd-msg-agent .rd-msg-body ul > li")).stream().map(WebElement::getText).toList()
                    .equals(java.util.List.of("first step", "second step")) ? true : null, "the bulleted list in the sent reply");
        }
    }

    @Test
    void anAgentLinksAHelpArticleFoundWithATypoButNeverAnInternalOne() throws Exception {
        Api.Reply article = admin.post("/api/kb/articles", Json.createObjectBuilder().add("title", "Choosing a new password in the mobile app")
                .add("body", "<p>Open the sign-in page and choose Forgot password.</p>").add("language", "en").add("visibility", "public").build());
        assertThat(article.status()).as(article.body()).isEqualTo(201);
        String published = article.json().getString("id");
        assertThat(admin.post("/api/kb/articles/" + published + "/publish", "{}").status()).isEqualTo(200);
        Api.Reply runbook = admin.post("/api/kb/articles", Json.createObjectBuilder().add("title", "Mobile app password resets: staff runbook")
                .add("body", "<p>Internal runbook.</p>").add("language", "en").add("visibility", "internal").build());
        assertThat(runbook.status()).as(runbook.body()).isEqualTo(201);
        String internal = runbook.json().getString("id");
        assertThat(admin.post("/api/kb/articles/" + internal + "/publish", "{}").status()).isEqualTo(200);
        String slug = admin.get("/api/kb/articles/" + published).json().getString("slug");
        long number = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Forgot my password")
                .add("requester_email", "kb.link@example.com").build()).json().getJsonNumber("number").longValue();
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn("alice@demo.test", "demo-password-1");
            browser.waitForText("#queue-title", "My tickets");
            browser.open("/agent/tickets/" + number);
            browser.editor("replyEditor").sendKeys("This guide helps: ");
            browser.find("[id='ticket:article_input']").sendKeys("mobil pasword");
            browser.waitForText(".ui-autocomplete-panel", "Choosing a new password in the mobile app");
            assertThat(browser.find(".ui-autocomplete-panel").getText()).as("an internal article is never offered to a customer")
                    .doesNotContain("staff runbook");
            browser.click(".ui-autocomplete-panel li[data-item-value='" + published + "']");
            browser.waitFor(d -> d.findElements(By.cssSelector(".rd-editor .ql-editor a[href$='/help/article/" + slug + "']")).isEmpty() ? null : true,
                    "the link in the reply");
            assertThat(browser.editorText("replyEditor")).contains("This guide helps:", "Choosing a new password in the mobile app");
            browser.find("[id='ticket:send']").click();
            browser.waitFor(d -> d.findElements(By.cssSelector(".rd-msg-agent .rd-msg-body a[href$='/help/article/" + slug + "']")).isEmpty()
                    ? null : true, "the sent reply with the article's link");
        }
        assertThat(new Api(relaydesk.baseUrl(), null).get("/help/article/" + slug).status()).as("the link opens for the customer").isEqualTo(200);
    }

    @Test
    void anAgentCreatesATicketThenMergesAnotherIntoIt() throws Exception {
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn("alice@demo.test", "demo-password-1");
            browser.waitForText("#queue-title", "My tickets");
            browser.find("#new-ticket-link").click();
            browser.find("[id='new-ticket:requester-email_input']").sendKeys("sophie");
            browser.waitForText(".ui-autocomplete-panel", "Sophie Martin <sophie.martin@example.net>");
            browser.find(".ui-autocomplete-panel li").click();
            browser.waitFor(d -> "Sophie Martin".equals(d.findElement(By.id("new-ticket:requester-name")).getAttribute("value")) ? true : null,
                    "the contact's name filled in");
            browser.find("[id='new-ticket:description']").sendKeys("Customer called: the mobile app crashes on start.");

            // without a subject the form is refused and keeps what was typed
            browser.find("[id='new-ticket:create']").click();
            browser.waitForText("[id='new-ticket:messages']", "Subject is required");
            assertThat(browser.find("[id='new-ticket:description']").getAttribute("value")).contains("mobile app crashes");

            // the draft survives leaving the page
            browser.find("[id='new-ticket:subject']").sendKeys("Phone: app crashes on start");
            browser.waitForText("#draft-state", "Draft saved");
            browser.open("/agent/tickets/new");
            browser.waitForText("#draft-state", "Draft restored");
            assertThat(browser.find("[id='new-ticket:subject']").getAttribute("value")).isEqualTo("Phone: app crashes on start");
            assertThat(browser.find("[id='new-ticket:requester-email_input']").getAttribute("value")).contains("sophie.martin@example.net");

            java.nio.file.Path screenshot = java.nio.file.Files.createTempFile("crash-", ".txt");
            java.nio.file.Files.writeString(screenshot, "FATAL EXCEPTION: main");
            browser.driver.findElement(By.cssSelector("input[type=file][id^='new-ticket:upload']")).sendKeys(screenshot.toString());
            browser.waitForText("[id='new-ticket:files']", screenshot.getFileName().toString());
            browser.choose("new-ticket:priority", "High");
            browser.find("[id='new-ticket:assign-me']").click();
            browser.screenshot("agent-new-ticket");
            browser.find("[id='new-ticket:create']").click();
            browser.waitForText("#subject", "Phone: app crashes on start");
            long number = Long.parseLong(browser.find("#ticket-number").getText().replaceAll("\\D", ""));
            assertThat(browser.find("#priority-badge").getText()).isEqualTo("High");
            assertThat(browser.find("#customer-card").getText()).contains("Sophie Martin");
            assertThat(browser.find("#assignment").getText()).contains("Alice Johnson");
            assertThat(browser.find("[id='ticket:description-files']").getText()).as("the file came with the ticket")
                    .contains(screenshot.getFileName().toString());
            browser.open("/agent/tickets/new");
            assertThat(browser.find("[id='new-ticket:subject']").getAttribute("value")).as("the draft is gone once sent").isEmpty();

            // a duplicate from the same customer is merged into it from the duplicate's page
            Api.Reply duplicate = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "App will not open")
                    .add("description", "Second report of the crash").add("requester_email", "sophie.martin@example.net").build());
            browser.open("/agent/tickets/" + duplicate.json().getJsonNumber("number").longValue());
            browser.find("[id='ticket:merge-open']").click();
            browser.find("[id='merge:target_input']").sendKeys(String.valueOf(number));
            browser.waitForText(".ui-autocomplete-panel", "Phone: app crashes on start");
            browser.find(".ui-autocomplete-panel li").click();
            browser.find("[id='merge:merge-confirm']").click();
            browser.waitFor(d -> d.getCurrentUrl().endsWith("/agent/tickets/" + number) ? true : null, "on the ticket merged into");
            browser.waitForText("#thread", "was merged into this ticket");
            browser.waitForText("[id='ticket:messages']", "was merged into this ticket");
            Api.Reply merged = admin.get("/api/tickets/" + duplicate.json().getString("id"));
            assertThat(merged.json().getString("status")).isEqualTo("closed");
        }
    }

    @Test
    void checkedTicketsChangeTogetherAndAdminsDeleteTickets() throws Exception {
        String[] ids = new String[2];
        for (int i = 0; i < 2; i++) {
            ids[i] = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Bulkcheck printer " + i)
                    .add("requester_email", "bulk" + i + "@customer.test").add("priority", "low").build()).json().getString("id");
        }
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn("bob@demo.test", "demo-password-1");
            browser.waitForText("#queue-title", "My tickets");
            browser.open("/agent/tickets?view=open&q=Bulkcheck");
            browser.waitFor(d -> d.findElements(By.cssSelector("[id='queue:tickets_data'] .rd-subject-link")).size() == 2 ? true : null,
                    "the two tickets listed");
            browser.click("[id='queue:tickets'] thead .ui-chkbox-box");
            browser.waitForText("#bulk-count", "2 selected");
            browser.choose("queue:bulk-priority", "Urgent");
            browser.waitForText("[id='queue:bulk-messages']", "Priority changed: 2 tickets");
            // The change clears the selection and redraws the table: select again only in the redrawn one.
            browser.waitFor(d -> d.findElements(By.id("bulk-count")).isEmpty() ? true : null, "the selection cleared by the change");
            // the change's own live updates may redraw the table once more, clearing a selection made meanwhile: select until it holds
            browser.waitFor(d -> {
                List<WebElement> count = d.findElements(By.id("bulk-count"));
                if (!count.isEmpty() && count.get(0).getText().contains("2 selected")) {
                    return true;
                }
                WebElement all = d.findElement(By.cssSelector("[id='queue:tickets'] thead .ui-chkbox-box"));
                if (count.isEmpty() && !all.getAttribute("class").contains("ui-state-active")) {
                    all.click(); // not while a click's selection is on its way (the box shows it at once)
                }
                return null;
            }, "both tickets selected again");
            browser.find("[id='queue:bulk-tag']").sendKeys("printer-fleet");
            browser.click("[id='queue:bulk-tag-add']");
            browser.waitForText("[id='queue:bulk-messages']", "Tagged: 2 tickets");
            browser.screenshot("agent-queue-bulk");
            for (String id : ids) {
                var ticket = admin.get("/api/tickets/" + id).json();
                assertThat(ticket.getString("priority")).isEqualTo("urgent");
                assertThat(ticket.getJsonArray("tags").toString()).contains("printer-fleet");
            }
            // agents have no Delete button, and the server refuses them anyway
            browser.open("/agent/tickets/" + admin.get("/api/tickets/" + ids[0]).json().getJsonNumber("number").longValue());
            browser.find("#subject");
            assertThat(browser.driver.findElements(By.id("ticket:delete"))).isEmpty();
        }
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn("admin@demo.test", "demo-admin-pw");
            browser.find("#stat-open");
            browser.open("/agent/tickets/" + admin.get("/api/tickets/" + ids[1]).json().getJsonNumber("number").longValue());
            browser.find("[id='ticket:delete']").click();
            browser.find("#confirm-yes").click();
            browser.waitFor(d -> d.getCurrentUrl().endsWith("/agent/tickets") ? true : null, "back in the queue");
            browser.waitForText("[id='queue:bulk-messages']", "deleted");
            assertThat(admin.get("/api/tickets/" + ids[1]).status()).isEqualTo(404);
        }
    }

    @Test
    void savedViewsKeepFiltersAndTheBoardMovesTickets() throws Exception {
        String id = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Boardcheck: scanner jams")
                .add("requester_email", "board@customer.test").add("priority", "high").build()).json().getString("id");
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn("alice@demo.test", "demo-password-1");
            browser.waitForText("#queue-title", "My tickets");
            browser.open("/agent/tickets?view=all");
            browser.choose("queue:channel", "email");
            browser.waitFor(d -> d.findElements(By.cssSelector("[id='queue:tickets_data'] .rd-subject-link")).size() > 0 ? true : null, "email tickets");
            browser.choose("queue:sort", "Oldest first");
            browser.find("[id='queue:save-view-open']").click();
            browser.find("[id='queue:view-name']").sendKeys("Oldest email");
            browser.find("[id='queue:save-view-confirm']").click();
            browser.waitForText("#views", "Oldest email");
            var apiEmailTotal = admin.get("/api/tickets?channel=email").json().getJsonObject("pagination").getInt("total");
            browser.driver.findElement(By.linkText("Oldest email")).click();
            browser.waitForText("#queue-title", "Oldest email");
            browser.waitForText("[id='queue:tickets_paginator_bottom']", "of " + apiEmailTotal);
            assertThat(browser.find("[id='queue:channel_label']").getText()).isEqualTo("email");
            assertThat(browser.find("[id='queue:sort_label']").getText()).isEqualTo("Oldest first");

            browser.open("/agent/tickets?view=all&q=Boardcheck&layout=board");
            browser.waitForLive();
            browser.find("#layout-board.rd-active");
            org.openqa.selenium.WebElement card = browser.find("[data-status='new'] .rd-card-ticket");
            assertThat(card.getText()).contains("Boardcheck: scanner jams");
            browser.screenshot("agent-queue-board");
            // HTML5 drag and drop, as the browser fires it when a card is dropped on a column
            browser.driver.executeScript("var card = arguments[0], column = document.querySelector(\"[data-status='in_progress']\");"
                    + "var data = new DataTransfer();"
                    + "card.dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: data}));"
                    + "column.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: data}));"
                    + "column.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: data}));"
                    + "card.dispatchEvent(new DragEvent('dragend', {bubbles: true, dataTransfer: data}));", card);
            browser.waitForText("[data-status='in_progress']", "Boardcheck: scanner jams");
            browser.waitFor(d -> {
                try {
                    return "in_progress".equals(admin.get("/api/tickets/" + id).json().getString("status")) ? true : null;
                } catch (Exception e) {
                    return null;
                }
            }, "the ticket in progress");
        }
    }

    @Test
    void filesGoOutWithTheReplyAndDisguisedProgramsAreRefused() throws Exception {
        long number = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Files: the export is broken")
                .add("requester_email", "files@customer.test").build()).json().getJsonNumber("number").longValue();
        java.nio.file.Path log = java.nio.file.Files.createTempFile("export-", ".txt");
        java.nio.file.Files.writeString(log, "export failed at row 40000");
        java.nio.file.Path program = java.nio.file.Files.createTempFile("holiday-", ".jpg");
        java.nio.file.Files.write(program, new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 0, 0});
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn("alice@demo.test", "demo-password-1");
            browser.waitForText("#queue-title", "My tickets");
            browser.open("/agent/tickets/" + number);
            browser.editor("replyEditor").sendKeys("Here is the log you asked for.");
            browser.driver.findElement(By.cssSelector("input[type=file][id^='ticket:files']")).sendKeys(program.toString());
            browser.waitForText("[id='ticket:messages']", "cannot be attached");
            browser.driver.findElement(By.cssSelector("input[type=file][id^='ticket:files']")).sendKeys(log.toString());
            browser.waitForText("[id='ticket:pending-files']", log.getFileName().toString());
            assertThat(browser.editorText("replyEditor")).as("typing survives uploads").contains("Here is the log");
            browser.find("[id='ticket:send']").click();
            browser.waitForText(".rd-msg-agent .rd-files", log.getFileName().toString());
            String href = browser.find(".rd-msg-agent .rd-file").getAttribute("href");
            Object downloaded = browser.driver.executeAsyncScript(
                    "var done = arguments[arguments.length - 1]; fetch(arguments[0]).then(function (r) { return r.text(); }).then(done);", href);
            assertThat(downloaded).isEqualTo("export failed at row 40000");
            assertThat(browser.driver.findElements(By.cssSelector(".rd-files")).stream().map(org.openqa.selenium.WebElement::getText))
                    .noneMatch(t -> t.contains("holiday-"));
        }
    }
}
