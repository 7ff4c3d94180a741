package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relaydesk.e2e.Await.await;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The customer portal end to end on the built distribution (start-dev, PostgreSQL), with GreenMail
 * as the desk's mailbox and a real headless browser: a customer registers, confirms the address
 * from the email, opens a ticket with a file, reads the agent's reply (never the internal note),
 * replies, and rates the solved ticket. Then another customer tries every way into it: the API
 * with the ticket's number, odd paths, and the staff areas with a portal session. One server.
 */
class CustomerPortalJourneyIT {
    private static RelaydeskProcess relaydesk;
    private static Api admin;
    private static String workspace;
    private static TestMail mail;
    private static String mailboxId;

    @BeforeAll
    static void start() throws Exception {
        mail = TestMail.start();
        relaydesk = RelaydeskProcess.sharedDemoDesk(); // the test's mail server listens on 127.0.0.1
        admin = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD));
        workspace = PortalRequests.workspaceOf(admin);
        assertThat(admin.put("/api/plugins/channel-email", "{\"enabled\":true}").status()).isEqualTo(200);
        Api.Reply mailbox = admin.post("/api/channel-accounts", mail.accountJson("Portal mailbox"));
        assertThat(mailbox.status()).as(mailbox.body()).isEqualTo(201);
        mailboxId = mailbox.json().getString("id");
    }

    @AfterAll
    static void stop() throws Exception {
        if (mailboxId != null) {
            admin.put("/api/channel-accounts/" + mailboxId, "{\"enabled\":false}"); // the shared desk's next users bring their own mailbox
        }
        if (mail != null) {
            mail.close();
        }
    }

    @Test
    void aCustomerRegistersOpensATicketWithAFileReadsTheReplyAnswersAndRatesAndNobodyElseGetsIn() throws Exception {
        Path file = Files.createTempFile("receipt", ".pdf");
        Files.write(file, "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        long number;
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.open("/register?workspace=" + workspace);
            browser.find("#name").sendKeys("Petra Portal");
            browser.find("#email").sendKeys("petra@customer.test");
            browser.find("#password").sendKeys("my long portal passphrase");
            browser.click("#register-form button[type=submit]");
            browser.waitForText("#register-form", "check your inbox");

            browser.open("/portal/verify#token=" + token("petra@customer.test", "verify"));
            browser.waitFor(d -> d.getCurrentUrl().endsWith("/portal/dashboard") ? true : null, "signed in on the dashboard");
            browser.waitForText("main", "Open tickets (0)");

            browser.open("/portal/tickets/new");
            browser.find("#subject").sendKeys("Refund for order 7731");
            browser.find("#description").sendKeys("The parcel arrived broken; receipt attached.");
            browser.find("#files").sendKeys(file.toString());
            browser.click("#new-ticket-form button[type=submit]");
            browser.waitFor(d -> d.getCurrentUrl().matches(".*/portal/tickets/\\d+$") ? true : null, "the new ticket's page");
            browser.waitForText("#thread", "receipt");
            String url = browser.driver.getCurrentUrl();
            number = Long.parseLong(url.substring(url.lastIndexOf('/') + 1));

            JsonObject ticket = await(() -> admin.get("/api/tickets?channel=portal&limit=50").json().getJsonArray("tickets").stream()
                    .map(JsonValue::asJsonObject).filter(t -> t.getString("subject").equals("Refund for order 7731")).findFirst().orElse(null),
                    "the ticket in the agents' queue");
            String id = ticket.getString("id");
            assertThat(admin.post("/api/tickets/" + id + "/comments", "{\"body\":\"Internal: check the courier first\",\"is_internal\":true}")
                    .status()).isEqualTo(201);
            assertThat(admin.post("/api/tickets/" + id + "/comments", "{\"body\":\"Sorry about that, the refund is on its way.\"}").status())
                    .isEqualTo(201);

            browser.open("/portal/tickets/" + number);
            browser.waitForText("#thread", "the refund is on its way");
            assertThat(browser.driver.getPageSource()).doesNotContain("check the courier");
            browser.find("#reply-body").sendKeys("Thank you, it arrived.");
            browser.click("#reply-form button[type=submit]");
            browser.waitForText("#thread", "Thank you, it arrived.");

            assertThat(admin.post("/api/tickets/" + id + "/resolve", "{}").status()).isEqualTo(200);
            browser.open("/portal/tickets/" + number);
            browser.find("#rating");
            browser.driver.executeScript("document.getElementById('rating').value = '5';");
            browser.find("#feedback").sendKeys("Quick and kind");
            browser.click("#rating-form button[type=submit]");
            browser.waitForText("#rated", "You rated this 5 of 5");
            assertThat(admin.get("/api/tickets/" + id).body()).contains("\"status\":\"resolved\"");

            browser.open("/portal/dashboard");
            browser.waitForText("main", "the refund is on its way");
            browser.screenshot("portal-dashboard");

            // her own data, from her profile: what the portal shows her, never the internal note
            browser.open("/portal/profile");
            assertThat(browser.find("#export-link").getAttribute("href")).endsWith("/api/portal/me/export");
            String cookie = "RELAYDESK_PORTAL=" + browser.driver.manage().getCookieNamed("RELAYDESK_PORTAL").getValue();
            HttpResponse<byte[]> export = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(relaydesk.baseUrl() + "/api/portal/me/export")).header("Cookie", cookie).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(export.statusCode()).isEqualTo(200);
            java.util.Map<String, String> entries = new java.util.HashMap<>();
            try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(export.body()))) {
                for (java.util.zip.ZipEntry entry; (entry = zip.getNextEntry()) != null;) {
                    entries.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.ISO_8859_1));
                }
            }
            assertThat(entries.get("contact.json")).contains("petra@customer.test");
            assertThat(entries.get("tickets/" + number + ".json")).contains("Refund for order 7731", "the refund is on its way",
                    "Thank you, it arrived.", "Quick and kind").doesNotContain("check the courier").doesNotContain("\"internal\"");
            assertThat(entries.keySet()).anyMatch(name -> name.startsWith("attachments/" + number + "/") && name.endsWith("receipt.pdf")
                    || name.startsWith("attachments/" + number + "/") && name.contains("receipt"));
        }

        // another customer, signed in with an emailed one-time link
        String other = signedInCustomer("mallory@other.test");
        assertThat(portal(other, "GET", "/api/portal/tickets/" + number).statusCode()).isEqualTo(404);
        assertThat(portal(other, "POST", "/api/portal/tickets/" + number + "/replies").statusCode()).isEqualTo(404);
        assertThat(portal(other, "POST", "/api/portal/tickets/" + number + "/reopen").statusCode()).isEqualTo(404);
        assertThat(portal(other, "GET", "/api/portal/tickets?status=all").body()).contains("\"total\":0");
        HttpResponse<String> refused = portal(other, "GET", "/api/portal/tickets/" + number + "%2F..%2F..%2Fme");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        for (String odd : new String[] {"/portal/../admin/users", "/portal/%2e%2e/admin/users", "/portal//admin", "//portal/dashboard",
                "/portal/tickets/%2e%2e%2f" + number, "/portal/tickets/" + number + ";x=1"}) {
            assertThat(raw(other, odd)).as(odd).startsWith("400");
        }
        for (String page : new String[] {"/PORTAL/tickets/" + number, "/Portal/dashboard", "/portal/tickets/0" + number + "x", "/portal/secret"}) {
            assertThat(raw(other, page)).as(page).startsWith("404");
        }
        assertThat(portal(other, "GET", "/portal/tickets/" + number).body()).doesNotContain("Refund for order 7731");
        // a portal session is no staff session: the panels send it to the staff sign-in, the API wants a token
        for (String staff : new String[] {"/agent/dashboard", "/admin/users", "/supervisor/dashboard"}) {
            HttpResponse<String> answer = portal(other, "GET", staff);
            assertThat(answer.statusCode()).as(staff).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location").orElse("")).as(staff).contains("/login");
        }
        assertThat(portal(other, "GET", "/api/tickets").statusCode()).isEqualTo(401);
        assertThat(portal(null, "GET", "/api/portal/me").statusCode()).isEqualTo(401);
        assertThat(portal(null, "GET", "/portal/dashboard").headers().firstValue("Location").orElse("")).contains("/portal/login");
        assertThat(portal(null, "GET", "/openapi").statusCode()).as("the API document still builds").isEqualTo(200);
        // the one-ticket status links keep working beside the portal
        assertThat(portal(null, "GET", "/track.html").statusCode()).isEqualTo(200);
    }

    @Test
    void articlesForSignedInCustomersShowToThemAndToNobodyElse() throws Exception {
        String inWorkspace = "workspace=" + workspace;
        String word = "quasar" + Long.toString(System.nanoTime() % 100_000, 36).replaceAll("[0-9]", "x");
        Api.Reply created = admin.post("/api/kb/articles", Json.createObjectBuilder().add("title", "Members guide to the " + word + " upgrade")
                .add("body", "<p>Only for our signed-in customers.</p>").add("language", "en").add("visibility", "customers").build());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(admin.post("/api/kb/articles/" + created.json().getString("id") + "/publish", "{}").status()).isEqualTo(200);
        String slug = created.json().getString("slug");

        assertThat(portal(null, "GET", "/help/article/" + slug + "?" + inWorkspace).statusCode()).as("not for visitors").isEqualTo(404);
        assertThat(portal(null, "GET", "/api/kb/search?q=" + word + "&" + inWorkspace).body()).doesNotContain(slug);
        HttpResponse<String> home = portal(null, "GET", "/help?" + inWorkspace);
        assertThat(home.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
        assertThat(home.headers().firstValue("Vary")).hasValue("Cookie");

        String cookie = signedInCustomer("member-" + word + "@customer.test");
        HttpResponse<String> page = portal(cookie, "GET", "/help/article/" + slug + "?" + inWorkspace);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Members guide to the " + word + " upgrade");
        assertThat(page.headers().firstValue("Cache-Control")).as("no shared cache keeps a customer's page").hasValue("private, no-store");
        assertThat(portal(cookie, "GET", "/api/kb/search?q=" + word + "&" + inWorkspace).body()).contains(slug);
        assertThat(portal(cookie, "GET", "/help/search?q=" + word + "&" + inWorkspace).body()).contains("Members guide to the " + word);
        assertThat(portal(cookie, "GET", "/help/sitemap.xml?" + inWorkspace).body()).as("search engines list public articles only").doesNotContain(slug);
        assertThat(portal(cookie + "x", "GET", "/help/article/" + slug + "?" + inWorkspace).statusCode()).as("a forged session").isEqualTo(404);
    }

    /** Requests a sign-in link for a new customer (registered and confirmed through the API) and returns the portal cookie. */
    private static String signedInCustomer(String address) throws Exception {
        HttpResponse<String> registered = portal(null, "POST", "/api/portal/auth/register",
                "{\"workspace\":\"" + workspace + "\",\"name\":\"Mallory\",\"email\":\"" + address + "\",\"password\":\"another long passphrase\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(202);
        assertThat(portal(null, "POST", "/api/portal/auth/verify", "{\"token\":\"" + token(address, "verify") + "\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> asked = portal(null, "POST", "/api/portal/auth/login-link", "{\"workspace\":\"" + workspace + "\",\"email\":\"" + address + "\"}");
        HttpResponse<String> unknown = portal(null, "POST", "/api/portal/auth/login-link", "{\"workspace\":\"" + workspace + "\",\"email\":\"nobody-here@other.test\"}");
        assertThat(unknown.statusCode()).isEqualTo(asked.statusCode()).isEqualTo(202);
        assertThat(unknown.body()).as("the same answer for an unknown address").isEqualTo(asked.body());
        String link = token(address, "sign-in");
        HttpResponse<String> signedIn = portal(null, "POST", "/api/portal/auth/login-link/redeem", "{\"token\":\"" + link + "\"}");
        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(portal(null, "POST", "/api/portal/auth/login-link/redeem", "{\"token\":\"" + link + "\"}").statusCode())
                .as("a sign-in link works once").isEqualTo(400);
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").doesNotContain("JSESSIONID");
        return cookie.substring(0, cookie.indexOf(';'));
    }

    /** The token of the latest link of this kind emailed to the address (waiting for the email). */
    private static String token(String address, String kind) throws Exception {
        return PortalRequests.linkToken(mail, address, kind);
    }

    private static HttpResponse<String> portal(String cookie, String method, String path) throws Exception {
        return portal(cookie, method, path, method.equals("POST") ? "{}" : null);
    }

    private static HttpResponse<String> portal(String cookie, String method, String path, String json) throws Exception {
        return PortalRequests.send(relaydesk.baseUrl(), cookie, method, path, json);
    }

    /** The status line for a path sent exactly as written (no client normalises it first). */
    private static String raw(String cookie, String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", relaydesk.port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + cookie + "\r\nAccept: text/html\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return status.substring("HTTP/1.1 ".length());
        }
    }

}
