package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;

import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The knowledge base editor of the admin panel in a real browser, and what the help centre then
 * shows: drafts never, published public articles with their title and description, found despite a
 * typo; internal articles never; reverting restores an earlier version; agents are refused the editor.
 */
class KnowledgeBaseEditorIT {
    private static RelaydeskProcess relaydesk;
    private static String workspaceId;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        relaydesk = RelaydeskProcess.sharedDemoDesk();
        Api admin = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD));
        JsonObject me = admin.get("/api/auth/me").json();
        workspaceId = (me.containsKey("user") ? me.getJsonObject("user") : me).getString("workspace_id");
    }

    /** A made-up word of lowercase letters no other article holds: it makes this run's articles findable. */
    private static String word(Random random) {
        StringBuilder word = new StringBuilder("zor");
        for (int i = 0; i < 7; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    private static HttpResponse<String> help(String path) throws Exception {
        String url = relaydesk.baseUrl() + path + (path.contains("?") ? "&" : "?") + "workspace=" + workspaceId;
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String helpBody(String path) {
        try {
            return help(path).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> search(String query) throws Exception {
        return help("/help/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    }

    private static void type(Browser browser, String id, String text) {
        var input = browser.find("[id='" + id + "']");
        input.clear();
        input.sendKeys(text);
    }

    private static void message(Browser browser, String form, String text) {
        browser.waitForText("[id='" + form + ":messages']", text);
    }

    @Test
    void anAdminWritesPublishesRevertsAndKeepsInternalArticlesOffTheHelpCentre() throws Exception {
        Random random = new Random();
        String word = word(random);
        String internalWord = word(random);
        String category = "Guides " + word;
        String title = "Calibrate the " + word + " relay";
        String description = "How to calibrate the " + word + " relay in five minutes";
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn(RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD);
            browser.waitFor(d -> d.getCurrentUrl().contains("/admin/") ? true : null, "the admin is signed in");
            browser.open("/admin/kb");
            browser.find("#nav-kb");
            type(browser, "kbcat:name", category);
            browser.click("[id='kbcat:save']");
            message(browser, "kbcat", "Category " + category + " added");
            browser.waitForText("[id='kbcat:tree']", category);

            // a new article, saved as a draft: staff see it, the help centre does not
            browser.click("#new-article");
            type(browser, "article:title", title);
            type(browser, "article:summary", description);
            browser.choose("article:category", category);
            type(browser, "article:tags", "relay, calibration");
            browser.editor("kbEditor").click();
            browser.editor("kbEditor").sendKeys("Turn the " + word + " dial clockwise until the light turns green.");
            browser.waitFor(d -> browser.editorText("kbEditor").contains("clockwise") ? true : null, "the text typed");
            browser.click("[id='article:preview']");
            browser.waitForText("#preview-body", "until the light turns green");
            browser.click("[id='article:save']");
            browser.waitFor(d -> d.getCurrentUrl().contains("/admin/kb/article?id=") ? true : null, "the saved draft has its own address");
            message(browser, "article", "Draft saved");
            browser.waitForText("#article-status", "Draft");
            String slug = browser.find("[id='article:slug']").getAttribute("value");
            assertThat(slug).isEqualTo("calibrate-the-" + word + "-relay");
            String articleUrl = browser.driver.getCurrentUrl();
            assertThat(help("/help/article/" + slug).statusCode()).as("a draft is not on the help centre").isEqualTo(404);
            assertThat(search(word).body()).doesNotContain(title);

            // published: on the help centre with its title and description, found despite a typo
            browser.click("[id='article:publish']");
            message(browser, "article", "Published");
            browser.waitForText("#article-status", "Published");
            HttpResponse<String> page = help("/help/article/" + slug);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<title>" + title).contains("<meta name=\"description\" content=\"" + description + "\">")
                    .contains("until the light turns green");
            String typo = word.substring(0, 5) + word.substring(6);
            assertThat(search(typo).body()).as("'" + typo + "' for '" + word + "'").contains(title);

            // edited, then back to the first version
            type(browser, "article:title", title + " quickly");
            browser.click("[id='article:save']");
            message(browser, "article", "Saved: the published article changed");
            browser.waitFor(d -> helpBody("/help/article/" + slug).contains(title + " quickly") ? true : null, "the edit is live");
            browser.find("[id='history:versions']");
            browser.screenshot("admin-kb-editor");
            browser.click(".rd-revert-1");
            browser.click("#confirm-yes");
            message(browser, "article", "Reverted to version 1");
            browser.waitFor(d -> title.equals(browser.find("[id='article:title']").getAttribute("value")) ? true : null, "the first title back");
            assertThat(help("/help/article/" + slug).body()).contains("<title>" + title).doesNotContain(title + " quickly");
            browser.waitForText("[id='history:versions']", "Reverted to version 1");

            // a category that holds an article is not deleted, and says why
            browser.open("/admin/kb");
            browser.waitForText("[id='articles:list']", title);
            browser.waitFor(d -> {
                d.findElement(By.xpath("//tr[contains(., '" + category + "')]//button[contains(., 'Delete')]")).click();
                return true;
            }, "delete the category");
            browser.click("#confirm-yes");
            message(browser, "kbcat", "still holds 1 article");
            browser.waitForText("[id='kbcat:tree']", category);
            browser.screenshot("admin-kb");

            // an internal article, published: never on the help centre nor in its search
            browser.open("/admin/kb/article");
            type(browser, "article:title", "Staff notes on " + internalWord);
            browser.choose("article:visibility", "Internal: staff only");
            browser.editor("kbEditor").click();
            browser.editor("kbEditor").sendKeys("Only staff read about " + internalWord + " and the " + word + " relay.");
            browser.waitFor(d -> browser.editorText("kbEditor").contains("Only staff") ? true : null, "the text typed");
            browser.click("[id='article:publish']");
            browser.waitFor(d -> d.getCurrentUrl().contains("/admin/kb/article?id=") ? true : null, "the internal article is saved");
            browser.waitForText("#article-status", "Published");
            String internalSlug = browser.find("[id='article:slug']").getAttribute("value");
            assertThat(help("/help/article/" + internalSlug).statusCode()).isEqualTo(404);
            assertThat(search(internalWord).body()).doesNotContain("Staff notes");
            assertThat(search(word).body()).contains(title).doesNotContain("Staff notes");
            browser.open(articleUrl.substring(articleUrl.indexOf("/admin/")));
            browser.waitForText("#article-status", "Published");
        }
    }

    @Test
    void picturesAndFilesAddedInTheEditorShowOnTheHelpPageToWhoeverMayReadIt() throws Exception {
        String word = word(new Random());
        Api admin = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD));
        Api.Reply created = admin.post("/api/kb/articles", Json.createObjectBuilder().add("title", "Wiring the " + word + " panel")
                .add("body", "<p>See the diagram below.</p>").add("language", "en").add("visibility", "public").build());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().getString("id");
        String slug = created.json().getString("slug");
        assertThat(admin.post("/api/kb/articles/" + id + "/publish", "{}").status()).isEqualTo(200);
        java.nio.file.Path diagram = java.nio.file.Files.createTempFile("diagram-" + word, ".png");
        java.nio.file.Files.write(diagram, java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="));
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn(RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD);
            browser.waitFor(d -> d.getCurrentUrl().contains("/admin/") ? true : null, "the admin is signed in");
            browser.open("/admin/kb/article?id=" + id);
            // the file input hides behind PrimeFaces' "Add files" button: present, not displayed
            browser.waitFor(d -> d.findElements(By.cssSelector("[id='files:upload'] input[type='file']")).stream().findFirst().orElse(null),
                    "the upload's file input").sendKeys(diagram.toString());
            browser.waitForText("[id='files:file-list']", diagram.getFileName().toString());
            assertThat(browser.find("[id='files:file-list']").getText()).contains("image/png");
        }
        String page = helpBody("/help/article/" + slug);
        java.util.regex.Matcher image = java.util.regex.Pattern.compile("<img src=\"([^\"]+/files/[^\"]+)\"").matcher(page);
        assertThat(image.find()).as(page).isTrue();
        String fileUrl = image.group(1).replace("&amp;", "&");
        HttpResponse<byte[]> file = HTTP.send(HttpRequest.newBuilder(URI.create(relaydesk.baseUrl() + fileUrl)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/png"));
        assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(file.body()).isEqualTo(java.nio.file.Files.readAllBytes(diagram));

        // an internal article's file is staff's alone; a page disguised as a picture is refused
        Api.Reply internal = admin.post("/api/kb/articles", Json.createObjectBuilder().add("title", "Staff wiring " + word)
                .add("body", "<p>Internal.</p>").add("language", "en").add("visibility", "internal").build());
        String internalId = internal.json().getString("id");
        admin.post("/api/kb/articles/" + internalId + "/publish", "{}");
        String png = java.util.Base64.getEncoder().encodeToString(java.nio.file.Files.readAllBytes(diagram));
        Api.Reply attached = admin.post("/api/kb/articles/" + internalId + "/files", "{\"name\":\"staff.png\",\"content_base64\":\"" + png + "\"}");
        assertThat(attached.status()).as(attached.body()).isEqualTo(201);
        String internalFile = attached.json().getString("id");
        assertThat(help("/help/article/" + internal.json().getString("slug") + "/files/" + internalFile).statusCode()).isEqualTo(404);
        assertThat(help("/help/article/" + slug + "/files/" + internalFile).statusCode()).as("through a public article").isEqualTo(404);
        assertThat(admin.get("/api/kb/articles/" + internalId + "/files").json().getJsonArray("data")).hasSize(1);
        String page64 = java.util.Base64.getEncoder().encodeToString("<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
        Api.Reply disguised = admin.post("/api/kb/articles/" + id + "/files", "{\"name\":\"innocent.png\",\"content_base64\":\"" + page64 + "\"}");
        assertThat(disguised.status()).isEqualTo(400);
        assertThat(disguised.body()).contains("cannot be attached");
        assertThat(admin.post("/api/kb/articles/" + id + "/files", "{\"name\":\"x.png\",\"content_base64\":\"%%%\"}").status()).isEqualTo(400);
        assertThat(admin.delete("/api/kb/articles/" + internalId + "/files/" + internalFile).status()).isEqualTo(204);
        assertThat(admin.get("/api/kb/articles/" + internalId + "/files").json().getJsonArray("data")).isEmpty();
    }

    @Test
    void theArticleListPagesPastTwoHundredAndAnAdminDeletesAnArticleWithItsHelpPage() throws Exception {
        String word = word(new Random());
        Api admin = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD));
        String lastId = null;
        for (int i = 1; i <= 201; i++) {
            Api.Reply created = admin.post("/api/kb/articles", Json.createObjectBuilder().add("title", "Batch " + word + " note " + i)
                    .add("body", "<p>Note " + i + " about the " + word + " batch.</p>").add("language", "en").add("visibility", "public").build());
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            lastId = created.json().getString("id");
        }
        String doomedSlug = admin.get("/api/kb/articles/" + lastId).json().getString("slug");
        assertThat(admin.post("/api/kb/articles/" + lastId + "/publish", "{}").status()).isEqualTo(200);
        assertThat(help("/help/article/" + doomedSlug).statusCode()).isEqualTo(200);
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn(RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD);
            browser.waitFor(d -> d.getCurrentUrl().contains("/admin/") ? true : null, "the admin is signed in");
            browser.open("/admin/kb");
            type(browser, "articles:query", word);
            browser.click("[id='articles:filter']");
            // newest first: the published one (updated last) heads the first page of 200; the oldest is on the second
            browser.waitForText("[id='articles:pages']", "Articles 1\u2013200");
            assertThat(browser.driver.findElements(By.cssSelector("[id='articles:list'] .rd-kb-title"))).hasSize(200);
            assertThat(browser.find("[id='articles:list']").getText()).contains("Batch " + word + " note 201").doesNotContain("note 1\n");
            browser.click("[id='articles:next-page']");
            browser.waitForText("[id='articles:pages']", "Articles 201\u2013201");
            browser.waitForText("[id='articles:list']", "Batch " + word + " note 1");
            assertThat(browser.driver.findElements(By.cssSelector("[id='articles:list'] .rd-kb-title"))).hasSize(1);
            browser.click("[id='articles:previous-page']");
            browser.waitForText("[id='articles:pages']", "Articles 1\u2013200");

            // deleted from its editor, after a confirmation: gone from the list, the API and the help centre
            browser.open("/admin/kb/article?id=" + lastId);
            browser.waitForText("#article-status", "Published");
            browser.click("[id='article:delete']");
            browser.click("#confirm-yes");
            browser.waitFor(d -> d.getCurrentUrl().endsWith("/admin/kb") ? true : null, "back on the list");
            message(browser, "articles", "Deleted \u201cBatch " + word + " note 201\u201d");
            assertThat(admin.get("/api/kb/articles/" + lastId).status()).isEqualTo(404);
            assertThat(help("/help/article/" + doomedSlug).statusCode()).isEqualTo(404);
            type(browser, "articles:query", word);
            browser.click("[id='articles:filter']");
            browser.waitForText("[id='articles:list']", "Batch " + word + " note 200");
            assertThat(browser.driver.findElements(By.cssSelector("[id='articles:list'] .rd-kb-title"))).hasSize(200);
            assertThat(browser.driver.findElements(By.cssSelector("[id='articles:pages']"))).as("200 left: one page").isEmpty();
        }
    }

    @Test
    void anAgentIsRefusedTheEditorWhateverThePathAndASupervisorMayUseIt() throws Exception {
        try (Browser alice = new Browser(relaydesk.baseUrl())) {
            alice.signIn("alice@demo.test", "demo-password-1");
            alice.waitFor(d -> d.getCurrentUrl().contains("/agent/tickets") ? true : null, "alice lands in her queue");
            String cookie = alice.driver.manage().getCookieNamed("RELAYDESK_SESSION").getValue();
            for (String path : List.of("/admin/kb", "/admin/kb/", "/admin/kb.xhtml", "/admin/kb/article", "/admin/kb/article.xhtml",
                    "/admin/kb/article?id=00000000-0000-0000-0000-000000000001", "/admin/kb/../kb", "/admin/kb/./article", "/agent/%2e%2e/admin/kb",
                    "/agent/../admin/kb", "/admin/%6bb", "/admin/kb%2farticle", "/agent/%252e%252e/admin/kb", "//admin/kb", "/admin/kb;x=1")) {
                String[] outcome = finalStatus(path, cookie).split(" ", 2);
                int status = Integer.parseInt(outcome[0]);
                // refused, or sent somewhere an agent may go (the container tidies some paths into a redirect to her own area)
                assertThat(status == 400 || status == 403 || status == 404
                        || status == 200 && (outcome[1].startsWith("/agent/") || outcome[1].equals("/login"))).as(path + " -> " + outcome[1] + " " + status).isTrue();
            }
            alice.open("/admin/kb");
            assertThat(alice.driver.getPageSource()).doesNotContain("New category", "Search titles");
        }
        try (Browser carol = new Browser(relaydesk.baseUrl())) {
            carol.signIn("carol@demo.test", "demo-password-1");
            carol.waitFor(d -> d.getCurrentUrl().contains("/supervisor/") || d.getCurrentUrl().contains("/agent/") ? true : null, "carol is signed in");
            carol.open("/admin/kb");
            carol.find("[id='articles:list']");
            // her own sidebar, not the admin links she could not follow
            assertThat(carol.driver.findElements(By.cssSelector("a[href='/supervisor/tickets']"))).hasSize(1);
            assertThat(carol.driver.findElements(By.cssSelector("#nav-users, #nav-settings, a[href='/admin/plugins']"))).isEmpty();
            carol.open("/admin/users");
            assertThat(carol.driver.getPageSource()).as("the rest of the admin area stays closed").doesNotContain("Invite a member of staff");
        }
    }

    /** The status a path finally gets with this session, the path sent exactly as written and redirects followed. */
    private static String finalStatus(String path, String cookie) throws Exception {
        String current = path;
        for (int hops = 0; hops < 5; hops++) {
            String head = raw(current, cookie);
            int status = Integer.parseInt(head.substring(9, 12));
            java.util.regex.Matcher location = java.util.regex.Pattern.compile("(?im)^Location:\\s*(?:https?://[^/]+)?(\\S+)").matcher(head);
            if (status / 100 != 3 || !location.find()) {
                return status + " " + current;
            }
            current = location.group(1);
        }
        throw new AssertionError("too many redirects for " + path);
    }

    private static String raw(String path, String cookie) throws Exception {
        URI base = URI.create(relaydesk.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\nConnection: close\r\nAccept: text/html\r\n"
                    + "Cookie: RELAYDESK_SESSION=" + cookie + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            String text = answer.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            assertThat(split < 0 ? "" : text.substring(split + 4)).as(path).doesNotContain("New category", "Search titles");
            return head;
        }
    }
}
