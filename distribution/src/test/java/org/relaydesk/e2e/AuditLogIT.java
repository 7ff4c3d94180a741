package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The audit log of a scripted admin session, in the panel and through the API, in a workspace of its
 * own on the shared desk: every action is there with who, what, when, from where, before and after;
 * only its admins read it; the database refuses to change an entry, and an entry changed behind the
 * database's back (by its owner, triggers off) shows when the chain is checked.
 */
class AuditLogIT {
    private static final String ADMIN = "root@audit-desk.test";
    private static final String PASSWORD = "audit-desk-password";
    private static RelaydeskProcess relaydesk;
    private static Api admin;

    @BeforeAll
    static void start() throws Exception {
        relaydesk = RelaydeskProcess.sharedDemoDesk();
        admin = RelaydeskProcess.ownWorkspace("Audit Desk", "audit-desk", ADMIN, PASSWORD);
    }

    private static List<JsonObject> entries(String query) throws Exception {
        Api.Reply reply = admin.get("/api/audit" + query);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().getJsonArray("entries").getValuesAs(JsonObject.class);
    }

    private static JsonObject latest(String action) throws Exception {
        List<JsonObject> found = entries("?action=" + action + "&limit=1");
        assertThat(found).as(action).hasSize(1);
        return found.get(0);
    }

