package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a customer, an agent's browser or a passer-by must not see: another customer's messages
 * after a merge, status-page tokens in addresses or logs, remote images that track agents, pages
 * without security headers, an open /metrics. On the desk the attacking classes share
 * ({@link RelaydeskProcess#guardedDesk()}).
 */
class DataExposureIT {
    private static final String TOKEN = "X-Access-Token";
    private static RelaydeskProcess relaydesk;
    private static Api admin;
    private static Api anonymous;

    @BeforeAll
    static void start() throws Exception {
        // the test's image server runs on loopback, which that desk's image proxy allows (the default refuses it)
        relaydesk = RelaydeskProcess.guardedDesk();
        admin = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD));
        anonymous = new Api(relaydesk.baseUrl(), null);
    }

    private record Submitted(String id, String token) {
    }

    private static Submitted submit(String subject, String email, String name) throws Exception {
        Api.Reply reply = anonymous.post("/api/public/tickets", Json.createObjectBuilder().add("workspace_id", "acme").add("subject", subject)
                .add("description", "About " + subject).add("requester_email", email).add("requester_name", name).build());
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return new Submitted(reply.json().getJsonObject("ticket").getString("id"), reply.json().getString("accessToken"));
    }

    private static void customerReply(Submitted ticket, String body) throws Exception {
        Api.Reply reply = anonymous.post("/api/public/tickets/" + ticket.id() + "/reply",
                Json.createObjectBuilder().add("access_token", ticket.token()).add("body", body).build());
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    private static void agentReply(String ticketId, String body) throws Exception {
        Api.Reply reply = admin.post("/api/tickets/" + ticketId + "/comments", Json.createObjectBuilder().add("body", body).build());
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    private static String statusPage(Submitted ticket) throws Exception {
        Api.Reply view = anonymous.get("/api/public/tickets/" + ticket.id(), TOKEN, ticket.token());
        assertThat(view.status()).as(view.body()).isEqualTo(200);
        return view.body();
    }

    private static Connection database() throws Exception {
        return relaydesk.embeddedDatabase();
    }

    @Test
    void mergingTwoCustomersTicketsKeepsEachCustomersConversationTheirOwn() throws Exception {
        Submitted anna = submit("Anna's refund for order 1111", "anna@exposure.test", "Anna");
        Submitted ben = submit("Ben's delivery to Elm Street", "ben@exposure.test", "Ben");
        customerReply(anna, "My card ends in 4242");
        agentReply(anna.id(), "Refund under way, Anna");
        customerReply(ben, "I live at 12 Elm Street");
        agentReply(ben.id(), "Courier booked, Ben");

        Api.Reply merged = admin.post("/api/tickets/" + anna.id() + "/merge", Json.createObjectBuilder().add("into_ticket_id", ben.id()).build());
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        agentReply(ben.id(), "Delivered today, Ben");

        String annaSees = statusPage(anna);
        assertThat(annaSees).contains("My card ends in 4242", "Refund under way, Anna")
                .doesNotContain("Elm Street").doesNotContain("Courier booked").doesNotContain("Delivered today");
        String benSees = statusPage(ben);
        assertThat(benSees).contains("I live at 12 Elm Street", "Courier booked, Ben", "Delivered today, Ben")
                .doesNotContain("4242").doesNotContain("Refund under way").doesNotContain("order 1111").doesNotContain("Anna");

        assertThat(admin.get("/api/tickets/" + ben.id() + "/comments").body()).as("the agent sees the whole conversation")
                .contains("My card ends in 4242", "I live at 12 Elm Street", "another customer");
        Api.Reply annaAnswers = anonymous.post("/api/public/tickets/" + anna.id() + "/reply",
                Json.createObjectBuilder().add("access_token", anna.token()).add("body", "Any news?").build());
        assertThat(annaAnswers.status()).as("not into Ben's conversation").isEqualTo(409);
        assertThat(statusPage(ben)).doesNotContain("Any news?");
    }

    @Test
    void anExpiredLinkOpensNothingAndTheCustomerCanAskForAFreshOne() throws Exception {
        Submitted carla = submit("Carla's invoice", "carla@exposure.test", "Carla");
        assertThat(statusPage(carla)).contains("Carla's invoice");
        try (Connection db = database(); PreparedStatement expire = db.prepareStatement(
                "UPDATE ticket_access_tokens SET expires_at = now() - interval '1 second' WHERE ticket_id = CAST(? AS uuid)")) {
            expire.setString(1, carla.id());
            assertThat(expire.executeUpdate()).isEqualTo(1);
        }
        assertThat(anonymous.get("/api/public/tickets/" + carla.id(), TOKEN, carla.token()).status()).isEqualTo(404);
        assertThat(anonymous.get("/api/public/tickets/" + carla.id() + "?token=" + carla.token()).status()).isEqualTo(404);

        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.open("/track.html#ticket=" + carla.id() + "&token=" + carla.token());
            browser.waitForText("#state", "expired");
            assertThat(browser.driver.getCurrentUrl()).doesNotContain(carla.token()).doesNotContain("ticket=");
            browser.find("#renew-email").sendKeys("carla@exposure.test");
            browser.click("#renew button");
            browser.waitForText("#renew-state", "If we have requests for this address");
            browser.find("#renew-email").clear();
            browser.find("#renew-email").sendKeys("nobody@exposure.test");
            browser.click("#renew button");
            browser.waitForText("#renew-state", "If we have requests for this address");
        }
        // the same answer for a stranger; and a second request for the same address within minutes mails nothing more
        assertThat(anonymous.post("/api/public/tickets/links", "{\"email\":\"carla@exposure.test\"}").status()).isEqualTo(202);
        try (Connection db = database(); PreparedStatement queued = db.prepareStatement(
                "SELECT count(*) FROM outbox WHERE kind = 'email.portal_links' AND payload->>'to' = ?")) {
            queued.setString(1, "carla@exposure.test");
            try (ResultSet count = queued.executeQuery()) {
                count.next();
                assertThat(count.getInt(1)).isEqualTo(1);
            }
            queued.setString(1, "nobody@exposure.test");
            try (ResultSet count = queued.executeQuery()) {
                count.next();
                assertThat(count.getInt(1)).isZero();
            }
        }
    }

    @Test
    void theStatusPageTakesTheTokenOutOfItsAddressAndSendsNoReferrer() throws Exception {
        Submitted dora = submit("Dora's parcel", "dora@exposure.test", "Dora");
        agentReply(dora.id(), "It ships on Monday");
        Api.Reply page = anonymous.get("/track.html");
        assertThat(page.raw().headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(page.raw().headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self';");
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.open("/track.html#ticket=" + dora.id() + "&token=" + dora.token());
            browser.waitForText("#thread", "It ships on Monday");
            assertThat(browser.driver.getCurrentUrl()).isEqualTo(relaydesk.baseUrl() + "/track.html");
            browser.driver.navigate().refresh();
            browser.waitForText("#thread", "It ships on Monday");
            // links sent before this change carry the token in the query: still opened, and cleaned the same way
            browser.open("/track.html?ticket=" + dora.id() + "&token=" + dora.token());
            browser.waitForText("#thread", "It ships on Monday");
            assertThat(browser.driver.getCurrentUrl()).isEqualTo(relaydesk.baseUrl() + "/track.html");
            browser.find("#reply-body").sendKeys("Thank you");
            browser.click("#reply button");
            browser.waitForText("#thread", "Thank you");
        }
    }

    @Test
    void remoteImagesInAMessageLoadOnlyWhenTheAgentAsks() throws Exception {
        AtomicInteger fetched = new AtomicInteger();
        byte[] png = Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        HttpServer sender = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sender.createContext("/", exchange -> {
            fetched.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, png.length);
            exchange.getResponseBody().write(png);
            exchange.close();
        });
        sender.start();
        try {
            String pixel = "http://127.0.0.1:" + sender.getAddress().getPort() + "/open.png?who=agent";
            Submitted eve = submit("Eve's newsletter", "eve@exposure.test", "Eve");
            customerReply(eve, "<p>Hello<img src=\"" + pixel + "\" width=\"40\" height=\"40\"></p>");
            long number = admin.get("/api/tickets/" + eve.id()).json().getJsonNumber("number").longValue();
            try (Browser browser = new Browser(relaydesk.baseUrl())) {
                browser.signIn(RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD);
                browser.waitFor(d -> d.getCurrentUrl().contains("/admin") ? true : null, "the admin's landing page");
                browser.open("/agent/tickets/" + number);
                browser.waitForText(".rd-load-images", "Load images (1)");
                assertThat(browser.driver.findElement(org.openqa.selenium.By.cssSelector("img.rd-remote-image")).getAttribute("src"))
                        .startsWith("data:image/svg+xml");
                // the page itself cannot load it either: the browser's policy refuses remote images
                Object refused = browser.driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                        + "document.addEventListener('securitypolicyviolation', function (e) { done(e.violatedDirective); });"
                        + "var i = new Image(); i.src = arguments[0]; document.body.appendChild(i);", pixel.replace("open.png", "direct.png"));
                assertThat(String.valueOf(refused)).startsWith("img-src");
                assertThat(fetched.get()).as("nothing fetched before the agent asks").isZero();

                browser.click(".rd-load-images");
                browser.waitFor(d -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                        "var i = document.querySelector('img.rd-remote-image'); return i.complete && i.naturalWidth === 1;")) ? true : null,
                        "the image loaded through the desk");
                assertThat(fetched.get()).isEqualTo(1);
            }
            // the proxy fetches only addresses it signed, and only for staff
            assertThat(anonymous.get("/agent/remote-image?url=" + java.net.URLEncoder.encode(pixel, "UTF-8") + "&sig=forged").status())
                    .isIn(302, 303, 401, 403);
            assertThat(fetched.get()).isEqualTo(1);
        } finally {
            sender.stop(0);
        }
    }

    @Test
    void everyAnswerCarriesSecurityHeadersAndNoBanner() throws Exception {
        Api.Reply login = anonymous.get("/login");
        assertThat(login.raw().headers().firstValue("Content-Security-Policy").orElse("")).contains("img-src 'self' data: blob:");
        assertThat(login.raw().headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(login.raw().headers().firstValue("Referrer-Policy")).isPresent();
        assertThat(login.raw().headers().firstValue("Server")).isEmpty();
        assertThat(login.raw().headers().firstValue("X-Powered-By")).isEmpty();

        Api.Reply tickets = admin.get("/api/tickets");
        assertThat(tickets.raw().headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(tickets.raw().headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(anonymous.get("/api/tickets/nonsense").raw().headers().firstValue("Cache-Control")).contains("no-store");

        assertThat(anonymous.get("/metrics/base").status()).as("Payara's open metrics are off").isNotEqualTo(200);
        // /metrics answers the server itself and administrators (AccessControlIT); a request that came through a proxy is not local
        java.net.http.HttpResponse<String> proxied = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(relaydesk.baseUrl() + "/metrics")).header("X-Forwarded-For", "203.0.113.7").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(proxied.statusCode()).as("no open metrics").isEqualTo(401);
        assertThat(proxied.body()).doesNotContain("jvm_");
    }

    /** SameSite=Lax as the architecture says (web.xml's attribute alone is ignored); Secure comes from an https base URL (SecureSessionCookieTest). */
    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLax() throws Exception {
        String cookie = anonymous.get("/login").raw().headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("RELAYDESK_SESSION=")).findFirst().orElseThrow();
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
    }
}
