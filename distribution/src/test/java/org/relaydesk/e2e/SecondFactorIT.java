package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relaydesk.core.user.mfa.Totp;

/**
 * Two-step sign-in with an authenticator app, as a person and an API client use it: the test computes
 * the codes from the secret the server hands out, as the app on a phone would. Each test has its own
 * accounts (and the sign-in policy its own workspace), so the shared desk's other users are untouched.
 */
class SecondFactorIT {
    private static RelaydeskProcess relaydesk;
    private static Api admin;

    @BeforeAll
    static void start() throws Exception {
        relaydesk = RelaydeskProcess.sharedDemoDesk();
        admin = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD));
    }

    private static String newAgent(Api as, String role) throws Exception {
        String email = role + "-" + UUID.randomUUID().toString().substring(0, 8) + "@two-step.test";
        Api.Reply made = as.post("/api/users", Json.createObjectBuilder().add("email", email).add("name", "Two Step " + role)
                .add("role", role).add("password", "two-step-password-1").build());
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        return email;
    }

    private static Api.Reply password(String email) throws Exception {
        return new Api(relaydesk.baseUrl(), null).post("/api/auth/login",
                Json.createObjectBuilder().add("email", email).add("password", "two-step-password-1").build());
    }

    private static Api.Reply secondStep(String challenge, String code) throws Exception {
        return new Api(relaydesk.baseUrl(), null).post("/api/auth/login/second-factor",
                Json.createObjectBuilder().add("challenge", challenge).add("code", code).build());
    }

    /** The app's code for the 30-second step after this one: still accepted now, and later than any code used so far. */
    private static String nextCode(byte[] secret) {
        return Totp.code(secret, Totp.stepAt(Instant.now()) + 1, Totp.DIGITS);
    }

    private static List<String> strings(JsonObject json, String field) {
        return json.getJsonArray(field).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    @Test
    void anAgentTurnsItOnAndThenSignsInWithTheAppsCodeOrARecoveryCodeOnce() throws Exception {
        String email = newAgent(admin, "agent");
        Api me = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), email, "two-step-password-1"));
        assertThat(me.get("/api/auth/second-factor").json().getBoolean("enabled")).isFalse();
        // a personal API token (a script's) cannot set it up, nor look
        String script = me.post("/api/auth/tokens", "{\"name\":\"script\"}").json().getString("token");
        assertThat(me.as(script).post("/api/auth/second-factor", "{}").status()).isEqualTo(403);
        assertThat(me.as(script).get("/api/auth/second-factor").status()).isEqualTo(403);

        JsonObject enrolment = me.post("/api/auth/second-factor", "{}").json();
        byte[] secret = Totp.fromBase32(enrolment.getString("secret"));
        assertThat(enrolment.getString("otpauth_uri")).startsWith("otpauth://totp/Relaydesk:").contains("secret=" + enrolment.getString("secret"));
        Api.Reply wrong = me.post("/api/auth/second-factor/confirm", "{\"code\":\"000000\"}");
        if (!Totp.matchingStep(secret, "000000", Instant.now()).isPresent()) {
            assertThat(wrong.status()).isEqualTo(400);
            assertThat(wrong.body()).contains("code");
        }
        assertThat(password(email).json().containsKey("token")).as("not on until a code confirms the app").isTrue();

        Api.Reply confirmed = me.post("/api/auth/second-factor/confirm", "{\"code\":\"" + Totp.code(secret, Instant.now()) + "\"}");
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        List<String> recovery = strings(confirmed.json(), "recovery_codes");
        assertThat(recovery).hasSize(10).doesNotHaveDuplicates();
        assertThat(me.get("/api/auth/me").status()).as("sessions from before end: someone in on the password alone is out").isEqualTo(401);

        // the password alone now gives a challenge, which is no session
        JsonObject step = password(email).json();
        assertThat(step.containsKey("token")).isFalse();
        assertThat(step.getString("second_step")).isEqualTo("code");
        String challenge = step.getString("challenge");
        assertThat(new Api(relaydesk.baseUrl(), challenge).get("/api/auth/me").status()).isEqualTo(401);

        // a changed challenge, a code of the wrong shape: refused, with the field named (each wrong code counts
        // against the account's five a quarter-hour, so this test makes four)
        Api.Reply tampered = secondStep(challenge.substring(0, challenge.length() - 2) + "AA", nextCode(secret));
        assertThat(tampered.status()).isEqualTo(400);
        assertThat(tampered.body()).contains("challenge");

        String code = nextCode(secret);
        Api.Reply signedIn = secondStep(challenge, code);
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        me = new Api(relaydesk.baseUrl(), signedIn.json().getString("token"));
        assertThat(me.get("/api/auth/me").json().getString("email")).isEqualTo(email);
        assertThat(signedIn.json().isNull("recovery_codes")).as("recovery codes only when set up in this sign-in").isTrue();

        // the same code again, with a fresh challenge: a code counts once
        String again = password(email).json().getString("challenge");
        assertThat(secondStep(again, code).status()).isEqualTo(400);

        // a recovery code, typed in capitals: once
        Api.Reply byRecovery = secondStep(again, recovery.get(3).toUpperCase());
        assertThat(byRecovery.status()).as(byRecovery.body()).isEqualTo(200);
        assertThat(secondStep(password(email).json().getString("challenge"), recovery.get(3)).status()).isEqualTo(400);
        assertThat(me.get("/api/auth/second-factor").json().getInt("recovery_codes_left")).isEqualTo(9);

        // turning it off takes a code, not only the session
        assertThat(me.post("/api/auth/second-factor/off", "{\"code\":\"" + recovery.get(3) + "\"}").status()).isEqualTo(400);
        assertThat(me.get("/api/auth/second-factor").json().getBoolean("enabled")).isTrue();
        assertThat(me.post("/api/auth/second-factor/off", "{\"code\":\"" + recovery.get(5) + "\"}").status()).isEqualTo(204);
        assertThat(password(email).json().containsKey("token")).isTrue();
    }

    @Test
    void wrongCodesAreThrottledSoAStolenPasswordBuysNoTimeToGuess() throws Exception {
        String email = newAgent(admin, "agent");
        Api me = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), email, "two-step-password-1"));
        byte[] secret = Totp.fromBase32(me.post("/api/auth/second-factor", "{}").json().getString("secret"));
        assertThat(me.post("/api/auth/second-factor/confirm", "{\"code\":\"" + Totp.code(secret, Instant.now()) + "\"}").status()).isEqualTo(200);

        String challenge = password(email).json().getString("challenge");
        long now = Totp.stepAt(Instant.now());
        // twelve guesses sent at once: each takes its attempt before its code is looked at, so five are judged and seven wait
        java.util.concurrent.ExecutorService together = java.util.concurrent.Executors.newFixedThreadPool(12);
        List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
        for (int guess = 0; guess < 12; guess++) {
            String wrong = Totp.code(secret, now + 40 + guess, Totp.DIGITS); // a real code of the app, but hours away
            answers.add(together.submit(() -> secondStep(challenge, wrong).status()));
        }
        List<Integer> statuses = new java.util.ArrayList<>();
        for (var answer : answers) {
            statuses.add(answer.get());
        }
        together.shutdown();
        assertThat(statuses).filteredOn(status -> status == 400).hasSize(5);
        assertThat(statuses).filteredOn(status -> status == 429).hasSize(7);
        Api.Reply sixth = secondStep(challenge, nextCode(secret));
        assertThat(sixth.status()).as("even the right code waits now").isEqualTo(429);
        assertThat(sixth.raw().headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void anAdminResetsALostSecondFactorAndTheColleaguesSessionsEnd() throws Exception {
        String email = newAgent(admin, "agent");
        String token = Api.login(relaydesk.baseUrl(), email, "two-step-password-1");
        Api me = new Api(relaydesk.baseUrl(), token);
        String id = me.get("/api/auth/me").json().getString("id");
        byte[] secret = Totp.fromBase32(me.post("/api/auth/second-factor", "{}").json().getString("secret"));
        assertThat(me.post("/api/auth/second-factor/confirm", "{\"code\":\"" + Totp.code(secret, Instant.now()) + "\"}").status()).isEqualTo(200);
        me = new Api(relaydesk.baseUrl(), secondStep(password(email).json().getString("challenge"), nextCode(secret)).json().getString("token"));
        // an admin cannot remove their own this way (a stolen admin session alone must not): theirs goes off with a code
        assertThat(admin.delete("/api/users/" + admin.get("/api/auth/me").json().getString("id") + "/second-factor").status()).isEqualTo(403);

        // a colleague who is no admin cannot; an admin of another workspace does not even find the account
        Api colleague = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), newAgent(admin, "agent"), "two-step-password-1"));
        assertThat(colleague.delete("/api/users/" + id + "/second-factor").status()).isEqualTo(403);
        Api neighbour = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), "admin@neighbour.test", "neighbour-admin-pw"));
        assertThat(neighbour.delete("/api/users/" + id + "/second-factor").status()).isEqualTo(404);
        assertThat(admin.delete("/api/users/not-an-id/second-factor").status()).isEqualTo(404);
        assertThat(me.get("/api/auth/second-factor").json().getBoolean("enabled")).isTrue();

        assertThat(admin.delete("/api/users/" + id + "/second-factor").status()).isEqualTo(204);
        assertThat(me.get("/api/auth/me").status()).as("the session ended with the reset").isEqualTo(401);
        assertThat(password(email).json().containsKey("token")).isTrue();
        assertThat(admin.delete("/api/users/" + id + "/second-factor").status()).isEqualTo(409);
    }

    @Test
    void aWorkspaceThatRequiresItForARoleMakesItsMembersSetItUpBeforeTheyGetASession() throws Exception {
        String slug = "two-step-" + UUID.randomUUID().toString().substring(0, 8);
        String adminEmail = "admin@" + slug + ".test";
        Api.Reply workspace = admin.post("/api/workspaces", Json.createObjectBuilder().add("name", "Two Step Ltd").add("slug", slug)
                .add("admin", Json.createObjectBuilder().add("email", adminEmail).add("name", "Their Admin").add("password", "two-step-password-1"))
                .build());
        assertThat(workspace.status()).as(workspace.body()).isEqualTo(201);
        Api theirAdmin = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), adminEmail, "two-step-password-1"));
        String agentEmail = newAgent(theirAdmin, "agent");
        Api agent = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), agentEmail, "two-step-password-1"));

        assertThat(agent.put("/api/security/sign-in-policy", "{\"second_factor_roles\":[\"agent\"]}").status()).isEqualTo(403);
        assertThat(theirAdmin.put("/api/security/sign-in-policy", "{\"second_factor_roles\":[\"owner\"]}").status()).isEqualTo(400);
        assertThat(theirAdmin.put("/api/security/sign-in-policy", "{}").status()).isEqualTo(400);
        assertThat(theirAdmin.put("/api/security/sign-in-policy", "{\"second_factor_roles\":\"agent\"}").status()).isEqualTo(400);
        Api.Reply saved = theirAdmin.put("/api/security/sign-in-policy", "{\"second_factor_roles\":[\"agent\",\"Supervisor\"]}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(strings(saved.json(), "second_factor_roles")).containsExactly("agent", "supervisor");
        // the demo workspace's policy is its own
        assertThat(strings(admin.get("/api/security/sign-in-policy").json(), "second_factor_roles")).isEmpty();
        assertThat(password(adminEmail).json().containsKey("token")).as("admins were not named").isTrue();

        // the agent's password now leads to setting up the app, and only its first code gives a session
        JsonObject step = password(agentEmail).json();
        assertThat(step.getString("second_step")).isEqualTo("enrol");
        String challenge = step.getString("challenge");
        Api anonymous = new Api(relaydesk.baseUrl(), null);
        byte[] secret = Totp.fromBase32(anonymous.post("/api/auth/login/enrolment", "{\"challenge\":\"" + challenge + "\"}").json().getString("secret"));
        assertThat(anonymous.post("/api/auth/login/enrolment", "{\"challenge\":\"forged.challenge\"}").status()).isEqualTo(400);
        Api.Reply done = secondStep(challenge, Totp.code(secret, Instant.now()));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(strings(done.json(), "recovery_codes")).hasSize(10);
        assertThat(new Api(relaydesk.baseUrl(), done.json().getString("token")).get("/api/auth/second-factor").json().getBoolean("required")).isTrue();
        // from now on the usual second step; turning it off is refused while the policy requires it
        assertThat(password(agentEmail).json().getString("second_step")).isEqualTo("code");
        Api.Reply off = new Api(relaydesk.baseUrl(), done.json().getString("token")).post("/api/auth/second-factor/off",
                "{\"code\":\"" + strings(done.json(), "recovery_codes").get(0) + "\"}");
        assertThat(off.status()).isEqualTo(409);
        // the usual challenge cannot be used to set up another app
        assertThat(anonymous.post("/api/auth/login/enrolment", "{\"challenge\":\"" + password(agentEmail).json().getString("challenge") + "\"}")
                .status()).isEqualTo(409);
    }

    @Test
    void inThePanelAnAgentSetsUpTheAppOnTheirSettingsPageAndSignsInWithACode() throws Exception {
        String email = newAgent(admin, "agent");
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn(email, "two-step-password-1");
            browser.waitFor(d -> d.getCurrentUrl().contains("/agent") ? true : null, "the agent's landing page");
            browser.open("/agent/settings");
            browser.waitForText("#two-step-state", "Off.");
            browser.click("[id='two-step:two-step-begin']");
            browser.waitFor(d -> d.findElements(org.openqa.selenium.By.cssSelector("#two-step-qr svg path")).isEmpty() ? null : true, "the QR code");
            byte[] secret = Totp.fromBase32(browser.find("#two-step-secret").getText());
            browser.screenshot("agent-settings-two-step-setup");
            browser.find("[id='two-step:two-step-confirm-code']").sendKeys("999999x");
            browser.click("[id='two-step:two-step-confirm']");
            browser.waitForText("[id='two-step:two-step-messages']", "not the current code");
            browser.find("[id='two-step:two-step-confirm-code']").clear();
            browser.find("[id='two-step:two-step-confirm-code']").sendKeys(Totp.code(secret, Instant.now()));
            browser.click("[id='two-step:two-step-confirm']");
            browser.waitForText("[id='two-step:two-step-messages']", "Two-step sign-in is on");
            List<String> codes = browser.driver.findElements(org.openqa.selenium.By.cssSelector("#two-step-recovery-codes code")).stream()
                    .map(org.openqa.selenium.WebElement::getText).toList();
            assertThat(codes).hasSize(10);
            browser.screenshot("agent-settings-two-step-on");

            browser.driver.manage().deleteAllCookies();
            browser.signIn(email, "two-step-password-1");
            browser.waitForText(".rd-step-title", "Two-step sign-in");
            browser.find("#code").sendKeys("000000x");
            browser.click("#verify");
            browser.waitForText("#code-messages", "not the current code");
            browser.screenshot("login-second-step");
            browser.find("#code").sendKeys(nextCode(secret));
            browser.click("#verify");
            browser.waitFor(d -> d.getCurrentUrl().contains("/agent") ? true : null, "the agent's landing page after the code");

            // the same, with a recovery code
            browser.driver.manage().deleteAllCookies();
            browser.signIn(email, "two-step-password-1");
            browser.waitForText(".rd-step-title", "Two-step sign-in");
            browser.find("#code").sendKeys(codes.get(0));
            browser.click("#verify");
            browser.waitFor(d -> d.getCurrentUrl().contains("/agent") ? true : null, "the agent's landing page after a recovery code");
        }
    }

    @Test
    void inThePanelARequiredSecondFactorIsSetUpAtSignInWithAQrCode() throws Exception {
        String slug = "panel-two-step-" + UUID.randomUUID().toString().substring(0, 8);
        String adminEmail = "admin@" + slug + ".test";
        assertThat(admin.post("/api/workspaces", Json.createObjectBuilder().add("name", "Panel Two Step").add("slug", slug)
                .add("admin", Json.createObjectBuilder().add("email", adminEmail).add("name", "Panel Admin").add("password", "two-step-password-1"))
                .build()).status()).isEqualTo(201);
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn(adminEmail, "two-step-password-1");
            browser.waitFor(d -> d.getCurrentUrl().contains("/admin") ? true : null, "the admin's landing page");
            browser.open("/admin/settings/security");
            browser.waitForText("#security-coverage", "0 of 1 active staff");
            browser.find("[id='security:require-admins']").click();
            browser.click("[id='security:save']");
            browser.waitForText("[id='security:security-messages']", "Security settings saved");
            browser.screenshot("admin-security");

            browser.driver.manage().deleteAllCookies();
            browser.signIn(adminEmail, "two-step-password-1");
            browser.waitForText(".rd-step-title", "Set up two-step sign-in");
            assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector("#enrol-qr svg path"))).hasSize(1);
            byte[] secret = Totp.fromBase32(browser.find("#enrol-secret").getText());
            browser.screenshot("login-enrol");
            browser.open("/admin/dashboard");
            browser.waitFor(d -> d.getCurrentUrl().contains("/login") ? true : null, "no panel before the second factor is set up");
            browser.signIn(adminEmail, "two-step-password-1");
            browser.waitForText(".rd-step-title", "Set up two-step sign-in");
            secret = Totp.fromBase32(browser.find("#enrol-secret").getText()); // a new one: the first was never confirmed
            browser.find("#enrol-code").sendKeys(Totp.code(secret, Instant.now()));
            browser.click("#enrol-verify");
            browser.waitForText(".rd-step-title", "Your recovery codes");
            assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector("#recovery-codes code"))).hasSize(10);
            browser.click("#continue");
            browser.waitFor(d -> d.getCurrentUrl().contains("/admin/dashboard") ? true : null, "the admin's landing page");
            browser.open("/admin/settings/security");
            browser.waitForText("#security-coverage", "1 of 1 active staff");
        }
    }

    @Test
    void signingOutEverywhereEndsEverySessionAndTheTokensOnlyWhenAsked() throws Exception {
        String email = newAgent(admin, "agent");
        Api first = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), email, "two-step-password-1"));
        Api second = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), email, "two-step-password-1"));
        Api script = first.as(first.post("/api/auth/tokens", "{\"name\":\"backup script\"}").json().getString("token"));

        assertThat(first.post("/api/auth/logout-everywhere", "{}").status()).as("nothing so drastic on a guess").isEqualTo(400);
        assertThat(second.get("/api/auth/me").status()).isEqualTo(200);
        assertThat(first.post("/api/auth/logout-everywhere", "{\"revoke_tokens\":false}").status()).isEqualTo(204);
        assertThat(first.get("/api/auth/me").status()).isEqualTo(401);
        assertThat(second.get("/api/auth/me").status()).isEqualTo(401);
        assertThat(script.get("/api/auth/me").status()).as("personal tokens kept").isEqualTo(200);

        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn(email, "two-step-password-1");
            browser.waitFor(d -> d.getCurrentUrl().contains("/agent") ? true : null, "the agent's landing page");
            Api other = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), email, "two-step-password-1"));
            browser.open("/agent/settings");
            browser.waitForText("#recent-sign-ins", "from 127.0.0.1");
            browser.waitForText("[id='sessions:tokens']", "backup script");
            browser.find("[id='sessions:revoke-tokens']").click();
            browser.click("[id='sessions:sign-out-everywhere']");
            browser.find("#confirm-yes").click();
            browser.waitForText("[id='sessions:sessions-messages']", "Signed out everywhere else; your API tokens are revoked");
            browser.screenshot("agent-settings-sessions");
            assertThat(other.get("/api/auth/me").status()).isEqualTo(401);
            assertThat(script.get("/api/auth/me").status()).isEqualTo(401);
            browser.open("/agent/settings");
            browser.waitForText("[id='sessions:tokens']", "None.");
            assertThat(browser.driver.getCurrentUrl()).as("this browser stays signed in").contains("/agent/settings");
        }
    }
}