    @Test
    void aScriptedAdminSessionIsRecordedOnlyItsAdminsReadItAndATamperedEntryShows() throws Exception {
        // through the API: a colleague, a wrong and a right sign-in, a token made and revoked, the sign-in policy and the retention
        assertThat(admin.post("/api/users", "{\"email\":\"ann@audit-desk.test\",\"name\":\"Ann Audit\",\"role\":\"agent\",\"password\":\"ann-password-1\"}")
                .status()).isEqualTo(201);
        assertThat(new Api(relaydesk.baseUrl(), null).post("/api/auth/login", "{\"email\":\"ann@audit-desk.test\",\"password\":\"not-hers-at-all\"}")
                .status()).isEqualTo(401);
        Api ann = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), "ann@audit-desk.test", "ann-password-1"));
        JsonObject token = admin.post("/api/auth/tokens", "{\"name\":\"nightly export\",\"scopes\":[\"read\"]}").json();
        assertThat(admin.delete("/api/auth/tokens/" + token.getString("id")).status()).isEqualTo(204);
        assertThat(admin.put("/api/security/sign-in-policy", "{\"second_factor_roles\":[\"admin\"]}").status()).isEqualTo(200);
        assertThat(admin.put("/api/security/sign-in-policy", "{\"second_factor_roles\":[]}").status()).isEqualTo(200);
        assertThat(admin.put("/api/audit/retention", "{\"days\":400}").status()).isEqualTo(200);
        assertThat(admin.put("/api/audit/retention", "{\"days\":7}").status()).isEqualTo(400);
        assertThat(admin.get("/api/audit/retention").json().getInt("days")).isEqualTo(400);

        // in the panel: Ann made an admin, the workspace renamed, the audit log read
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn(ADMIN, PASSWORD);
            browser.waitFor(d -> d.getCurrentUrl().contains("/admin") ? true : null, "the admin's landing page");
            browser.open("/admin/users");
            String row = "//tr[td[contains(., 'ann@audit-desk.test')]]";
            String menu = browser.waitFor(d -> d.findElements(By.xpath(row + "//div[contains(@id, ':role')]")).stream().findFirst()
                    .map(e -> e.getAttribute("id")).orElse(null), "Ann's role menu");
            // as a person does: open the row's menu and pick the role (the page saves it on the pick)
            browser.click("[id='" + menu + "'] .ui-selectonemenu-trigger");
            browser.click("[id='" + menu + "_panel'] li[data-label='supervisor']");
            Await.await(() -> admin.get("/api/users").json().getJsonArray("users").getValuesAs(JsonObject.class).stream()
                    .filter(u -> u.getString("email").equals("ann@audit-desk.test")).findFirst().orElseThrow().getString("role"),
                    r -> r.equals("supervisor"), "Ann a supervisor");
            browser.open("/admin/settings");
            browser.find("[id='settings:name']").clear();
            browser.find("[id='settings:name']").sendKeys("Audit Desk Ltd");
            browser.find("[id='settings:save']").click();
            browser.waitForText("#settings-messages", "Settings saved");

            browser.open("/admin/audit");
            browser.waitForText("[id='audit:entries']", "Role changed");
            browser.waitForText("[id='audit:entries']", "Workspace settings changed");
            browser.screenshot("admin-audit");
            browser.click("[id='audit:verify']");
            browser.waitForText("[id='audit:verification']", "Intact:");
        }

        JsonObject role = latest("user.role_changed");
        assertThat(role.getString("actor")).isEqualTo(ADMIN);
        assertThat(role.getString("client_address")).isEqualTo("127.0.0.1");
        assertThat(role.getString("target_label")).isEqualTo("ann@audit-desk.test");
        assertThat(role.getString("before")).isEqualTo("role: agent");
        assertThat(role.getString("after")).isEqualTo("role: supervisor");
        assertThat(latest("workspace.settings").getString("after")).contains("name: Audit Desk Ltd");
        JsonObject failed = latest("sign_in.failed");
        assertThat(failed.getString("actor")).isEqualTo("ann@audit-desk.test");
        assertThat(failed.getString("target_label")).isEqualTo("ann@audit-desk.test");
        assertThat(latest("user.created").getString("after")).isEqualTo("role: agent");
        assertThat(latest("api_token.created").getString("after")).contains("[read]").doesNotContain("rdk_");
        assertThat(latest("api_token.revoked").getString("target_label")).isEqualTo("nightly export");
        assertThat(latest("security.sign_in_policy").getString("after")).contains("nobody");
        assertThat(latest("audit.retention").getString("after")).isEqualTo("400 days");
        assertThat(entries("?action=sign_in&actor=ann")).isNotEmpty();
        assertThat(entries("?actor=nobody-of-ours")).isEmpty();

        // pages: newest first, each page continuing where the last stopped
        Api.Reply first = admin.get("/api/audit?limit=3");
        List<JsonObject> page1 = first.json().getJsonArray("entries").getValuesAs(JsonObject.class);
        List<JsonObject> page2 = entries("?limit=3&before=" + first.json().getJsonNumber("next_before").longValue());
        assertThat(page1.get(0).getJsonNumber("seq").longValue()).isGreaterThan(page1.get(2).getJsonNumber("seq").longValue());
        assertThat(page2.get(0).getJsonNumber("seq").longValue()).isLessThan(page1.get(2).getJsonNumber("seq").longValue());

        // what is refused: other roles, another workspace, bad filters
        assertThat(ann.get("/api/audit").status()).isIn(401, 403); // her session ended with her role change, or she is no admin
        Api agent = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), "ann@audit-desk.test", "ann-password-1"));
        assertThat(agent.get("/api/audit").status()).isEqualTo(403);
        assertThat(agent.get("/api/audit/verify").status()).isEqualTo(403);
        assertThat(agent.get("/api/audit/export").status()).isEqualTo(403);
        assertThat(agent.put("/api/audit/retention", "{\"days\":30}").status()).isEqualTo(403);
        Api neighbour = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), "admin@neighbour.test", "neighbour-admin-pw"));
        assertThat(neighbour.get("/api/audit?limit=200").body()).doesNotContain("audit-desk.test");
        assertThat(new Api(relaydesk.baseUrl(), null).get("/api/audit").status()).isEqualTo(401);
        for (String bad : new String[] {"?action=user.hacked", "?limit=0", "?limit=9999", "?from=yesterday", "?before=abc", "?actor=a%00b"}) {
            Api.Reply refused = admin.get("/api/audit" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.contentType()).as(bad).startsWith("application/problem+json");
        }

        // the export has every entry of the search, and is itself recorded
        Api.Reply csv = admin.get("/api/audit/export?action=user.role_changed");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("seq,occurred_at,actor").contains("role: agent,role: supervisor").doesNotContain("workspace.settings");
        assertThat(latest("audit.exported").getString("actor")).isEqualTo(ADMIN);

        JsonObject intact = admin.get("/api/audit/verify").json();
        assertThat(intact.getBoolean("intact")).isTrue();
        assertThat(intact.getJsonNumber("checked").longValue()).isGreaterThanOrEqualTo(12);

        // the database refuses changes and deletions; its owner, triggers off, can still change a row: the chain shows it
        long seq = role.getJsonNumber("seq").longValue();
        try (Connection sql = relaydesk.embeddedDatabase(); Statement statement = sql.createStatement()) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> statement.executeUpdate(
                    "UPDATE audit_events SET after_value = 'role: agent' WHERE seq = " + seq))).isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> statement.executeUpdate("DELETE FROM audit_events WHERE seq = " + seq)))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            statement.execute("SET session_replication_role = replica");
            assertThat(statement.executeUpdate("UPDATE audit_events SET after_value = 'role: agent' WHERE seq = " + seq)).isEqualTo(1);
            JsonObject broken = admin.get("/api/audit/verify").json();
            assertThat(broken.getBoolean("intact")).isFalse();
            assertThat(broken.getJsonNumber("broken_at").longValue()).isEqualTo(seq);
            assertThat(broken.getString("problem")).contains("changed");
            // put back, the chain checks out again: the check points at the change, nothing else
            statement.executeUpdate("UPDATE audit_events SET after_value = 'role: supervisor' WHERE seq = " + seq);
            assertThat(admin.get("/api/audit/verify").json().getBoolean("intact")).isTrue();

            // the newest entries removed: the signed head, kept apart, shows it
            long newest = entries("?limit=1").get(0).getJsonNumber("seq").longValue();
            assertThat(statement.executeUpdate("DELETE FROM audit_events WHERE seq = " + newest)).isEqualTo(1);
            JsonObject truncated = admin.get("/api/audit/verify").json();
            assertThat(truncated.getBoolean("intact")).isFalse();
            assertThat(truncated.getString("problem")).contains("newest entries");
            // the oldest removed: the signed tail shows it
            long oldest = admin.get("/api/audit?limit=200").json().getJsonArray("entries").getValuesAs(JsonObject.class).stream()
                    .mapToLong(e -> e.getJsonNumber("seq").longValue()).min().orElseThrow();
            assertThat(statement.executeUpdate("DELETE FROM audit_events WHERE seq = " + oldest)).isEqualTo(1);
            assertThat(admin.get("/api/audit/verify").json().getString("problem")).contains("oldest");
            // and the changed entry, for the page below
            assertThat(statement.executeUpdate("UPDATE audit_events SET after_value = 'role: agent' WHERE seq = " + seq)).isEqualTo(1);
        }
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn(ADMIN, PASSWORD);
            browser.waitFor(d -> d.getCurrentUrl().contains("/admin") ? true : null, "the admin's landing page");
            browser.open("/admin/audit");
            browser.click("[id='audit:verify']");
            browser.waitForText("[id='audit:verification']", "Broken at entry");
            browser.screenshot("admin-audit-broken");
        }
    }

    @Test
    void serviceLevelsWorkflowsChannelsAndExportsAreRecordedWithoutTheirSecrets() throws Exception {
        Api.Reply policy = admin.post("/api/tickets/sla-policies", "{\"name\":\"Audited VIP\",\"first_response_hours\":1,\"resolution_hours\":8,"
                + "\"conditions\":{\"requester_domains\":[\"vip-audit.test\"]}}");
        assertThat(policy.status()).as(policy.body()).isEqualTo(201);
        assertThat(admin.delete("/api/tickets/sla-policies/" + policy.json().getString("id")).status()).isEqualTo(204);
        Api.Reply rule = admin.post("/api/workflows", "{\"name\":\"Audited rule\",\"trigger\":\"ticket_created\",\"conditions\":{\"items\":"
                + "[{\"field\":\"requester_email\",\"operator\":\"ends_with\",\"value\":\"@vip-audit.test\"}]},"
                + "\"actions\":[{\"action\":\"add_tag\",\"arguments\":{\"tag\":\"vip\"}}]}");
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        assertThat(admin.delete("/api/workflows/" + rule.json().getString("id")).status()).isEqualTo(204);
        assertThat(RelaydeskProcess.sharedSystemAdmin().put("/api/plugins/channel-webform", "{\"enabled\":true}").status()).isEqualTo(200);
        Api.Reply form = admin.post("/api/channel-accounts", "{\"kind\":\"webform\",\"name\":\"Audited form\",\"config\":{}}");
        assertThat(form.status()).as(form.body()).isEqualTo(201);
        assertThat(admin.put("/api/channel-accounts/" + form.json().getString("id"), "{\"enabled\":false}").status()).isEqualTo(200);
        assertThat(admin.getBytes("/api/tickets/analytics/export?report=tickets&from=2026-01-01&to=2026-01-31").statusCode()).isEqualTo(200);

        assertThat(entries("?action=sla.policy")).extracting(e -> e.getString("after")).containsExactly("deleted", "created");
        assertThat(latest("sla.policy").getString("target_label")).isEqualTo("Audited VIP");
        assertThat(entries("?action=workflow.rule")).extracting(e -> e.getString("after")).containsExactly("deleted", "created");
        assertThat(entries("?action=channel.account")).extracting(e -> e.getString("after")).containsExactly("webform updated, off", "webform created");
        assertThat(latest("tickets.exported").getString("after")).isEqualTo("tickets report, 2026-01-01 to 2026-01-31, csv");
        assertThat(latest("tickets.exported").getString("actor")).contains(ADMIN);
    }
}
