package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scheduled reports on the demo desk, with GreenMail as its mailbox: an admin subscribes an admin and
 * an agent to a daily report; "send now" mails each the figures of yesterday (the admin's equal the
 * API's) with the CSV attached, the agent's of their own tickets only; the schedule is 06:00 in the
 * workspace's time zone; people outside the workspace, unknown reports and other roles are refused.
 */
class ScheduledReportsIT {
    private static RelaydeskProcess relaydesk;
    private static Api admin;
    private static TestMail mail;
    private static String mailboxId;
    private static String adminId;
    private static String agentId;
    private static final String AGENT = "scheduled-agent@demo.test";

    @BeforeAll
    static void start() throws Exception {
        mail = TestMail.start();
        relaydesk = RelaydeskProcess.sharedDemoDesk();
        admin = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD));
        assertThat(admin.put("/api/plugins/channel-email", "{\"enabled\":true}").status()).isEqualTo(200);
        Api.Reply mailbox = admin.post("/api/channel-accounts", mail.accountJson("Reports mailbox"));
        assertThat(mailbox.status()).as(mailbox.body()).isEqualTo(201);
        mailboxId = mailbox.json().getString("id");
        adminId = admin.get("/api/auth/me").json().getString("id");
        Api.Reply agent = admin.post("/api/users", Json.createObjectBuilder().add("email", AGENT).add("name", "Sam Scheduled").add("role", "agent")
                .add("password", "scheduled-agent-pw").build());
        assertThat(agent.status()).as(agent.body()).isEqualTo(201);
        agentId = agent.json().getString("id");
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
    void aDailyReportMailsYesterdaysFiguresWithTheCsvToEachAsTheirRoleAllows() throws Exception {
        Api.Reply made = admin.post("/api/reports/scheduled", Json.createObjectBuilder().add("name", "Daily desk figures").add("report", "tickets")
                .add("frequency", "daily").add("recipients", Json.createArrayBuilder().add(adminId).add(agentId)).build());
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        JsonObject subscription = made.json();
        String zone = admin.get("/api/tickets/analytics/overview").json().getJsonObject("period").getString("time_zone");
        Instant next = Instant.parse(subscription.getString("next_run_at"));
        assertThat(next.atZone(ZoneId.of(zone)).toLocalTime().toString()).as("06:00 where the workspace is").isEqualTo("06:00");
        assertThat(next).isAfter(Instant.now()).isBefore(Instant.now().plusSeconds(25 * 3600));

        Api.Reply sent = admin.post("/api/reports/scheduled/" + subscription.getString("id") + "/send", "{}");
        assertThat(sent.status()).isEqualTo(202);
        assertThat(sent.json().getInt("emails")).isEqualTo(2);

        String yesterday = LocalDate.now(ZoneId.of(zone)).minusDays(1).toString();
        long created = admin.get("/api/tickets/analytics/overview?from=" + yesterday + "&to=" + yesterday).json().getJsonNumber("created").longValue();
        MimeMessage toAdmin = mail.await(RelaydeskProcess.DEMO_ADMIN_EMAIL, "Daily desk figures", "the admin's report");
        assertThat(TestMail.subject(toAdmin)).isEqualTo("Daily desk figures: " + yesterday + " to " + yesterday);
        assertThat(TestMail.text(toAdmin)).containsPattern("Created: " + created + "\\R").contains("SLA compliance").doesNotContain("your tickets");
        String csv = attachment(toAdmin, "tickets-" + yesterday + "-to-" + yesterday + ".csv");
        assertThat(csv.lines().findFirst().orElse("")).startsWith("number,subject,status,priority");
        assertThat(csv.lines().count() - 1).as("one row per ticket created yesterday").isEqualTo(created);

        MimeMessage toAgent = mail.await(AGENT, "Daily desk figures", "the agent's report");
        assertThat(TestMail.text(toAgent)).contains("your tickets").containsPattern("Created: 0\\R").contains("/agent/reports");
        assertThat(attachment(toAgent, "tickets-" + yesterday + "-to-" + yesterday + ".csv").lines().count()).as("the header only").isEqualTo(1);
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn(RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD);
            browser.waitFor(d -> d.getCurrentUrl().contains("/admin/") ? true : null, "signed in");
            browser.open("/admin/reports");
            browser.waitForText("[id='scheduled:list']", "Daily desk figures");
            assertThat(browser.find("[id='scheduled:list']").getText()).contains("Administrator").contains("Sam Scheduled").contains("daily");
            browser.click("[id='scheduled:list:0:send']");
            browser.waitForText("[id='scheduled:messages']", "2 emails are on their way");
            browser.click("[id='scheduled:save']");
            browser.waitForText("[id='scheduled:messages']", "Name is required");
        }
        assertThat(admin.delete("/api/reports/scheduled/" + subscription.getString("id")).status()).isEqualTo(204);
    }

    @Test
    void peopleOutsideTheWorkspaceUnknownReportsAndOtherRolesAreRefused() throws Exception {
        int before = admin.get("/api/reports/scheduled").json().getJsonArray("scheduled_reports").size();
        for (String body : List.of(
                "{\"name\":\"x\",\"report\":\"tickets\",\"frequency\":\"daily\",\"recipients\":[\"00000000-0000-0000-0000-000000000001\"]}",
                "{\"name\":\"x\",\"report\":\"tickets\",\"frequency\":\"daily\",\"recipients\":[\"someone@outside.test\"]}",
                "{\"name\":\"x\",\"report\":\"salaries\",\"frequency\":\"daily\",\"recipients\":[\"" + adminId + "\"]}",
                "{\"name\":\"x\",\"report\":\"tickets\",\"frequency\":\"hourly\",\"recipients\":[\"" + adminId + "\"]}",
                "{\"name\":\"x\",\"report\":\"tickets\",\"frequency\":\"daily\",\"recipients\":[]}",
                "{\"name\":\"\",\"report\":\"tickets\",\"frequency\":\"daily\",\"recipients\":[\"" + adminId + "\"]}",
                "{\"name\":\"x\",\"report\":\"tickets\",\"frequency\":\"daily\",\"recipients\":[\"" + adminId + "\"],\"filter\":{\"salary\":\"1\"}}",
                "{\"name\":\"x\",\"report\":\"tickets\",\"frequency\":\"daily\",\"recipients\":[\"" + adminId + "\"],\"filter\":{\"priority\":\"soon\"}}",
                "{\"name\":\"x\",\"report\":\"tickets\",\"frequency\":\"daily\",\"recipients\":[\"" + adminId + "\"],\"filter\":{\"team\":[1]}}",
                "not json")) {
            Api.Reply refused = admin.post("/api/reports/scheduled", body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.contentType()).as(body).startsWith("application/problem+json");
        }
        assertThat(admin.get("/api/reports/scheduled").json().getJsonArray("scheduled_reports")).as("nothing made").hasSize(before);
        Api agent = admin.as(Api.login(relaydesk.baseUrl(), AGENT, "scheduled-agent-pw"));
        assertThat(agent.get("/api/reports/scheduled").status()).isEqualTo(403);
        assertThat(agent.post("/api/reports/scheduled", "{\"name\":\"mine\",\"report\":\"tickets\",\"frequency\":\"daily\",\"recipients\":[\"" + agentId
                + "\"]}").status()).isEqualTo(403);
        assertThat(admin.get("/api/reports/scheduled/not-an-id").status()).isEqualTo(404);
        assertThat(admin.post("/api/reports/scheduled/00000000-0000-0000-0000-000000000000/send", "{}").status()).isEqualTo(404);

        String id = admin.post("/api/reports/scheduled", Json.createObjectBuilder().add("name", "Theirs?").add("report", "agents").add("frequency", "monthly")
                .add("recipients", Json.createArrayBuilder().add(adminId)).build()).json().getString("id");
        String slug = "sched-" + System.nanoTime();
        Api.Reply other = admin.post("/api/workspaces", "{\"name\":\"Other\",\"slug\":\"" + slug + "\",\"admin\":{\"email\":\"admin@" + slug
                + ".test\",\"name\":\"Other Admin\",\"password\":\"other-admin-pw\"}}");
        assertThat(other.status()).as(other.body()).isEqualTo(201);
        Api otherAdmin = admin.as(Api.login(relaydesk.baseUrl(), "admin@" + slug + ".test", "other-admin-pw"));
        assertThat(otherAdmin.get("/api/reports/scheduled/" + id).status()).isEqualTo(404);
        assertThat(otherAdmin.post("/api/reports/scheduled/" + id + "/send", "{}").status()).isEqualTo(404);
        assertThat(otherAdmin.post("/api/reports/scheduled", "{\"name\":\"x\",\"report\":\"tickets\",\"frequency\":\"daily\",\"recipients\":[\"" + adminId
                + "\"]}").status()).as("another workspace's admin is nobody there").isEqualTo(400);
        assertThat(admin.delete("/api/reports/scheduled/" + id).status()).isEqualTo(204);
    }

    private static String attachment(MimeMessage message, String fileName) throws Exception {
        Multipart parts = (Multipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (fileName.equals(part.getFileName())) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                part.getDataHandler().writeTo(bytes);
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no attachment " + fileName);
    }
}
