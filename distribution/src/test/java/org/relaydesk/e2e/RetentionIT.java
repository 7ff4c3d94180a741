package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retention policies and legal hold, through the API and the panel, in a workspace of its own on the
 * shared desk: a run changes exactly what its preview listed, and never a ticket under legal hold.
 * Tickets are aged by moving their last change back in the database, as time would.
 */
class RetentionIT {
    private static final String ADMIN = "admin@retention-desk.test";
    private static final String PASSWORD = "retention-desk-password";
    private static RelaydeskProcess relaydesk;
    private static Api admin;

    @BeforeAll
    static void start() throws Exception {
        relaydesk = RelaydeskProcess.sharedDemoDesk();
        admin = RelaydeskProcess.ownWorkspace("Retention Desk", "retention-desk", ADMIN, PASSWORD);
    }

    private static JsonObject ticket(String subject, String status) throws Exception {
        JsonObject made = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", subject).add("description", "about " + subject)
                .add("requester_email", "keep-" + subject.toLowerCase().replace(' ', '-') + "@retention.test").build()).json();
        String id = made.getString("id");
        if (status.equals("resolved") || status.equals("closed")) {
            assertThat(admin.post("/api/tickets/" + id + "/resolve", "{}").status()).isEqualTo(200);
        }
        if (status.equals("closed")) {
            assertThat(admin.post("/api/tickets/" + id + "/close", "{}").status()).isEqualTo(200);
        }
        return made;
    }

    /** Moves the tickets' last change back, as if that many days had passed. */
    private static void age(int days, JsonObject... tickets) throws Exception {
        try (java.sql.Connection db = relaydesk.embeddedDatabase();
                java.sql.PreparedStatement update = db.prepareStatement("UPDATE tickets SET updated_at = now() - make_interval(days => ?) WHERE id = CAST(? AS uuid)")) {
            for (JsonObject ticket : tickets) {
                update.setInt(1, days);
                update.setString(2, ticket.getString("id"));
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
        }
    }

    private static List<Long> numbers(JsonObject matches) {
        return matches.getJsonArray("tickets").getValuesAs(JsonNumber.class).stream().map(JsonNumber::longValue).toList();
    }

    private static long number(JsonObject ticket) {
        return ticket.getJsonNumber("number").longValue();
    }

    @Test
    void aRunDeletesExactlyWhatItsPreviewListedAndNeverATicketUnderLegalHold() throws Exception {
        JsonObject resolved = ticket("Old resolved", "resolved");
        JsonObject closed = ticket("Old closed", "closed");
        JsonObject held = ticket("Old disputed", "closed");
        JsonObject open = ticket("Old open", "open");
        JsonObject recent = ticket("Recent closed", "closed");
        age(40, resolved, closed, held, open);
        age(10, recent);
        Api.Reply hold = admin.put("/api/retention/holds/" + held.getString("id"), "{\"held\":true,\"reason\":\"Chargeback dispute 2291\"}");
        assertThat(hold.status()).as(hold.body()).isEqualTo(200);
        assertThat(hold.json().getBoolean("held")).isTrue();
        assertThat(admin.put("/api/retention/holds/" + held.getString("id"), "{\"held\":true}").status()).as("a reason is needed").isEqualTo(400);

        Api.Reply created = admin.post("/api/retention/policies", "{\"name\":\"Delete old solved tickets\",\"action\":\"delete\",\"after_days\":30,"
                + "\"statuses\":[\"resolved\",\"closed\"],\"enabled\":false}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String policy = created.json().getString("id");
        JsonObject preview = admin.post("/api/retention/policies/" + policy + "/preview", "{}").json();
        assertThat(numbers(preview)).containsExactly(number(resolved), number(closed));
        assertThat(preview.getInt("count")).isEqualTo(2);
        assertThat(admin.get("/api/tickets/" + resolved.getString("id")).status()).as("a preview changes nothing").isEqualTo(200);

        JsonObject run = admin.post("/api/retention/policies/" + policy + "/run", "{}").json();
        assertThat(numbers(run)).as("exactly what the preview listed").isEqualTo(numbers(preview));
        assertThat(admin.get("/api/tickets/" + resolved.getString("id")).status()).isEqualTo(404);
        assertThat(admin.get("/api/tickets/" + closed.getString("id")).status()).isEqualTo(404);
        for (JsonObject kept : List.of(held, open, recent)) {
            assertThat(admin.get("/api/tickets/" + kept.getString("id")).status()).as(kept.getString("subject")).isEqualTo(200);
        }
        JsonObject listed = admin.get("/api/retention/policies").json().getJsonArray("policies").getJsonObject(0);
        assertThat(listed.getInt("last_run_count")).isEqualTo(2);
        JsonObject recorded = admin.get("/api/audit?action=retention.run").json().getJsonArray("entries").getJsonObject(0);
        assertThat(recorded.getString("after")).contains("2 tickets: deleted").contains("#" + number(resolved));

        // the hold also stops a deletion by hand and an erasure of the requester
        assertThat(admin.delete("/api/tickets/" + held.getString("id")).status()).isEqualTo(409);
        Api.Reply erasure = admin.post("/api/contacts/" + held.getString("requester_id") + "/erasure", "{}");
        assertThat(erasure.status()).isEqualTo(409);
        assertThat(erasure.body()).contains("legal hold");
        assertThat(admin.get("/api/retention/holds").json().getJsonArray("holds").getJsonObject(0).getString("reason")).isEqualTo("Chargeback dispute 2291");
        assertThat(admin.put("/api/retention/holds/" + held.getString("id"), "{\"held\":false}").json().getBoolean("held")).isFalse();
        assertThat(numbers(admin.post("/api/retention/policies/" + policy + "/preview", "{}").json())).containsExactly(number(held));
        assertThat(admin.get("/api/audit?action=ticket.legal_hold_off").json().getJsonArray("entries")).hasSize(1);
        assertThat(admin.delete("/api/retention/policies/" + policy).status()).isEqualTo(204);
    }

    @Test
    void filesCanGoWhileTicketsStayAndResolvedTicketsCanBeClosed() throws Exception {
        JsonObject withFile = ticket("Invoice scan", "resolved");
        String file = admin.post("/api/tickets/" + withFile.getString("id") + "/attachments?filename=scan.txt",
                "scanned invoice".getBytes(StandardCharsets.UTF_8), "text/plain").json().getString("id");
        assertThat(admin.post("/api/tickets/" + withFile.getString("id") + "/comments", "{\"body\":\"Scan attached\",\"attachment_ids\":[\"" + file + "\"]}")
                .status()).isEqualTo(201);
        JsonObject toClose = ticket("Settled question", "resolved");
        age(100, withFile, toClose);
        String files = admin.post("/api/retention/policies", "{\"name\":\"Files after 90 days\",\"action\":\"delete_attachments\",\"after_days\":90,"
                + "\"statuses\":[\"resolved\",\"closed\"],\"enabled\":false}").json().getString("id");
        assertThat(numbers(admin.post("/api/retention/policies/" + files + "/run", "{}").json())).containsExactly(number(withFile));
        assertThat(admin.get("/api/tickets/" + withFile.getString("id") + "/attachments").json().getJsonArray("attachments")).isEmpty();
        assertThat(admin.get("/api/tickets/" + withFile.getString("id")).status()).isEqualTo(200);
        admin.put("/api/retention/policies/" + files, "{\"name\":\"Files after 90 days\",\"action\":\"delete_attachments\",\"after_days\":90,"
                + "\"statuses\":[\"resolved\",\"closed\"],\"enabled\":false}");

        String close = admin.post("/api/retention/policies", "{\"name\":\"Close after 60 days\",\"action\":\"close\",\"after_days\":60,"
                + "\"statuses\":[\"resolved\"],\"enabled\":false}").json().getString("id");
        List<Long> closed = numbers(admin.post("/api/retention/policies/" + close + "/run", "{}").json());
        assertThat(closed).contains(number(toClose), number(withFile));
        assertThat(admin.get("/api/tickets/" + toClose.getString("id")).json().getString("status")).isEqualTo("closed");
        assertThat(admin.delete("/api/retention/policies/" + close).status()).isEqualTo(204);
        assertThat(admin.delete("/api/retention/policies/" + files).status()).isEqualTo(204);
    }

    @Test
    void wrongPoliciesAreRefusedByNameAndOnlyTheWorkspacesAdminsManageThem() throws Exception {
        for (String wrong : List.of("{\"name\":\"x\",\"action\":\"close\",\"after_days\":30,\"statuses\":[\"closed\"]}",
                "{\"name\":\"x\",\"action\":\"delete\",\"after_days\":0,\"statuses\":[\"closed\"]}",
                "{\"name\":\"x\",\"action\":\"shred\",\"after_days\":30,\"statuses\":[\"closed\"]}",
                "{\"name\":\"x\",\"action\":\"delete\",\"after_days\":30,\"statuses\":[\"archived\"]}",
                "{\"name\":\"x\",\"action\":\"delete\",\"after_days\":30,\"statuses\":[]}",
                "{\"name\":\"\",\"action\":\"delete\",\"after_days\":30,\"statuses\":[\"closed\"]}",
                "{\"name\":\"x\",\"action\":\"delete\",\"after_days\":30,\"statuses\":[\"closed\"],\"channels\":[\"e mail\"]}",
                "{\"name\":\"x\",\"action\":\"delete\",\"after_days\":30,\"statuses\":[\"closed\"],\"category_id\":\"00000000-0000-0000-0000-000000000000\"}",
                "{\"name\":\"x\",\"action\":\"delete\",\"after_days\":\"thirty\",\"statuses\":[\"closed\"]}", "[]")) {
            Api.Reply refused = admin.post("/api/retention/policies", wrong);
            assertThat(refused.status()).as(wrong + " " + refused.body()).isEqualTo(400);
        }
        assertThat(admin.get("/api/retention/policies").json().getJsonArray("policies")).isEmpty();
        String policy = admin.post("/api/retention/policies", "{\"name\":\"Mine\",\"action\":\"delete\",\"after_days\":3650,\"statuses\":[\"closed\"],\"enabled\":false}")
                .json().getString("id");
        assertThat(admin.post("/api/users", "{\"email\":\"sup@retention-desk.test\",\"name\":\"Sam Sup\",\"role\":\"supervisor\","
                + "\"password\":\"retention-sup-password\"}").status()).isEqualTo(201);
        Api supervisor = admin.as(Api.login(relaydesk.baseUrl(), "sup@retention-desk.test", "retention-sup-password"));
        assertThat(supervisor.get("/api/retention/policies").status()).isEqualTo(403);
        assertThat(supervisor.post("/api/retention/policies/" + policy + "/run", "{}").status()).isEqualTo(403);
        Api neighbour = admin.as(Api.login(relaydesk.baseUrl(), "admin@neighbour.test", "neighbour-admin-pw"));
        assertThat(neighbour.post("/api/retention/policies/" + policy + "/run", "{}").status()).isEqualTo(404);
        assertThat(neighbour.delete("/api/retention/policies/" + policy).status()).isEqualTo(404);
        assertThat(admin.delete("/api/retention/policies/" + policy).status()).isEqualTo(204);
    }

    @Test
    void onTheRetentionPageAnAdminAddsAPolicyPreviewsItAndHoldsATicket() throws Exception {
        JsonObject old = ticket("Panel old closed", "closed");
        age(400, old);
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn(ADMIN, PASSWORD);
            browser.waitFor(d -> d.getCurrentUrl().contains("/admin") ? true : null, "the admin's landing page");
            browser.open("/admin/retention");
            browser.find("[id='retention:name']").sendKeys("A year for closed tickets");
            browser.find("[id='retention:enabled']").click(); // off: only the preview, here (the desk applies enabled policies every two seconds)
            browser.click("[id='retention:add']");
            browser.waitForText("[id='retention:retention-messages']", "Retention policy added");
            browser.waitForText("[id='retention:policies']", "Delete closed tickets after 365 days without a change");
            browser.click("button.rd-preview");
            browser.waitForText("[id='retention:preview']", String.valueOf(number(old)));

            browser.find("[id='retention:hold-number_input']").sendKeys(String.valueOf(number(old)));
            browser.find("[id='retention:hold-reason']").sendKeys("Court order 17");
            browser.click("[id='retention:hold']");
            browser.waitForText("[id='retention:holds']", "Court order 17");
            browser.screenshot("admin-retention");
        }
        String policy = admin.get("/api/retention/policies").json().getJsonArray("policies").getValuesAs(JsonObject.class).stream()
                .filter(p -> p.getString("name").equals("A year for closed tickets")).findFirst().orElseThrow().getString("id");
        assertThat(numbers(admin.post("/api/retention/policies/" + policy + "/preview", "{}").json())).doesNotContain(number(old));
        assertThat(admin.put("/api/retention/holds/" + old.getString("id"), "{\"held\":false}").status()).isEqualTo(200);
        assertThat(admin.delete("/api/retention/policies/" + policy).status()).isEqualTo(204);
    }

    @Test
    void anEnabledPolicyIsAppliedOnItsOwnAndTheRunIsRecorded() throws Exception {
        JsonObject old = ticket("Forgotten cancelled", "open");
        assertThat(admin.put("/api/tickets/" + old.getString("id"), "{\"status\":\"cancelled\"}").status()).isEqualTo(200);
        age(800, old);
        String policy = admin.post("/api/retention/policies", "{\"name\":\"Cancelled after two years\",\"action\":\"delete\",\"after_days\":730,"
                + "\"statuses\":[\"cancelled\"]}").json().getString("id");
        Await.await(() -> admin.get("/api/tickets/" + old.getString("id")).status() == 404 ? true : null, "the policy applied by the hourly job");
        JsonObject listed = Await.await(() -> admin.get("/api/retention/policies").json().getJsonArray("policies").getValuesAs(JsonObject.class).stream()
                .filter(p -> p.getString("id").equals(policy) && !p.isNull("last_run_at") && p.getInt("last_run_count") >= 1).findFirst().orElse(null),
                "the run recorded on the policy");
        assertThat(listed.getInt("last_run_count")).isEqualTo(1);
        JsonObject recorded = admin.get("/api/audit?action=retention.run").json().getJsonArray("entries").getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("target_id").equals(policy)).findFirst().orElseThrow();
        assertThat(recorded.getString("actor")).isEqualTo("System");
        assertThat(admin.delete("/api/retention/policies/" + policy).status()).isEqualTo(204);
    }
}
