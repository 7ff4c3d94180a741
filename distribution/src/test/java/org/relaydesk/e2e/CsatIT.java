package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relaydesk.e2e.Await.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Satisfaction surveys end to end with GreenMail, in a workspace of its own on the shared desk: a solved ticket's survey arrives by
 * email, its link records a 4 with a comment once, the score shows in the figures; a used, expired,
 * forged or another workspace's link changes nothing; switched off, nothing goes out; who may
 * read the figures and change the settings; the settings page in a browser; and links followed the
 * moment their email arrives.
 */
class CsatIT {
    private static final String ADMIN = "root@csat-desk.test";
    private static final String SLUG = "csat-desk";
    private static final String PASSWORD = "very-secret-admin-pw";
    private static final Pattern LINK = Pattern.compile("(http://\\S+/survey/([a-z0-9-]+)\\?t=(rds_[A-Za-z0-9_-]+))");
    private static RelaydeskProcess relaydesk;
    private static Api admin;
    private static GreenMail mail;
    private static int greenMailSmtpPort;
    private static String mailboxId;
    private static final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        int smtpPort;
        int imapPort;
        try (var a = new java.net.ServerSocket(0); var b = new java.net.ServerSocket(0)) {
            smtpPort = a.getLocalPort();
            imapPort = b.getLocalPort();
        }
        mail = new GreenMail(new ServerSetup[] {new ServerSetup(smtpPort, "127.0.0.1", "smtp"), new ServerSetup(imapPort, "127.0.0.1", "imap")});
        mail.start();
        mail.setUser("help@desk.test", "help", "imap-secret-pw");
        relaydesk = RelaydeskProcess.sharedDemoDesk(); // surveys fall due within a second there
        admin = RelaydeskProcess.ownWorkspace("CSAT Desk", SLUG, ADMIN, PASSWORD);
        assertThat(RelaydeskProcess.sharedSystemAdmin().put("/api/plugins/channel-email", "{\"enabled\":true}").status()).isEqualTo(200);
        Api.Reply account = admin.post("/api/channel-accounts", "{\"kind\":\"email\",\"name\":\"Help mailbox\",\"config\":{\"imap.host\":\"127.0.0.1\","
                + "\"imap.port\":\"" + imapPort + "\",\"imap.security\":\"none\",\"imap.username\":\"help\",\"imap.password\":\"imap-secret-pw\","
                + "\"smtp.host\":\"127.0.0.1\",\"smtp.port\":\"" + smtpPort + "\",\"smtp.security\":\"none\",\"from.address\":\"help@desk.test\","
                + "\"from.name\":\"Desk Help\"}}");
        assertThat(account.status()).as(account.body()).isEqualTo(201);
        mailboxId = account.json().getString("id");
        greenMailSmtpPort = smtpPort;
    }

    @AfterAll
    static void stop() throws Exception {
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    void aSolvedTicketsSurveyIsAnsweredOnceAndCountsInTheFigures() throws Exception {
        Api.Reply saved = admin.put("/api/csat/settings", "{\"enabled\":true,\"delay_minutes\":0,\"expiry_days\":7,\"channels\":[\"email\"],"
                + "\"subject\":\"Rate {{ticket_number}}, {{customer_name}}\",\"question\":\"How did {{workspace.name}} do?\"}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().getInt("delay_minutes")).isZero();
        assertThat(admin.post("/api/csat/settings/preview", "{\"subject\":\"Hi {{customer_name}} about {{ticket.subject}}\"}").json().getString("subject"))
                .isEqualTo("Hi Jamie Doe about Cannot sign in to my account");
        assertThat(admin.put("/api/csat/settings", "{\"delay_minutes\":-5,\"expiry_days\":500}").status()).as("refused").isEqualTo(400);
        assertThat(admin.get("/api/csat/settings").json().getInt("expiry_days")).as("nothing changed").isEqualTo(7);
        assertThat(admin.put("/api/csat/settings", "{\"channels\":[\"pigeon\"]}").status()).isEqualTo(400);

        JsonObject ticket = newTicket("Invoice 77 is wrong", "mia@shop.test");
        assertThat(admin.post("/api/tickets/" + ticket.getString("id") + "/resolve", "{}").status()).isEqualTo(200);
        MimeMessage survey = await(() -> only("mia@shop.test"), "the survey email");
        assertThat(survey.getSubject()).isEqualTo("Rate " + ticket.getString("ticket_number") + ", Mia Shop");
        Matcher link = LINK.matcher(text(survey));
        assertThat(link.find()).as(text(survey)).isTrue();
        String slug = link.group(2);
        String token = link.group(3);

        HttpResponse<String> page = get("/survey/" + slug + "?t=" + token);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsPattern("How did .+ do\\?").contains("name=\"rating\"")
                .contains(ticket.getString("ticket_number"));
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");

        assertThat(post(slug, token, "9", "x").statusCode()).as("a score beyond 5").isEqualTo(400);
        assertThat(summary().getInt("responses")).as("nothing recorded").isZero();

        HttpResponse<String> thanks = post(slug, token, "4", "Quick <b>and</b> kind");
        assertThat(thanks.statusCode()).isEqualTo(200);
        assertThat(thanks.body()).contains("data-state=\"thanks\"");
        JsonObject figures = summary();
        assertThat(figures.getInt("responses")).isEqualTo(1);
        assertThat(figures.getJsonNumber("score").doubleValue()).isEqualTo(100.0);
        assertThat(figures.getInt("surveys_sent")).isGreaterThanOrEqualTo(1);
        assertThat(admin.get("/api/tickets/" + ticket.getString("id") + "/activities").body()).contains("rated").contains("survey_sent");

        HttpResponse<String> again = post(slug, token, "1", "changed my mind");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("data-state=\"answered\"").contains("Already answered");
        assertThat(get("/survey/" + slug + "?t=" + token).body()).contains("data-state=\"answered\"");
        assertThat(summary().getJsonNumber("score").doubleValue()).as("still the 4").isEqualTo(100.0);
        assertThat(rating(ticket.getString("id"))).isEqualTo("4|Quick <b>and</b> kind");

        // a forged token and another workspace's address for a real token: refused, nothing changed
        HttpResponse<String> forged = post(slug, "rds_" + "A".repeat(43), "5", "");
        assertThat(forged.statusCode()).isEqualTo(404);
        assertThat(forged.body()).contains("data-state=\"invalid\"");
        Api.Reply other = RelaydeskProcess.sharedSystemAdmin().post("/api/workspaces", "{\"name\":\"Globex\",\"slug\":\"globex-csat\",\"admin\":{\"email\":\"boss@globex-csat.test\","
                + "\"name\":\"Boss\",\"password\":\"globex-admin-pw-1\"}}");
        assertThat(other.status()).as(other.body()).isEqualTo(201);
        JsonObject second = newTicket("Parcel lost", "leo@shop.test");
        admin.post("/api/tickets/" + second.getString("id") + "/resolve", "{}");
        Matcher secondLink = LINK.matcher(text(await(() -> only("leo@shop.test"), "the second survey")));
        assertThat(secondLink.find()).isTrue();
        assertThat(post("globex-csat", secondLink.group(3), "5", "").statusCode()).as("another workspace's address").isEqualTo(404);
        assertThat(get("/survey/globex-csat?t=" + secondLink.group(3)).body()).contains("data-state=\"invalid\"");
        assertThat(get("/survey/..%2Fglobex-csat?t=" + secondLink.group(3)).statusCode()).as("an odd path").isIn(400, 404);

        // expired: the link's week is over (moved back in the database, as time would)
        try (Connection sql = relaydesk.embeddedDatabase(); PreparedStatement expire = sql.prepareStatement(
                "UPDATE csat_surveys SET expires_at = now() - interval '1 minute' WHERE ticket_id = CAST(? AS uuid)")) {
            expire.setString(1, second.getString("id"));
            assertThat(expire.executeUpdate()).isEqualTo(1);
        }
        HttpResponse<String> expired = post(slug, secondLink.group(3), "5", "late");
        assertThat(expired.statusCode()).isEqualTo(409);
        assertThat(expired.body()).contains("data-state=\"expired\"").contains("expired");
        assertThat(summary().getInt("responses")).as("nothing recorded").isEqualTo(1);

        // the status page may not rate a resolution the survey already rated
        assertThat(admin.get("/api/csat/summary?from=2000-01-01&to=2000-01-02").json().getInt("responses")).isZero();
        assertThat(admin.get("/api/csat/summary?from=tomorrow").status()).isEqualTo(400);
        assertThat(admin.get("/api/csat/summary?from=2030-01-02&to=2030-01-01").status()).isEqualTo(400);
    }

    @Test
    void switchedOffNothingIsScheduledOrSent() throws Exception {
        assertThat(admin.put("/api/csat/settings", "{\"enabled\":false,\"delay_minutes\":0,\"channels\":[\"email\"]}").status()).isEqualTo(200);
        JsonObject ticket = newTicket("Switched off", "off@quiet.test");
        assertThat(admin.post("/api/tickets/" + ticket.getString("id") + "/resolve", "{}").status()).isEqualTo(200);
        // scheduling happens in the solving transaction: the answer above means it is decided
        assertThat(count("SELECT count(*) FROM csat_surveys WHERE ticket_id = CAST(? AS uuid)", ticket.getString("id"))).isZero();
        // switched on again, the next solve's survey goes out; the switched-off one never does
        admin.put("/api/csat/settings", "{\"enabled\":true}");
        JsonObject later = newTicket("Switched on", "on@quiet.test");
        admin.post("/api/tickets/" + later.getString("id") + "/resolve", "{}");
        await(() -> only("on@quiet.test"), "the survey after switching on");
        assertThat(Arrays.stream(mail.getReceivedMessages()).filter(m -> recipient(m).equals("off@quiet.test"))).isEmpty();
    }

    @Test
    void onlyStaffWithTheRoleReadTheFiguresOrChangeTheSettings() throws Exception {
        Api.Reply agent = admin.post("/api/users", "{\"email\":\"agent@csat-desk.test\",\"name\":\"Ann Agent\",\"role\":\"agent\",\"password\":\"agent-password-1\"}");
        assertThat(agent.status()).as(agent.body()).isEqualTo(201);
        admin.post("/api/users", "{\"email\":\"sup@csat-desk.test\",\"name\":\"Sue Sup\",\"role\":\"supervisor\",\"password\":\"super-password-1\"}");
        Api asAgent = admin.as(Api.login(relaydesk.baseUrl(), "agent@csat-desk.test", "agent-password-1"));
        Api asSupervisor = admin.as(Api.login(relaydesk.baseUrl(), "sup@csat-desk.test", "super-password-1"));
        assertThat(asAgent.get("/api/csat/summary").status()).isEqualTo(403);
        assertThat(asAgent.put("/api/csat/settings", "{\"enabled\":false}").status()).isEqualTo(403);
        assertThat(asSupervisor.get("/api/csat/summary").status()).isEqualTo(200);
        assertThat(asSupervisor.put("/api/csat/settings", "{\"enabled\":false}").status()).isEqualTo(403);
        assertThat(asSupervisor.get("/api/csat/settings").status()).isEqualTo(403);
        assertThat(new Api(relaydesk.baseUrl(), null).get("/api/csat/summary").status()).isEqualTo(401);
    }

    /**
     * A link followed the moment its email arrives (a quick customer, a mail scanner) works: the mail
     * server below holds its "accepted" until the link has been tried, so the sender is still inside
     * its send while the link is followed. A survey link and a portal verification link.
     */
    @Test
    void aLinkOpensTheMomentItsEmailArrives() throws Exception {
        assertThat(admin.put("/api/csat/settings", "{\"enabled\":true,\"delay_minutes\":0,\"channels\":[\"email\"]}").status()).isEqualTo(200);
        String workspace = SLUG;
        try (HoldingSmtpServer holding = new HoldingSmtpServer(CsatIT::followTheLink)) {
            smtpPort(holding.port());
            JsonObject ticket = newTicket("Quick clicker", "quick@clicks.test");
            assertThat(admin.post("/api/tickets/" + ticket.getString("id") + "/resolve", "{}").status()).isEqualTo(200);
            await(() -> holding.observations().isEmpty() ? null : holding.observations(), "the survey at the holding mail server");
            HttpResponse<String> register = browser.send(HttpRequest.newBuilder(URI.create(relaydesk.baseUrl() + "/api/portal/auth/register"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"workspace\":\"" + workspace
                            + "\",\"name\":\"Quick Clicker\",\"email\":\"quick.portal@clicks.test\",\"password\":\"a long portal passphrase\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(register.statusCode()).as(register.body()).isEqualTo(202);
            await(() -> holding.observations().size() < 2 ? null : holding.observations(), "the verification email at the holding mail server");
            assertThat(holding.observations()).containsExactly("survey link 200", "verification link 200");
        } finally {
            smtpPort(greenMailSmtpPort);
        }
    }

    /** Follows the survey or verification link in a message while the mail server still holds it. */
    private static String followTheLink(MimeMessage message) {
        try {
            String text = text(message);
            Matcher survey = LINK.matcher(text);
            if (survey.find()) {
                return "survey link " + get("/survey/" + survey.group(2) + "?t=" + survey.group(3)).statusCode();
            }
            Matcher verify = Pattern.compile("/portal/verify#token=(\\S+)").matcher(text);
            if (verify.find()) {
                HttpResponse<String> verified = browser.send(HttpRequest.newBuilder(URI.create(relaydesk.baseUrl() + "/api/portal/auth/verify"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + verify.group(1) + "\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                return "verification link " + verified.statusCode();
            }
            return "no link in: " + text;
        } catch (Exception e) {
            return "failed: " + e;
        }
    }

    /** Points the mailbox's SMTP at another port (a stored secret must be entered again when its server changes). */
    private static void smtpPort(int port) throws Exception {
        Api.Reply moved = admin.put("/api/channel-accounts/" + mailboxId, "{\"kind\":\"email\",\"config\":{\"smtp.port\":\"" + port
                + "\",\"imap.password\":\"imap-secret-pw\"}}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    }

    @Test
    void anAdminSetsTheSurveyOnItsPageWithAPreviewAndBadInputChangesNothing() throws Exception {
        assertThat(admin.put("/api/csat/settings", "{\"enabled\":true,\"delay_minutes\":0,\"expiry_days\":7,\"channels\":[\"email\"]}").status())
                .isEqualTo(200);
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn(ADMIN, PASSWORD);
            browser.waitFor(d -> d.getCurrentUrl().contains("/admin/") ? true : null, "the admin is signed in");
            browser.open("/admin/csat");
            type(browser, "csat:delay", "90");
            type(browser, "csat:subject", "How did we do on {{ticket_number}}, {{customer_name}}?");
            browser.click("[id='csat:preview-button']");
            browser.waitForText("#preview-subject", "How did we do on ");
            assertThat(browser.find("#preview-subject").getText()).as("the variables filled from a sample ticket").doesNotContain("{{");
            browser.click("[id='csat:save']");
            browser.waitForText("[id='csat-messages']", "Survey settings saved");
            JsonObject saved = admin.get("/api/csat/settings").json();
            assertThat(saved.getInt("delay_minutes")).isEqualTo(90);
            assertThat(saved.getString("subject")).isEqualTo("How did we do on {{ticket_number}}, {{customer_name}}?");

            // a negative delay and a link that never expires are refused with words; nothing changes
            browser.open("/admin/csat");
            type(browser, "csat:delay", "-5");
            type(browser, "csat:expiry", "500");
            browser.click("[id='csat:save']");
            browser.waitFor(d -> browser.find("[id='csat-messages']").getText().isBlank() ? null : true, "the reasons");
            assertThat(browser.find("[id='csat-messages']").getText()).doesNotContain("saved");
            JsonObject unchanged = admin.get("/api/csat/settings").json();
            assertThat(unchanged.getInt("delay_minutes")).isEqualTo(90);
            assertThat(unchanged.getInt("expiry_days")).isEqualTo(7);
        } finally {
            assertThat(admin.put("/api/csat/settings", "{\"delay_minutes\":0}").status()).isEqualTo(200);
        }
    }

    private static void type(Browser browser, String id, String text) {
        var input = browser.find("[id='" + id + "']");
        input.clear();
        input.sendKeys(text);
    }

    /** The mail's text, decoded (a plain text mail or the first part of a multipart one). */
    private static String text(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof jakarta.mail.Multipart parts) {
            Object first = parts.getBodyPart(0).getContent();
            return first instanceof jakarta.mail.Multipart nested ? nested.getBodyPart(0).getContent().toString() : first.toString();
        }
        return content.toString();
    }

    private static JsonObject newTicket(String subject, String email) throws Exception {
        String name = email.startsWith("mia") ? "Mia Shop" : "Customer";
        Api.Reply reply = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", subject).add("description", "Details about " + subject)
                .add("requester_email", email).add("requester_name", name).build());
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    private static JsonObject summary() throws Exception {
        Api.Reply reply = admin.get("/api/csat/summary");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static MimeMessage only(String to) {
        MimeMessage[] found = Arrays.stream(mail.getReceivedMessages()).filter(m -> recipient(m).equals(to)).toArray(MimeMessage[]::new);
        assertThat(found.length).as("one survey for " + to).isLessThanOrEqualTo(1);
        return found.length == 1 ? found[0] : null;
    }

    private static String recipient(MimeMessage message) {
        try {
            return ((jakarta.mail.internet.InternetAddress) message.getAllRecipients()[0]).getAddress();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rating(String ticketId) throws Exception {
        try (Connection sql = relaydesk.embeddedDatabase(); PreparedStatement q = sql.prepareStatement(
                "SELECT rating, feedback FROM satisfaction_ratings WHERE ticket_id = CAST(? AS uuid)")) {
            q.setString(1, ticketId);
            try (ResultSet rows = q.executeQuery()) {
                StringBuilder all = new StringBuilder();
                while (rows.next()) {
                    all.append(all.isEmpty() ? "" : ";").append(rows.getInt(1)).append('|').append(rows.getString(2));
                }
                return all.toString();
            }
        }
    }

    private static long count(String query, String id) throws Exception {
        try (Connection sql = relaydesk.embeddedDatabase(); PreparedStatement q = sql.prepareStatement(query)) {
            q.setString(1, id);
            try (ResultSet rows = q.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(relaydesk.baseUrl() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String slug, String token, String rating, String comment) throws Exception {
        String form = "t=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&rating=" + rating + "&comment="
                + URLEncoder.encode(comment, StandardCharsets.UTF_8);
        return browser.send(HttpRequest.newBuilder(URI.create(relaydesk.baseUrl() + "/survey/" + slug + "?t=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

}
