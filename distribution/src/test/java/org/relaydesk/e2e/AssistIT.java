package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The AI assist plugin in the built distribution, offline (its bundled sentence model, no network):
 * enabled by the admin, it learns the workspace's help centre and solved tickets; then, for a fixed set
 * of ticket situations, the right next actions are offered and each "Do this" does exactly what it
 * says, through the API and in the ticket page's panel in a real browser. Triage flags an angry
 * customer on arrival. What must be refused is: another workspace's ticket, a malformed action, a
 * suggestion of another ticket; and without the plugin the calls say so and the ticket page works.
 * A desk of its own: the assistant is enabled for the whole installation, and its triage would touch
 * other classes' tickets on the shared one.
 */
class AssistIT {
    private static RelaydeskProcess relaydesk;
    private static Api admin;
    private static String billingTeam;
    private static String billingCategory;
    private static String resetArticle;

    @BeforeAll
    static void start() throws Exception {
        // private networks allowed: the test's OpenAI-compatible server listens on loopback
        relaydesk = RelaydeskProcess.startDemoDesk("assist", java.util.Map.of("RELAYDESK_OUTBOUND_ALLOW_PRIVATE_NETWORKS", "true"));
        admin = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD));

        // without the plugin: the calls say what is missing, nothing else changes
        String anyTicket = ticket("Where is my invoice?", "Please send me last month's invoice.", null, null).getString("id");
        Api.Reply off = admin.get("/api/tickets/" + anyTicket + "/assist");
        assertThat(off.status()).as(off.body()).isEqualTo(409);
        assertThat(off.body()).contains("assistant-not-available").contains("/admin/plugins");

        Api.Reply enabled = admin.put("/api/plugins/ai-assist", "{\"enabled\":true}");
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);

        resetArticle = publish("Reset your password", "<p>Forgot your password? On the sign-in page choose <strong>Forgot password</strong>.</p>"
                + "<p>We email you a link that works for one hour; follow it and choose a new password.</p>");
        publish("Delivery times", "<p>Standard delivery takes three to five working days.</p>");
        for (JsonValue category : admin.get("/api/tickets/categories").json().getJsonArray("categories")) {
            if (category.asJsonObject().getString("name").equals("Billing")) {
                billingCategory = category.asJsonObject().getString("id");
            }
        }
        billingTeam = admin.get("/api/tickets?category_id=" + billingCategory + "&limit=1").json().getJsonArray("tickets").getJsonObject(0)
                .getString("team_id");
        // the workspace's history: double charges were filed under Billing, for the billing specialists, and solved
        for (String[] solved : new String[][] {
                {"Charged twice for one order", "My card was charged two times for the same order, please refund one payment."},
                {"Double payment taken", "You took the payment twice from my account for a single purchase."},
                {"Refund the duplicate charge", "I see the same amount debited twice on my statement for one order."},
                {"Billed two times", "I was billed twice for my subscription this month, can I get the money back?"}}) {
            String id = ticket(solved[0], solved[1], billingCategory, billingTeam).getString("id");
            assertThat(admin.post("/api/tickets/" + id + "/comments", Json.createObjectBuilder().add("body", "We refunded the duplicate charge.").build())
                    .status()).isEqualTo(201);
            assertThat(admin.put("/api/tickets/" + id, "{\"status\":\"resolved\"}").status()).isEqualTo(200);
        }
        Api.Reply learnt = admin.post("/api/assist/retrain", "{}");
        assertThat(learnt.status()).as(learnt.body()).isEqualTo(200);
        assertThat(learnt.json().getString("learnt")).contains("2 articles").contains("all-MiniLM-L6-v2");
    }

    @AfterAll
    static void stop() throws Exception {
        if (relaydesk != null) {
            relaydesk.close();
        }
    }

    @Test
    void aQuestionTheHelpCentreAnswersGetsItsArticleAndDoThisSendsItOnceThenAFollowUpIsOffered() throws Exception {
        JsonObject ticket = ticket("Can't sign in", "I forgot my password and the sign-in page won't let me in. How do I choose a new one?", null, null);
        String id = ticket.getString("id");

        JsonObject suggestions = suggestions(id);
        JsonObject send = action(suggestions, "send_article");
        assertThat(send.getString("title")).isEqualTo("Send \u201cReset your password\u201d");
        assertThat(send.getJsonObject("arguments").getString("article")).isEqualTo(resetArticle);

        Api.Reply done = admin.post("/api/tickets/" + id + "/assist/actions", Json.createObjectBuilder().add("kind", "send_article")
                .add("suggestion_id", suggestions.getString("suggestion_id")).add("arguments", send.getJsonObject("arguments")).build());
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().getString("done")).isEqualTo("Sent the article \u201cReset your password\u201d");
        List<JsonObject> comments = comments(id);
        assertThat(comments).hasSize(1);
        assertThat(comments.get(0).getString("body")).contains("Reset your password").contains("/help/article/reset-your-password");
        assertThat(activities(id)).anySatisfy(a -> assertThat(a.getString("action")).isEqualTo("assisted"));

        JsonObject after = suggestions(id);
        assertThat(kinds(after)).doesNotContain("send_article").contains("follow_up");
        List<JsonObject> trail = admin.get("/api/tickets/" + id + "/assist/trail").json().getJsonArray("data").getValuesAs(JsonObject.class);
        assertThat(trail).anySatisfy(e -> {
            assertThat(e.getString("outcome")).isEqualTo("accepted");
            assertThat(e.getString("action_kind")).isEqualTo("send_article");
            assertThat(e.getString("actor")).isEqualTo("Administrator");
        });
    }

    @Test
    void anAngryCustomerIsFlaggedOnArrivalAndEscalatedToTheTeamThatSolvesSuchTickets() throws Exception {
        String id = ticket("Charged twice AGAIN", "This is the THIRD TIME I write: you charged my card twice for one order and still no refund. "
                + "Absolutely ridiculous!!! I will cancel my account.", null, null).getString("id");

        // both changes are one commit; a read may see the tags a moment before the priority (the shared cache is merged after the commit)
        JsonObject flagged = Await.await(() -> admin.get("/api/tickets/" + id).json(), t -> t.getJsonArray("tags").toString().contains("frustrated")
                && java.util.Set.of("high", "urgent").contains(t.getString("priority")), "triage flags the ticket and raises its priority");
        assertThat(flagged.getString("priority")).isIn("high", "urgent");
        assertThat(comments(id)).anySatisfy(c -> assertThat(c.getString("body")).contains("The customer sounds frustrated").contains("ridiculous"));

        JsonObject suggestions = suggestions(id);
        assertThat(suggestions.getJsonObject("mood").getBoolean("frustrated")).isTrue();
        assertThat(suggestions.getJsonArray("category").getJsonObject(0).getString("value")).isEqualTo("Billing");
        JsonObject escalate = action(suggestions, "escalate");
        assertThat(escalate.getString("title")).isEqualTo("Escalate to Billing specialists");

        Api.Reply done = admin.post("/api/tickets/" + id + "/assist/actions", Json.createObjectBuilder().add("kind", "escalate")
                .add("suggestion_id", suggestions.getString("suggestion_id")).add("arguments", escalate.getJsonObject("arguments")).build());
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(admin.get("/api/tickets/" + id).json().getString("team_id")).isEqualTo(billingTeam);
        assertThat(comments(id)).anySatisfy(c -> {
            assertThat(c.getString("body_text")).startsWith("Escalated to Billing specialists");
            assertThat(c.getBoolean("is_internal")).isTrue();
        });
    }

    @Test
    void resolvingWithTheChecklistNeedsTheCustomersConfirmationAndCanSkipTheSurvey() throws Exception {
        String id = ticket("App crash fixed?", "The app crashed with error 'E1042' on start since Monday.", null, null).getString("id");
        String before = admin.get("/api/tickets/" + id).json().getString("status");

        Api.Reply unconfirmed = admin.post("/api/tickets/" + id + "/assist/actions", "{\"kind\":\"close_with_checklist\",\"arguments\":{\"survey\":\"false\"}}");
        assertThat(unconfirmed.status()).as(unconfirmed.body()).isEqualTo(400);
        assertThat(unconfirmed.body()).contains("confirmed");
        assertThat(admin.get("/api/tickets/" + id).json().getString("status")).isEqualTo(before);

        Api.Reply resolved = admin.post("/api/tickets/" + id + "/assist/actions",
                "{\"kind\":\"close_with_checklist\",\"arguments\":{\"confirmed\":\"true\",\"survey\":\"false\"}}");
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        assertThat(resolved.json().getString("done")).isEqualTo("Resolved after the checklist, without a satisfaction survey");
        assertThat(admin.get("/api/tickets/" + id).json().getString("status")).isEqualTo("resolved");
        assertThat(suggestions(id).getJsonArray("actions")).isEmpty();
    }

    @Test
    void whatMustBeRefusedIsRefusedAndChangesNothing() throws Exception {
        String id = ticket("Refund please", "Please refund order 77812.", null, null).getString("id");
        String other = ticket("Another one", "Something else entirely.", null, null).getString("id");
        String otherSuggestion = suggestions(other).getString("suggestion_id");
        int comments = comments(id).size();

        for (String[] bad : new String[][] {
                {"{\"kind\":\"launch_rockets\"}", "kind"},
                {"{}", "kind"},
                {"{\"kind\":\"escalate\",\"arguments\":{\"team\":\"No Such Team\"}}", "No Such Team"},
                {"{\"kind\":\"follow_up\",\"arguments\":{\"in_hours\":\"-3\"}}", "in_hours"},
                {"{\"kind\":\"request_info\",\"arguments\":{\"questions\":\"\"}}", "questions"},
                {"{\"kind\":\"send_article\",\"arguments\":{\"article\":\"../../etc/passwd\"}}", "article"},
                {"{\"kind\":\"update_contact\",\"arguments\":{\"field\":\"role\",\"value\":\"admin\"}}", "field"},
                {"{\"kind\":\"set_fields\",\"arguments\":{\"priority\":\"cosmic\"}}", "priority"},
                {"{\"kind\":\"escalate\",\"suggestion_id\":\"" + otherSuggestion + "\",\"arguments\":{\"priority\":\"high\"}}", "suggestion_id"},
                {"{\"kind\":\"escalate\",\"arguments\":{\"priority\":7}}", "arguments.priority"},
                {"[1,2,3]", ""},
                {"{\"kind\":", ""}}) {
            Api.Reply refused = admin.post("/api/tickets/" + id + "/assist/actions", bad[0]);
            assertThat(refused.status()).as(bad[0] + " → " + refused.body()).isEqualTo(400);
            assertThat(refused.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(refused.body()).contains(bad[1]).doesNotContain("Exception").doesNotContain("at org.");
        }
        assertThat(comments(id)).hasSize(comments);
        assertThat(admin.get("/api/tickets/" + id).json().getString("priority")).isEqualTo("medium");

        // another workspace's admin cannot read or act on this ticket: it does not exist for them
        Api.Reply neighbour = admin.post("/api/workspaces", "{\"name\":\"Other Co\",\"slug\":\"other-co\",\"admin\":"
                + "{\"email\":\"admin@other.test\",\"name\":\"Other Admin\",\"password\":\"other-admin-pw-1\"}}");
        assertThat(neighbour.status()).as(neighbour.body()).isEqualTo(201);
        Api stranger = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), "admin@other.test", "other-admin-pw-1"));
        assertThat(stranger.get("/api/tickets/" + id + "/assist").status()).isEqualTo(404);
        assertThat(stranger.post("/api/tickets/" + id + "/assist/actions", "{\"kind\":\"set_fields\",\"arguments\":{\"priority\":\"urgent\"}}").status())
                .isEqualTo(404);
        assertThat(stranger.post("/api/tickets/" + id + "/assist/draft", "{}").status()).isEqualTo(404);
        assertThat(new Api(relaydesk.baseUrl(), null).get("/api/tickets/" + id + "/assist").status()).isEqualTo(401);
        assertThat(admin.get("/api/tickets/not-a-ticket/assist").status()).isEqualTo(404);
        assertThat(admin.get("/api/tickets/" + id).json().getString("priority")).isEqualTo("medium");
    }

    @Test
    void theTicketPagesPanelOffersTheStepsAndDoThisCarriesThemOutAsTheAgentAdjustedThem() throws Exception {
        JsonObject vague = ticket("It doesn't work", "The app doesn't work.", null, null);
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn(RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD);
            browser.find("#stat-open"); // signed in: the admin's landing page, before another page is opened
            browser.open("/agent/tickets/" + vague.getJsonNumber("number").longValue());
            browser.waitForText("[id='ticket:assist']", "Ask for the missing details");
            WebElement questions = browser.find("[data-kind='request_info'] textarea");
            assertThat(questions.getAttribute("value")).contains("what does any message on screen say");
            questions.clear();
            questions.sendKeys("Which version of the app do you have?\nWhat happens when you open it?");
            browser.click("[data-kind='request_info'] .rd-do-it");
            browser.waitForText(".rd-thread", "Which version of the app do you have?");
            browser.waitForText("#timeline", "with the assistant's help");
            browser.waitFor(d -> d.findElements(By.cssSelector("[data-kind='request_info']")).isEmpty() ? true : null, "the done step leaves the panel");
            assertThat(admin.get("/api/tickets/" + vague.getString("id")).json().getString("status")).isEqualTo("waiting_on_customer");
            List<JsonObject> trail = admin.get("/api/tickets/" + vague.getString("id") + "/assist/trail").json().getJsonArray("data")
                    .getValuesAs(JsonObject.class);
            assertThat(trail).anySatisfy(e -> assertThat(e.getString("outcome")).isEqualTo("edited"));

            // "Not now" takes a step away and is kept as feedback
            browser.waitForText("[id='ticket:assist']", "Follow up in two days");
            browser.click("[data-kind='follow_up'] .rd-not-now");
            browser.waitFor(d -> d.findElements(By.cssSelector("[data-kind='follow_up']")).isEmpty() ? true : null, "the dismissed step goes");
            assertThat(admin.get("/api/assist/feedback").json().getJsonObject("features").getJsonObject("next_actions").getInt("rejected"))
                    .isGreaterThanOrEqualTo(1);

            // "AI draft" writes a reply grounded in the help centre into the box
            JsonObject password = ticket("Password", "How do I reset my password? I forgot it.", null, null);
            browser.open("/agent/tickets/" + password.getJsonNumber("number").longValue());
            browser.click("[id='ticket:ai-draft']");
            browser.waitFor(d -> browser.editorText("replyEditor").contains("Forgot password") ? true : null, "the draft in the reply box");
            assertThat(browser.editorText("replyEditor")).contains("/help/article/reset-your-password");
            browser.screenshot("assist-panel");
        }
    }

    @Test
    void theWidgetAnswersFromTheHelpCentreAsksWhetherItHelpedAndOffersAnUpsetVisitorAPersonAtOnce() throws Exception {
        com.sun.net.httpserver.HttpServer site = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        String origin = "http://127.0.0.1:" + site.getAddress().getPort();
        Api.Reply made = admin.post("/api/widgets", Json.createObjectBuilder().add("name", "Assist site")
                .add("allowed_origins", Json.createArrayBuilder().add(origin)).build());
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        String siteKey = made.json().getString("site_key");
        site.createContext("/", exchange -> {
            byte[] page = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Shop</title></head><body><h1>Shop</h1>"
                    + "<script src=\"" + relaydesk.baseUrl() + "/widget.js\" data-api-url=\"" + relaydesk.baseUrl() + "/api\" data-site-id=\"" + siteKey
                    + "\" async></script></body></html>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        site.start();
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.driver.get(origin + "/");
            inWidget(browser, ".rd-launcher").click();
            inWidget(browser, "#rd-q").sendKeys("How do I reset my password please");
            browser.waitFor(d -> inWidget(browser, ".rd-answer").getText().contains("Answer from our help centre") ? true : null, "the answer");
            String answer = inWidget(browser, ".rd-answer").getText();
            assertThat(answer).contains("Forgot password").contains("Reset your password").contains("Was this helpful?");
            browser.screenshot("widget-answer");
            inWidget(browser, ".rd-answer-votes .rd-secondary").click();
            browser.waitFor(d -> inWidget(browser, ".rd-answer").getText().contains("Glad it helped") ? true : null, "the thanks");
            Await.await(() -> admin.get("/api/assist/feedback").json().getJsonObject("features"),
                    f -> f.containsKey("answer") && f.getJsonObject("answer").getInt("accepted", 0) == 1, "the vote counted");

            WebElement question = inWidget(browser, "#rd-q");
            question.clear();
            question.sendKeys("This is RIDICULOUS, third time I ask and still nothing!!!");
            browser.waitFor(d -> inWidget(browser, ".rd-answer").getText().contains("Let a person from our team help you right away") ? true : null,
                    "a person offered at once");
            assertThat(inWidget(browser, ".rd-answer").getText()).doesNotContain("Answer from our help centre");
        } finally {
            site.stop(0);
        }

        // the answer endpoint refuses what it must, and a vote counts once
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String base = relaydesk.baseUrl() + "/api/public/widget/" + siteKey;
        java.net.http.HttpResponse<String> asked = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base
                + "/answer?q=" + java.net.URLEncoder.encode("how long does delivery take", java.nio.charset.StandardCharsets.UTF_8)))
                .header("Origin", origin).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
        String answerId = Json.createReader(new java.io.StringReader(asked.body())).readObject().getString("answer_id");
        for (int[] expected : new int[][] {{204}, {409}}) {
            java.net.http.HttpResponse<String> vote = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/answers/" + answerId
                    + "/feedback")).header("Origin", origin).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"helpful\":false}")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(vote.statusCode()).as(vote.body()).isEqualTo(expected[0]);
        }
        for (String[] bad : new String[][] {{"/answer?q=" + "x".repeat(600), origin, "400"}, {"/answer?q=hi", origin, "400"},
                {"/answer?q=how+do+I+reset+my+password", "https://evil.test", "403"},
                {"/answers/" + java.util.UUID.randomUUID() + "/feedback", origin, "404"}}) {
            java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + bad[0])).header("Origin", bad[1]);
            if (bad[0].contains("/feedback")) {
                request.header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"helpful\":true}"));
            }
            java.net.http.HttpResponse<String> refused = http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(bad[0] + " " + refused.body()).isEqualTo(Integer.parseInt(bad[2]));
        }
    }

    @Test
    void aboveTheAdminsConfidenceTriageFilesANewTicketByItselfAndTheAdminPageShowsHowSuggestionsFared() throws Exception {
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn(RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD);
            browser.find("#stat-open"); // signed in: the admin's landing page, before another page is opened
            browser.open("/admin/assist");
            WebElement threshold = browser.find("[id='assist:apply-above']");
            threshold.clear();
            threshold.sendKeys("0.3");
            browser.click("[id='assist:save']");
            browser.waitForText("[id='assist-messages']", "between 0.5 and 1");
            assertThat(admin.get("/api/assist/settings").json().isNull("apply_above")).as("a refused value changes nothing").isTrue();
            threshold = browser.find("[id='assist:apply-above']");
            threshold.clear();
            threshold.sendKeys("0.5");
            browser.click("[id='assist:save']");
            browser.waitForText("[id='assist-messages']", "Assistant settings saved");
            browser.click("[id='assist:learn']");
            browser.waitForText("[id='assist-messages']", "solved tickets learnt");
            browser.waitForText("[id='assist:feedback']", "next actions");
        }
        try {
            String id = ticket("Duplicate charge", "My card was charged twice for the same order, please refund the second payment.", null, null)
                    .getString("id");
            JsonObject filed = Await.await(() -> admin.get("/api/tickets/" + id).json(), t -> !t.isNull("category_id"), "triage files the ticket");
            assertThat(filed.getString("category_id")).isEqualTo(billingCategory);
            assertThat(filed.getString("team_id")).isEqualTo(billingTeam);
            assertThat(admin.get("/api/tickets/" + id + "/activities").json().getJsonArray("activities").getValuesAs(JsonObject.class))
                    .anySatisfy(a -> assertThat(a.getString("actor_name")).isEqualTo("Assistant"));
            assertThat(admin.get("/api/tickets/" + id + "/assist/trail").json().getJsonArray("data").getValuesAs(JsonObject.class))
                    .anySatisfy(e -> {
                        assertThat(e.getString("feature")).isEqualTo("triage");
                        assertThat(e.getString("outcome")).isEqualTo("applied");
                    });
        } finally {
            assertThat(admin.put("/api/assist/settings", "{\"apply_above\":null,\"escalate_frustrated\":true,\"widget_answers\":true}").status())
                    .isEqualTo(200);
        }
        assertThat(admin.put("/api/assist/settings", "{\"apply_above\":\"high\"}").status()).isEqualTo(400);
        assertThat(admin.put("/api/assist/settings", "{\"apply_above\":1.5}").status()).isEqualTo(400);
    }

    /**
     * With an OpenAI-compatible endpoint set on the plugin, a draft is written by the model from the
     * retrieved passages only, with the customer's address replaced before it leaves, and internal
     * notes left out; the endpoint is a local server speaking the chat-completions protocol.
     */
    @Test
    void withAModelEndpointTheDraftIsGeneratedFromThePassagesWithoutPersonalData() throws Exception {
        java.util.List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer model = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        model.createContext("/v1/chat/completions", exchange -> {
            requests.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    + "\nAuthorization: " + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"local-model\","
                    + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello [customer], choose Forgot password "
                    + "on the sign-in page [1].\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":9,"
                    + "\"total_tokens\":18}}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        model.start();
        try {
            Api.Reply set = admin.put("/api/plugins/ai-assist/settings", Json.createObjectBuilder().add("settings", Json.createObjectBuilder()
                    .add("generation.url", "http://127.0.0.1:" + model.getAddress().getPort() + "/v1").add("generation.api_key", "sk-e2e-key")
                    .add("generation.model", "local-model")).build());
            assertThat(set.status()).as(set.body()).isEqualTo(200);
            String id = ticket("Reset", "How do I reset my password? Write to me at maria.private@example.org", null, null).getString("id");
            assertThat(admin.post("/api/tickets/" + id + "/comments", "{\"body\":\"VIP, do not mention the outage\",\"is_internal\":true}").status())
                    .isEqualTo(201);

            Api.Reply draft = admin.post("/api/tickets/" + id + "/assist/draft", "{}");
            assertThat(draft.status()).as(draft.body()).isEqualTo(200);
            assertThat(draft.json().getString("text")).isEqualTo("Hello Maria, choose Forgot password on the sign-in page [1].");
            assertThat(draft.json().getString("model")).isEqualTo("local-model");
            assertThat(draft.json().getJsonArray("sources").getJsonObject(0).getString("title")).isEqualTo("Reset your password");
            assertThat(requests).hasSize(1);
            assertThat(requests.get(0)).contains("\"model\":\"local-model\"").contains("Reset your password").contains("Authorization: Bearer sk-e2e-key")
                    .doesNotContain("maria.private@example.org").doesNotContain("Maria").doesNotContain("VIP");
        } finally {
            model.stop(0);
            Api.Reply cleared = admin.put("/api/plugins/ai-assist/settings", "{\"settings\":{\"generation.url\":\"\",\"generation.api_key\":\"cleared\"}}");
            assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
        }
    }

    @Test
    void theOtherStepsDoWhatTheySay() throws Exception {
        // a customer known by phone only (a WhatsApp or SMS contact) who gives an address in the thread
        Api.Reply made = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Order 55123 late")
                .add("description", "My order 55123 has not arrived. Please write to me at new.address@example.org from now on.")
                .add("requester_phone", "+1415555" + String.format("%04d", (int) (System.nanoTime() % 10_000))).add("requester_name", "Pat Phone").build());
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        String id = made.json().getString("id");
        JsonObject suggestions = suggestions(id);

        // the customer record gets the address from the thread
        JsonObject update = action(suggestions, "update_contact");
        assertThat(update.getJsonObject("arguments").getString("value")).isEqualTo("new.address@example.org");
        assertThat(act(id, suggestions, update).status()).isEqualTo(200);
        assertThat(admin.get("/api/tickets/" + id).json().getJsonArray("requester_identities").toString()).contains("new.address@example.org");

        // filing as similar tickets were
        Api.Reply filed = admin.post("/api/tickets/" + id + "/assist/actions",
                "{\"kind\":\"set_fields\",\"arguments\":{\"category\":\"Billing\",\"priority\":\"high\",\"tags\":\"late-order\"}}");
        assertThat(filed.status()).as(filed.body()).isEqualTo(200);
        JsonObject after = admin.get("/api/tickets/" + id).json();
        assertThat(after.getString("category_id")).isEqualTo(billingCategory);
        assertThat(after.getString("priority")).isEqualTo("high");
        assertThat(after.getJsonArray("tags").toString()).contains("late-order");

        // a task for a team: a linked ticket the customer does not own
        Api.Reply task = admin.post("/api/tickets/" + id + "/assist/actions", "{\"kind\":\"create_task\",\"arguments\":{\"subject\":\"Check the courier\","
                + "\"team\":\"Billing specialists\",\"note\":\"Ask the courier where 55123 is\"}}");
        assertThat(task.status()).as(task.body()).isEqualTo(200);
        assertThat(task.json().getString("done")).startsWith("Opened task #").endsWith("for Billing specialists");
        long taskNumber = Long.parseLong(task.json().getString("done").replaceAll("\\D+", " ").trim().split(" ")[0]);
        JsonObject taskTicket = admin.get("/api/tickets?q=" + java.net.URLEncoder.encode("Check the courier", java.nio.charset.StandardCharsets.UTF_8))
                .json().getJsonArray("tickets").getValuesAs(JsonObject.class).stream().filter(t -> t.getJsonNumber("number").longValue() == taskNumber)
                .findFirst().orElseThrow();
        assertThat(taskTicket.getString("type")).isEqualTo("task");
        assertThat(taskTicket.getString("team_id")).isEqualTo(billingTeam);
        assertThat(taskTicket.getString("requester_email")).as("the asking agent, not the customer").isEqualTo(RelaydeskProcess.DEMO_ADMIN_EMAIL);
        Api.Reply blocked = admin.post("/api/tickets/" + id + "/assist/actions", "{\"kind\":\"close_with_checklist\",\"arguments\":{\"confirmed\":\"true\"}}");
        assertThat(blocked.status()).as("the linked task is still open: " + blocked.body()).isEqualTo(409);
        assertThat(blocked.body()).contains("checklist-open-tasks");

        // a follow-up is on the timeline
        Api.Reply followUp = admin.post("/api/tickets/" + id + "/assist/actions", "{\"kind\":\"follow_up\",\"arguments\":{\"in_hours\":\"24\",\"note\":\"Courier?\"}}");
        assertThat(followUp.status()).as(followUp.body()).isEqualTo(200);
        assertThat(followUp.json().getString("done")).startsWith("Follow-up set for").endsWith("(in 24 hours)");
        assertThat(activities(id)).anySatisfy(a -> assertThat(a.toString()).contains("Follow-up set for"));

        // the summary and related knowledge
        Api.Reply summary = admin.post("/api/tickets/" + id + "/assist/summary", "{}");
        assertThat(summary.status()).as(summary.body()).isEqualTo(200);
        assertThat(summary.json().getString("text")).startsWith("Asked: My order 55123 has not arrived.");
        Api.Reply related = admin.get("/api/tickets/" + id + "/assist/related?limit=3");
        assertThat(related.status()).as(related.body()).isEqualTo(200);
        assertThat(related.json().getJsonArray("data").size()).isBetween(1, 3);
        assertThat(admin.get("/api/tickets/" + id + "/assist/related?limit=500").status()).isEqualTo(400);
    }

    private static Api.Reply act(String ticketId, JsonObject suggestions, JsonObject action) throws Exception {
        return admin.post("/api/tickets/" + ticketId + "/assist/actions", Json.createObjectBuilder().add("kind", action.getString("kind"))
                .add("suggestion_id", suggestions.getString("suggestion_id")).add("arguments", action.getJsonObject("arguments")).build());
    }

    private static WebElement inWidget(Browser browser, String css) {
        return browser.waitFor(d -> {
            List<WebElement> hosts = d.findElements(By.tagName("relaydesk-widget"));
            if (hosts.isEmpty()) {
                return null;
            }
            List<WebElement> found = hosts.get(0).getShadowRoot().findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        }, "widget element " + css);
    }

    private static JsonObject suggestions(String ticketId) throws Exception {
        Api.Reply reply = admin.get("/api/tickets/" + ticketId + "/assist");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> kinds(JsonObject suggestions) {
        return suggestions.getJsonArray("actions").getValuesAs(JsonObject.class).stream().map(a -> a.getString("kind")).toList();
    }

    private static JsonObject action(JsonObject suggestions, String kind) {
        return suggestions.getJsonArray("actions").getValuesAs(JsonObject.class).stream().filter(a -> a.getString("kind").equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " among " + suggestions));
    }

    private static List<JsonObject> comments(String ticketId) throws Exception {
        return admin.get("/api/tickets/" + ticketId + "/comments").json().getJsonArray("comments").getValuesAs(JsonObject.class);
    }

    private static List<JsonObject> activities(String ticketId) throws Exception {
        return admin.get("/api/tickets/" + ticketId + "/activities").json().getJsonArray("activities").getValuesAs(JsonObject.class);
    }

    private static JsonObject ticket(String subject, String description, String categoryId, String teamId) throws Exception {
        var body = Json.createObjectBuilder().add("subject", subject).add("description", description)
                .add("requester_email", "customer-" + System.nanoTime() + "@example.org").add("requester_name", "Maria Silva");
        if (categoryId != null) {
            body.add("category_id", categoryId);
        }
        if (teamId != null) {
            body.add("team_id", teamId);
        }
        Api.Reply made = admin.post("/api/tickets", body.build());
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        return made.json();
    }

    private static String publish(String title, String html) throws Exception {
        Api.Reply article = admin.post("/api/kb/articles", Json.createObjectBuilder().add("title", title).add("body", html).add("language", "en")
                .add("visibility", "public").build());
        assertThat(article.status()).as(article.body()).isEqualTo(201);
        String id = article.json().getString("id");
        assertThat(admin.post("/api/kb/articles/" + id + "/publish", "{}").status()).isEqualTo(200);
        return id;
    }
}
