package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relaydesk.e2e.Await.await;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Replies and notices end to end, on the machine's PostgreSQL and a GreenMail mail server: a web-form
 * ticket's reply leaves by email through the workspace's mailbox with its status link and threads
 * back; a reply nothing can carry stays on the ticket saying why; agents hear of assignments,
 * customer replies and @mentions as they chose; admins (only) change the notices' wording.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RepliesAndNoticesIT {
    private static final String ADMIN = "root@replies-desk.test";
    private static final String PASSWORD = "very-secret-admin-pw";
    private static RelaydeskProcess relaydesk;
    private static TestMail mail;
    private static Api admin;
    private static Api alex;
    private static String alexId;
    private static String bobId;

    @BeforeAll
    static void start() throws Exception {
        mail = TestMail.start();
        relaydesk = RelaydeskProcess.sharedDemoDesk(); // private networks allowed there: GreenMail listens on 127.0.0.1
        admin = RelaydeskProcess.ownWorkspace("Replies Desk", "replies-desk", ADMIN, PASSWORD);
        Api system = RelaydeskProcess.sharedSystemAdmin();
        assertThat(system.put("/api/plugins/channel-email", "{\"enabled\":true}").status()).isEqualTo(200);
        assertThat(system.put("/api/plugins/channel-webform", "{\"enabled\":true}").status()).isEqualTo(200);
        Api.Reply account = admin.post("/api/channel-accounts", mail.accountJson("Help mailbox"));
        assertThat(account.status()).as(account.body()).isEqualTo(201);
        alexId = user("alex@replies-desk.test", "Alex Agent");
        bobId = user("bob@replies-desk.test", "Bob Agent");
        alex = admin.as(Api.login(relaydesk.baseUrl(), "alex@replies-desk.test", "agent-password-1"));
        // another workspace, whose people are never mentioned, told or shown our wording
        assertThat(system.post("/api/workspaces", "{\"name\":\"Globex\",\"slug\":\"globex-replies\",\"admin\":{\"email\":\"eve@globex-replies.test\","
                + "\"name\":\"Eve Globex\",\"password\":\"globex-password\"}}").status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() throws Exception {
        if (mail != null) {
            mail.close();
        }
    }

    @Test
    @Order(1)
    void aWebFormTicketsReplyArrivesByEmailWithTheStatusLinkAndTheAnswerThreadsBack() throws Exception {
        String formId = admin.post("/api/channel-accounts", "{\"kind\":\"webform\",\"name\":\"Contact form\",\"config\":{\"min.seconds\":\"0\"}}")
                .json().getString("id");
        Api visitor = new Api(relaydesk.baseUrl(), null);
        String stamp = visitor.get("/api/public/channels/" + formId + "/config").json().getString("stamp");
        Api.Reply sent = visitor.post("/api/public/channels/" + formId + "/submit", "{\"name\":\"Walt Form\",\"email\":\"walt@form.test\","
                + "\"subject\":\"Shipping question\",\"message\":\"Do you ship abroad?\",\"stamp\":\"" + stamp + "\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        String number = sent.json().getString("ticket_number");
        String ticketId = ticketCalled("Shipping question");
        await(() -> mail.latest("walt@form.test", "[" + number + "] We have your request"), "the confirmation, in the ticket-received notice");

        Api.Reply reply = admin.post("/api/tickets/" + ticketId + "/comments", "{\"body\":\"<p>Yes, <b>we ship abroad</b>.</p>\"}");
        assertThat(reply.status()).as("a web form cannot send, and that is no error for the agent: " + reply.body()).isEqualTo(201);
        MimeMessage answer = await(() -> mail.latest("walt@form.test", "Re: [" + number + "]"), "the reply by email");
        assertThat(answer.getSubject()).isEqualTo("Re: [" + number + "] Shipping question");
        assertThat(answer.getFrom()[0].toString()).isEqualTo("Desk Help <help@desk.test>");
        String text = (String) ((jakarta.mail.Multipart) answer.getContent()).getBodyPart(0).getContent();
        assertThat(text).startsWith("Yes, we ship abroad.");
        Matcher link = Pattern.compile("http://[^/\\s]+/track\\.html#ticket=(" + ticketId + ")&token=(rdt_[A-Za-z0-9_-]+)").matcher(text);
        assertThat(link.find()).as(text).isTrue();
        assertThat(new Api(relaydesk.baseUrl(), null).get("/api/public/tickets/" + ticketId + "?token=" + link.group(2)).body())
                .as("the link opens the ticket").contains("Shipping question");
        String ourId = answer.getMessageID();
        assertThat(ourId).matches("<.+@desk\\.test>");

        JsonObject delivery = await(() -> {
            JsonObject d = replyDelivery(ticketId, "we ship abroad");
            return d != null && d.getString("status").equals("sent") ? d : null;
        }, "the reply marked sent");
        assertThat(delivery.getString("channel_kind")).isEqualTo("email");
        assertThat(delivery.getString("address")).isEqualTo("walt@form.test");
        assertThat(delivery.getBoolean("by_mailbox")).isTrue();
        assertThat(delivery.getString("description")).contains("Help mailbox", "walt@form.test");

        // the customer answers the email: it joins the same ticket, and the next reply threads on it
        mail.deliverToMailbox(mime("<w2@form.test>", "walt@form.test", "Re: [" + number + "] Shipping question", ourId, "Great, to Norway please."));
        await(() -> admin.get("/api/tickets/" + ticketId + "/comments").body().contains("to Norway please") ? true : null, "the answer on the ticket");
        admin.post("/api/tickets/" + ticketId + "/comments", "{\"body\":\"<p>Norway is fine.</p>\"}");
        MimeMessage second = await(() -> Arrays.stream(mail.server.getReceivedMessagesForDomain("form.test"))
                .filter(m -> TestMail.text(m).startsWith("Norway is fine.")).findFirst().orElse(null), "the second reply");
        assertThat(second.getHeader("In-Reply-To", null)).isEqualTo("<w2@form.test>");
        assertThat(second.getHeader("References", null)).contains(ourId, "<w2@form.test>");
        admin.delete("/api/channel-accounts/" + formId);
    }

    @Test
    @Order(2)
    void aReplyNothingCanCarryIsKeptSayingWhyAndAnApiTicketsGoesByMailbox() throws Exception {
        String phoneOnly = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Call me").add("requester_phone", "+44 20 7946 0958")
                .build()).json().getString("id");
        Api.Reply kept = admin.post("/api/tickets/" + phoneOnly + "/comments", "{\"body\":\"<p>We tried to call.</p>\"}");
        assertThat(kept.status()).as(kept.body()).isEqualTo(201);
        JsonObject notSent = replyDelivery(phoneOnly, "We tried to call");
        assertThat(notSent.getString("status")).isEqualTo("not_sent");
        assertThat(notSent.getString("last_error")).contains("no email address");

        String byApi = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Invoice copy").add("requester_email", "ivy@api.test")
                .build()).json().getString("id");
        admin.post("/api/tickets/" + byApi + "/comments", "{\"body\":\"<p>Attached is your invoice.</p>\"}");
        JsonObject byMailbox = await(() -> {
            JsonObject d = replyDelivery(byApi, "your invoice");
            assertThat(d).as("the reply's delivery").isNotNull();
            assertThat(d.getString("status")).as(d.toString()).isEqualTo("sent");
            return d;
        }, "an API ticket's reply sent");
        assertThat(byMailbox.getBoolean("by_mailbox")).as(byMailbox.toString()).isTrue();
        await(() -> mail.latest("ivy@api.test", "Re: ["), "an API ticket's reply by email");
    }

    @Test
    @Order(3)
    void agentsHearOfAssignmentsCustomerRepliesAndMentionsAsTheyChose() throws Exception {
        String ticketId = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Broken login").add("requester_email", "kim@shop.test")
                .build()).json().getString("id");
        String number = admin.get("/api/tickets/" + ticketId).json().getString("ticket_number");
        assertThat(admin.put("/api/tickets/" + ticketId, "{\"assignee_id\":\"" + alexId + "\"}").status()).isEqualTo(200);
        MimeMessage assigned = await(() -> mail.latest("alex@replies-desk.test", "[" + number + "] Assigned to you"), "alex told of the assignment");
        assertThat(TestMail.text(assigned)).contains("Administrator", "/agent/tickets/");

        // the customer replies (by email, on the desk's reply): the assignee hears of it
        admin.post("/api/tickets/" + ticketId + "/comments", "{\"body\":\"<p>Try again now.</p>\"}");
        MimeMessage ours = await(() -> mail.latest("kim@shop.test", "Re: [" + number + "]"), "the reply to kim");
        mail.deliverToMailbox(mime("<k2@shop.test>", "kim@shop.test", "Re: [" + number + "] Broken login", ours.getMessageID(), "Still broken."));
        MimeMessage replied = await(() -> mail.latest("alex@replies-desk.test", "[" + number + "] "), m -> TestMail.subject(m).contains("replied"), "alex told of the reply");
        assertThat(TestMail.text(replied)).contains("Still broken.");

        // a mention of a colleague notifies them with a link to the note; someone of another workspace is neither stored nor told
        JsonObject colleagues = alex.get("/api/tickets/" + ticketId + "/mentionable?q=b").json();
        assertThat(colleagues.toString()).contains("\"handle\":\"@bob\"").doesNotContain("eve");
        assertThat(alex.get("/api/tickets/" + ticketId + "/mentionable?q=" + "x".repeat(201)).status()).isEqualTo(400);
        String note = alex.post("/api/tickets/" + ticketId + "/comments", "{\"is_internal\":true,\"body\":\"<p>@bob can you look? cc @eve @eve@globex-replies.test</p>\"}")
                .json().getString("id");
        MimeMessage mentioned = await(() -> mail.latest("bob@replies-desk.test", "[" + number + "] Alex Agent mentioned you"), "bob told of the mention");
        assertThat(TestMail.text(mentioned)).contains("@bob can you look?", "/agent/tickets/" + number.replace("#", "") + "#message-" + note);
        try (var connection = relaydesk.embeddedDatabase(); var sql = connection.createStatement()) {
            var rows = sql.executeQuery("SELECT u.email FROM message_mentions m JOIN users u ON u.id = m.user_id WHERE m.message_id = '" + note + "'");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("bob@replies-desk.test");
            assertThat(rows.next()).as("only bob").isFalse();
            // bob turns mention notices off (as on /agent/settings)
            sql.executeUpdate("UPDATE users SET notify_mentioned = false WHERE id = '" + bobId + "'");
        }
        admin.post("/api/tickets/" + ticketId + "/comments", "{\"is_internal\":true,\"body\":\"<p>@bob and @alex, again</p>\"}");
        await(() -> mail.latest("alex@replies-desk.test", "[" + number + "] Administrator mentioned you"), "alex told of the second mention");
        try (var connection = relaydesk.embeddedDatabase(); var sql = connection.createStatement();
             var rows = sql.executeQuery("SELECT count(*) FROM outbox WHERE kind = 'email.agent_notice' AND payload->>'user_id' = '" + bobId + "'")) {
            rows.next();
            assertThat(rows.getInt(1)).as("nothing queued for bob once he turned it off").isEqualTo(1);
        }
        assertThat(Arrays.stream(mail.server.getReceivedMessages()).filter(m -> TestMail.to(m).contains("globex-replies.test"))).as("nothing to the other workspace")
                .isEmpty();
    }

    @Test
    @Order(4)
    void onlyAdminsChangeTheNoticesWordingAndOnlyWithKnownVariables() throws Exception {
        assertThat(alex.get("/api/notice-templates").status()).as("an agent").isEqualTo(403);
        assertThat(alex.put("/api/notice-templates/agent_assigned", "{\"subject\":\"x\",\"body\":\"y\"}").status()).isEqualTo(403);
        assertThat(alex.delete("/api/notice-templates/agent_assigned").status()).isEqualTo(403);
        assertThat(admin.get("/api/notice-templates").json().getJsonArray("templates")).hasSize(6);
        assertThat(admin.get("/api/notice-templates/..%2Fagent_assigned").status()).as("an odd name is no template").isIn(400, 404);

        Api.Reply injected = admin.put("/api/notice-templates/agent_assigned", "{\"subject\":\"{{ticket_number}}\",\"body\":\"{{status_link}} {{password}}\"}");
        assertThat(injected.status()).isEqualTo(400);
        assertThat(injected.body()).contains("unknown variables {{status_link}}, {{password}}");
        assertThat(admin.put("/api/notice-templates/agent_assigned", "{\"subject\":\"x\",\"body\":\"" + "y".repeat(20_001) + "\"}").status())
                .isEqualTo(400);
        assertThat(admin.put("/api/notice-templates/agent_assigned", "{\"subject\":[1],\"body\":\"y\"}").status()).isEqualTo(400);
        assertThat(admin.get("/api/notice-templates/agent_assigned").json().getBoolean("custom")).as("nothing changed").isFalse();

        JsonObject preview = admin.post("/api/notice-templates/agent_assigned/preview",
                "{\"subject\":\"{{ticket_number}} is yours, {{agent_name}}\",\"body\":\"From {{actor_name}}: {{ticket_link}}\"}").json();
        assertThat(preview.getString("subject")).isEqualTo("#TKT-1042 is yours, Alex Agent");
        JsonObject saved = admin.put("/api/notice-templates/agent_assigned",
                "{\"subject\":\"{{ticket_number}} is yours, {{agent_name}}\",\"body\":\"From {{actor_name}}: {{ticket_link}}\"}").json();
        assertThat(saved.getBoolean("custom")).isTrue();
        Api globex = admin.as(Api.login(relaydesk.baseUrl(), "eve@globex-replies.test", "globex-password"));
        assertThat(globex.get("/api/notice-templates/agent_assigned").json().getBoolean("custom")).as("per workspace").isFalse();

        String ticketId = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Wording").add("requester_email", "w@shop.test")
                .add("assignee_id", bobId).build()).json().getString("id");
        String number = admin.get("/api/tickets/" + ticketId).json().getString("ticket_number");
        MimeMessage custom = await(() -> mail.latest("bob@replies-desk.test", number + " is yours, Bob Agent"), "the assignment in the admin's words");
        assertThat(TestMail.text(custom)).startsWith("From Administrator");
        assertThat(admin.delete("/api/notice-templates/agent_assigned").json().getBoolean("custom")).as("reset to default").isFalse();
        assertThat(admin.get("/openapi", "Accept", "application/json").status()).isEqualTo(200);
    }

    private static String user(String email, String name) throws Exception {
        Api.Reply created = admin.post("/api/users", Json.createObjectBuilder().add("email", email).add("name", name).add("role", "agent")
                .add("password", "agent-password-1").build());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().getString("id");
    }

    private static String ticketCalled(String subject) throws Exception {
        return await(() -> admin.get("/api/tickets?q=" + java.net.URLEncoder.encode(subject, "UTF-8")).json().getJsonArray("tickets")
                .getValuesAs(JsonObject.class).stream().filter(t -> t.getString("subject").equals(subject)).map(t -> t.getString("id"))
                .findFirst().orElse(null), "the ticket " + subject);
    }

    private static JsonObject replyDelivery(String ticketId, String text) throws Exception {
        return admin.get("/api/tickets/" + ticketId + "/comments").json().getJsonArray("comments").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("body_text").contains(text) && !c.isNull("delivery")).map(c -> c.getJsonObject("delivery"))
                .findFirst().orElse(null);
    }

    private static MimeMessage mime(String id, String from, String subject, String inReplyTo, String text) throws Exception {
        String raw = "Message-ID: " + id + "\r\nFrom: " + from + "\r\nTo: help@desk.test\r\nSubject: " + subject + "\r\n"
                + (inReplyTo == null ? "" : "In-Reply-To: " + inReplyTo + "\r\nReferences: " + inReplyTo + "\r\n")
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + text + "\r\n";
        return new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()), new java.io.ByteArrayInputStream(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

}
