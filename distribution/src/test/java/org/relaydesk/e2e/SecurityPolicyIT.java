package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A workspace's security settings (/api/security/policy and /admin/settings/security): the password
 * policy, session limits and personal API tokens, as an admin sets them and as staff meet them. The
 * workspace is the class's own on the shared desk.
 */
class SecurityPolicyIT {
    private static final String ADMIN = "admin@policy-desk.test";
    private static final String PASSWORD = "policy-desk-password";
    private static RelaydeskProcess relaydesk;
    private static Api admin;

    @BeforeAll
    static void start() throws Exception {
        relaydesk = RelaydeskProcess.sharedDemoDesk();
        admin = RelaydeskProcess.ownWorkspace("Policy Desk", "policy-desk", ADMIN, PASSWORD);
    }

    private static Api.Reply newUser(String email, String role, String password) throws Exception {
        return admin.post("/api/users", Json.createObjectBuilder().add("email", email).add("name", "Policy " + role).add("role", role)
                .add("password", password).build());
    }

    private static JsonObject policy() throws Exception {
        Api.Reply reply = admin.get("/api/security/policy");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static List<JsonObject> audit(String action) throws Exception {
        return admin.get("/api/audit?action=" + action).json().getJsonArray("entries").getValuesAs(JsonObject.class);
    }

    @Test
    void newPasswordsFollowTheWorkspacesPolicyAndWrongSettingsChangeNothing() throws Exception {
        JsonObject defaults = policy();
        assertThat(defaults.getInt("password_min_length")).isEqualTo(10);
        assertThat(defaults.getBoolean("refuse_common_passwords")).isTrue();
        assertThat(defaults.getInt("session_idle_minutes")).isEqualTo(480);
        assertThat(defaults.getString("api_tokens_for")).isEqualTo("agent");

        for (String common : List.of("P@ssw0rd1234", "qwertyuiop123", "letmein2020")) {
            Api.Reply refused = newUser("weak@policy-desk.test", "agent", common);
            assertThat(refused.status()).as(common).isEqualTo(400);
            assertThat(refused.body()).as(common).contains("password").contains("too easy to guess");
        }
        Api.Reply longer = admin.put("/api/security/policy", "{\"password_min_length\":16}");
        assertThat(longer.status()).as(longer.body()).isEqualTo(200);
        assertThat(longer.json().getInt("password_min_length")).isEqualTo(16);
        assertThat(longer.json().getInt("session_idle_minutes")).as("the others kept").isEqualTo(480);
        assertThat(newUser("dana@policy-desk.test", "agent", "tP7#qz!rW2vx").body()).contains("at least 16 characters");
        assertThat(newUser("dana@policy-desk.test", "agent", "walnut orbit canal 42").status()).isEqualTo(201);
        // wrong settings: refused by name, nothing changed
        for (String wrong : List.of("{\"password_min_length\":6}", "{\"password_min_length\":\"long\"}", "{\"session_idle_minutes\":2}",
                "{\"session_absolute_hours\":100000}", "{\"api_tokens_for\":\"root\"}", "{\"api_token_max_days\":0}", "{\"mfa\":true}",
                "{\"second_factor_roles\":[\"owner\"]}", "{\"password_min_length\":20,\"audit_retention_days\":1}", "[]", "nonsense")) {
            Api.Reply refused = admin.put("/api/security/policy", wrong);
            assertThat(refused.status()).as(wrong + " " + refused.body()).isEqualTo(400);
            assertThat(refused.raw().headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        }
        assertThat(policy()).isEqualTo(longer.json());

        // only the workspace's admins; another workspace keeps its own
        Api agent = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), "dana@policy-desk.test", "walnut orbit canal 42"));
        assertThat(agent.get("/api/security/policy").status()).isEqualTo(403);
        assertThat(agent.put("/api/security/policy", "{\"password_min_length\":10}").status()).isEqualTo(403);
        Api neighbour = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), "admin@neighbour.test", "neighbour-admin-pw"));
        assertThat(neighbour.get("/api/security/policy").json().getInt("password_min_length")).isEqualTo(10);

        JsonObject recorded = audit("security.password_policy").get(0);
        assertThat(recorded.getString("before")).isEqualTo("at least 10 characters, common passwords refused");
        assertThat(recorded.getString("after")).isEqualTo("at least 16 characters, common passwords refused");
        assertThat(recorded.getString("actor")).contains(ADMIN);
        assertThat(admin.put("/api/security/policy", "{\"password_min_length\":10}").status()).isEqualTo(200);
    }

    @Test
    void sessionTokensEndWithTheAbsoluteLimitAndTokensFollowTheTokenPolicy() throws Exception {
        assertThat(newUser("eve@policy-desk.test", "agent", "eve-policy-password").status()).isEqualTo(201);
        assertThat(admin.put("/api/security/policy", "{\"session_absolute_hours\":1,\"remember_me_allowed\":false}").status()).isEqualTo(200);
        Api.Reply login = new Api(relaydesk.baseUrl(), null).post("/api/auth/login", "{\"email\":\"eve@policy-desk.test\",\"password\":\"eve-policy-password\"}");
        Instant expires = Instant.parse(login.json().getString("expires_at"));
        assertThat(expires).isBetween(Instant.now().plus(Duration.ofMinutes(55)), Instant.now().plus(Duration.ofMinutes(61)));
        assertThat(audit("security.session_policy").get(0).getString("after")).isEqualTo("idle 480 min, at most 1 h, remember me not allowed");

        Api eve = new Api(relaydesk.baseUrl(), login.json().getString("token"));
        Api script = eve.as(eve.post("/api/auth/tokens", "{\"name\":\"report script\"}").json().getString("token"));
        assertThat(script.get("/api/auth/me").status()).isEqualTo(200);

        assertThat(admin.put("/api/security/policy", "{\"api_tokens_for\":\"admin\",\"api_token_max_days\":30}").status()).isEqualTo(200);
        assertThat(script.get("/api/auth/me").status()).as("an agent's token rests").isEqualTo(401);
        Api.Reply refused = eve.post("/api/auth/tokens", "{\"name\":\"another\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("do not allow personal API tokens");
        assertThat(admin.post("/api/auth/tokens", "{\"name\":\"too long\",\"expires_in_days\":31}").body()).contains("1 to 30");
        Api.Reply admins = admin.post("/api/auth/tokens", "{\"name\":\"month\",\"expires_in_days\":30}");
        assertThat(admins.status()).as(admins.body()).isEqualTo(201);
        Api.Reply defaulted = admin.post("/api/auth/tokens", "{\"name\":\"default life\"}");
        assertThat(Instant.parse(defaulted.json().getString("expires_at"))).as("the default life within the limit")
                .isBefore(Instant.now().plus(Duration.ofDays(30)).plusSeconds(60));

        assertThat(admin.put("/api/security/policy", "{\"api_tokens_for\":\"agent\",\"api_token_max_days\":365,\"session_absolute_hours\":720,"
                + "\"remember_me_allowed\":true}").status()).isEqualTo(200);
        assertThat(script.get("/api/auth/me").status()).as("allowed again").isEqualTo(200);
    }

    @Test
    void anAdminSetsThePolicyOnTheSecurityPage() throws Exception {
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn(ADMIN, PASSWORD);
            browser.waitFor(d -> d.getCurrentUrl().contains("/admin") ? true : null, "the admin's landing page");
            browser.open("/admin/settings/security");
            browser.find("[id='security:idle-minutes_input']");
            browser.driver.executeScript("PF('idleMinutes').setValue(45);");
            browser.find("[id='security:remember-me']").click();
            new org.openqa.selenium.support.ui.Select(browser.find("[id='security:tokens-for']")).selectByValue("supervisor");
            browser.click("[id='security:save']");
            browser.waitForText("[id='security:security-messages']", "Security settings saved");
            browser.screenshot("admin-security-policy");
            JsonObject saved = policy();
            assertThat(saved.getInt("session_idle_minutes")).isEqualTo(45);
            assertThat(saved.getBoolean("remember_me_allowed")).isFalse();
            assertThat(saved.getString("api_tokens_for")).isEqualTo("supervisor");

            browser.driver.manage().deleteAllCookies(); // as the server does when it ends the session
            browser.open("/login?ended=true");
            browser.waitForText("#session-ended", "Your session ended");
        } finally {
            admin.put("/api/security/policy", "{\"session_idle_minutes\":480,\"remember_me_allowed\":true,\"api_tokens_for\":\"agent\"}");
        }
    }

    @Test
    void staffAreEmailedWhenTheirAccountsSecurityChanges() throws Exception {
        try (TestMail mail = TestMail.start()) {
            assertThat(RelaydeskProcess.sharedSystemAdmin().put("/api/plugins/channel-email", "{\"enabled\":true}").status()).isEqualTo(200);
            Api.Reply mailbox = admin.post("/api/channel-accounts", mail.accountJson("Policy mailbox"));
            assertThat(mailbox.status()).as(mailbox.body()).isEqualTo(201);
            try {
                assertThat(newUser("finn@policy-desk.test", "agent", "finn-policy-password").status()).isEqualTo(201);
                Api finn = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), "finn@policy-desk.test", "finn-policy-password"));
                assertThat(finn.post("/api/auth/tokens", "{\"name\":\"laptop script\"}").status()).isEqualTo(201);
                jakarta.mail.internet.MimeMessage notice = mail.await("finn@policy-desk.test", "A personal API token was created on your account",
                        m -> true, "the security notice");
                assertThat(TestMail.rawBody(notice)).contains("laptop script").contains("If it was not, change your password now")
                        .doesNotContain("rdk_");
                assertThat(finn.post("/api/auth/logout-everywhere", "{\"revoke_tokens\":true}").status()).isEqualTo(204);
                mail.await("finn@policy-desk.test", "Your account was signed out everywhere", m -> true, "the second notice");
            } finally {
                admin.put("/api/channel-accounts/" + mailbox.json().getString("id"), "{\"enabled\":false}");
            }
        }
    }
}
