package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The admin, supervisor and personal pages in a real browser, on start-dev's demo help desk. */
class AdminPanelIT {
    private static RelaydeskProcess relaydesk;
    private static Api admin;

    @BeforeAll
    static void start() throws Exception {
        relaydesk = RelaydeskProcess.startDemoDesk("admin-panel");
        admin = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD));
    }

    @AfterAll
    static void stop() throws Exception {
        if (relaydesk != null) {
            relaydesk.close();
        }
    }


    private static String userId(String email) throws Exception {
        return admin.get("/api/users").json().getJsonArray("users").getValuesAs(JsonObject.class).stream()
                .filter(u -> u.getString("email").equals(email)).findFirst().orElseThrow().getString("id");
    }

    @Test
    void everyAdminAndSupervisorPageOpensForAnAdmin() throws Exception {
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn("admin@demo.test", "demo-admin-pw");
            browser.waitFor(d -> d.getCurrentUrl().endsWith("/admin/dashboard") ? true : null, "admins land on their dashboard");
            browser.find("#stat-open");
            browser.screenshot("admin-dashboard");
            Map<String, String> pages = new java.util.LinkedHashMap<>();
            pages.put("/admin/users", "Invite a member of staff");
            pages.put("/admin/users/roles", "Roles and what they may do");
            pages.put("/admin/teams", "First line");
            pages.put("/admin/departments", "Finance");
            pages.put("/admin/tickets", "All tickets");
            pages.put("/admin/categories", "Billing");
            pages.put("/admin/tags", "vip");
            pages.put("/admin/canned-responses", "Thanks for reaching out");
            pages.put("/admin/settings", "Ticket number prefix");
            pages.put("/admin/settings/security", "Require it for agents");
            pages.put("/admin/audit", "Check the chain");
            pages.put("/admin/privacy", "Email, number or name");
            pages.put("/admin/retention", "New policy");
            pages.put("/admin/workspaces", "New workspace");
            pages.put("/admin/health", "Outbox (replies, notices, webhooks) not sent yet");
            pages.put("/supervisor/dashboard", "Oldest unassigned");
            pages.put("/supervisor/tickets", "All open");
            pages.put("/supervisor/assignments", "Choose whose tickets to move.");
            pages.put("/supervisor/escalations", "Urgent and critical");
            pages.put("/supervisor/agents", "Alice Johnson");
            pages.put("/agent/dashboard", "Next up");
            pages.put("/agent/settings", "Email me when");
            pages.put("/agent/canned-responses", "/thanks");
            pages.put("/agent/tickets/search", "Searches subjects");
            for (var page : pages.entrySet()) {
                browser.open(page.getKey());
                browser.waitForText("#content", page.getValue());
                assertThat(browser.driver.getPageSource()).as(page.getKey()).doesNotContain("Something went wrong");
            }
        }
    }

    @Test
    void anInvitedColleagueChoosesAPasswordAndIsOutWhenDeactivated() throws Exception {
        try (Browser adminBrowser = new Browser(relaydesk.baseUrl()); Browser dana = new Browser(relaydesk.baseUrl())) {
            adminBrowser.signIn("admin@demo.test", "demo-admin-pw");
            adminBrowser.find("#stat-open");
            adminBrowser.open("/admin/users");
            adminBrowser.find("[id='users:invite-name']").sendKeys("Dana Chen");
            adminBrowser.find("[id='users:invite-email']").sendKeys("not-an-address");
            adminBrowser.find("[id='users:invite']").click();
            adminBrowser.waitForText("[id='users:messages']", "Email must be a valid email address");
            assertThat(adminBrowser.find("[id='users:invite-name']").getAttribute("value")).isEqualTo("Dana Chen");
            adminBrowser.find("[id='users:invite-email']").clear();
            adminBrowser.find("[id='users:invite-email']").sendKeys("dana@demo.test");
            adminBrowser.choose("users:invite-role", "supervisor");
            adminBrowser.find("[id='users:invite']").click();
            adminBrowser.waitForText("[id='users:messages']", "Invitation created for dana@demo.test");
            String link = adminBrowser.find("#shown-link").getAttribute("value");
            assertThat(link).contains("/set-password?token=");
            adminBrowser.screenshot("admin-users");

            dana.driver.get(link);
            dana.waitForText("#holder", "dana@demo.test");
            dana.find("#password").sendKeys("dana-secret-1");
            dana.find("#repeat").sendKeys("dana-secret-2");
            dana.find("#submit").click();
            dana.waitForText("#messages", "The two passwords differ.");
            dana.find("#password").sendKeys("dana-secret-1");
            dana.find("#repeat").sendKeys("dana-secret-1");
            dana.find("#submit").click();
            dana.waitFor(d -> d.getCurrentUrl().endsWith("/supervisor/dashboard") ? true : null, "signed in, on the supervisor's dashboard");
            assertThat(Api.login(relaydesk.baseUrl(), "dana@demo.test", "dana-secret-1")).isNotBlank();

            dana.driver.get(link);
            dana.waitForText("#invalid", "does not work any more");

            adminBrowser.open("/admin/users");
            String row = "//tr[td[contains(., 'dana@demo.test')]]";
            adminBrowser.waitFor(d -> d.findElements(By.xpath(row + "//button[contains(., 'Deactivate')]")).isEmpty() ? null : true, "Dana's row");
            adminBrowser.driver.findElement(By.xpath(row + "//button[contains(., 'Deactivate')]")).click();
            adminBrowser.find("#confirm-yes").click();
            adminBrowser.waitForText("[id='users:messages']", "User deactivated");

            dana.open("/supervisor/dashboard");
            dana.waitFor(d -> d.getCurrentUrl().contains("/login") ? true : null, "a deactivated user is signed out at the next page");
        }
    }

    @Test
    void forgottenPasswordsQueueAResetEmailAndSayNothingAboutAccounts() throws Exception {
        long before = resetEmails();
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.open("/login");
            browser.find("#forgot").click();
            browser.find("#email").sendKeys("nobody@nowhere.test");
            browser.find("#submit").click();
            browser.waitForText("#requested", "If nobody@nowhere.test belongs to an account");
            assertThat(resetEmails()).as("no email for an unknown address").isEqualTo(before);

            browser.open("/forgot-password");
            browser.find("#email").sendKeys("alice@demo.test");
            browser.find("#submit").click();
            browser.waitForText("#requested", "If alice@demo.test belongs to an account");
            assertThat(resetEmails()).as("a reset email queued for Alice").isEqualTo(before + 1);
        }
    }

    private static long resetEmails() throws Exception {
        Api.Reply outbox = admin.get("/api/outbox?status=pending&limit=200");
        assertThat(outbox.status()).as(outbox.body()).isEqualTo(200);
        return outbox.json().getJsonArray("entries").getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("kind").equals("email.password_reset")).count();
    }

    @Test
    void theAdminShapesTheWorkspace() throws Exception {
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn("admin@demo.test", "demo-admin-pw");
            browser.find("#stat-open");

            browser.open("/admin/settings");
            browser.find("[id='settings:prefix']").clear();
            browser.find("[id='settings:prefix']").sendKeys("T2");
            browser.find("[id='settings:save']").click();
            browser.waitForText("#settings-messages", "not ending in a digit");
            browser.find("[id='settings:prefix']").clear();
            browser.find("[id='settings:prefix']").sendKeys("#HD-");
            browser.find("[id='settings:name']").clear();
            browser.find("[id='settings:name']").sendKeys("Demo Help Desk");
            browser.find("[id='settings:save']").click();
            browser.waitForText("#settings-messages", "Settings saved");
            browser.waitForText("#brand", "Demo Help Desk");

            Path logo = Files.createTempFile("logo", ".png");
            Files.write(logo, tinyPng());
            browser.find("input[type=file][id^='logo-form:logo']").sendKeys(logo.toString());
            browser.find("[id='logo-form:upload']").click();
            browser.find("#logo-preview");
            assertThat(browser.find("#brand img").getAttribute("src")).contains("/branding/logo");
            Path fake = Files.createTempFile("fake", ".png");
            Files.writeString(fake, "<svg onload=alert(1)></svg>");
            browser.find("input[type=file][id^='logo-form:logo']").sendKeys(fake.toString());
            browser.find("[id='logo-form:upload']").click();
            browser.waitForText("#settings-messages", "must be a PNG, JPEG, GIF or WebP image");
            browser.screenshot("admin-settings");

            browser.open("/agent/tickets?view=all");
            browser.waitForText("[id='queue:tickets_data']", "#HD-");

            browser.open("/admin/teams");
            browser.find("[id='teams:name']").sendKeys("Night shift");
            browser.driver.executeScript("PF(arguments[0]).checkAll()", widgetVarOf(browser, "teams:members"));
            browser.find("[id='teams:save']").click();
            browser.waitForText("[id='teams:list']", "Night shift");
            browser.waitForText("[id='teams:list']", "Alice Johnson");
            browser.find("[id='teams:name']").sendKeys("night SHIFT");
            browser.find("[id='teams:save']").click();
            browser.waitForText("[id='teams:messages']", "already a team named");

            browser.open("/admin/categories");
            browser.find("[id='categories:name']").sendKeys("Refunds");
            browser.choose("categories:parent", "Billing");
            browser.find("[id='categories:save']").click();
            browser.waitForText("[id='categories:messages']", "Category Refunds added");
            browser.waitForText("[id='categories:tree']", "Refunds");
            browser.screenshot("admin-categories");

            browser.open("/admin/canned-responses");
            browser.find("[id='canned:title']").sendKeys("Refund on its way");
            browser.find("[id='canned:shortcut']").sendKeys("thanks");
            browser.find("[id='canned:content']").sendKeys("Hi {{customer_name}}, your refund is on its way.");
            browser.find("[id='canned:save']").click();
            browser.waitForText("[id='canned:messages']", "already used");
            browser.find("[id='canned:shortcut']").clear();
            browser.find("[id='canned:shortcut']").sendKeys("refund");
            browser.find("[id='canned:save']").click();
            browser.waitForText("[id='canned:list']", "/refund");

            browser.open("/admin/tags");
            browser.driver.findElement(By.xpath("//tr[td[a[text()='standard']]]//button[contains(., 'Rename')]")).click();
            browser.find("[id='tags:new-name']").clear();
            browser.find("[id='tags:new-name']").sendKeys("regular");
            browser.find("[id='tags:rename']").click();
            browser.waitForText("[id='tags:messages']", "renamed to regular");
            assertThat(admin.get("/api/tickets?tag=regular").json().getJsonObject("pagination").getInt("total")).isPositive();
            assertThat(admin.get("/api/tickets?tag=standard").json().getJsonObject("pagination").getInt("total")).isZero();

            browser.open("/admin/settings");
            browser.find("[id='settings:prefix']").clear();
            browser.find("[id='settings:prefix']").sendKeys("#");
            browser.find("[id='settings:save']").click();
            browser.waitForText("#settings-messages", "Settings saved");
        }
    }

    @Test
    void anAdminSetsUpBusinessHoursAndAPolicyThatTicketsThenFollow() throws Exception {
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn("admin@demo.test", "demo-admin-pw");
            browser.find("#stat-open");
            browser.open("/admin/business-hours");
            browser.find("[id='hours:name']").sendKeys("Berlin office");
            browser.choose("hours:zone", "Europe/Berlin");
            browser.find("[id='hours:holidays']").sendKeys("2026-12-24 yearly Christmas Eve\n2026-12-31 New Year's Eve");
            browser.find("[id='hours:save']").click();
            browser.waitForText("[id='hours:list']", "Berlin office");
            assertThat(browser.find("[id='hours:list']").getText()).contains("Mon 09:00–17:00", "2 holidays");

            browser.open("/admin/sla");
            browser.waitForText("[id='sla:list']", "Standard");
            assertThat(browser.find("[id='sla:list']").getText()).as("seed 003's table").contains("Urgent 1 h / 4 h", "Low 1 d / 3 d");
            browser.find("[id='sla:first']").sendKeys("2");
            browser.find("[id='sla:resolution']").sendKeys("8");
            browser.find("[id='sla:save']").click();
            browser.waitForText("[id='sla:messages']", "Name is required");
            assertThat(browser.find("[id='sla:first']").getAttribute("value")).as("what was typed stays").isEqualTo("2.0");
            browser.find("[id='sla:name']").sendKeys("VIP customers");
            browser.find("[id='sla:business-hours']").click();
            browser.choose("sla:calendar", "Berlin office (Europe/Berlin)");
            browser.find("[id='sla:domains']").sendKeys("vip.test");
            browser.driver.findElement(By.cssSelector("#overrides tr:nth-child(4) input[id$='o-first']")).sendKeys("0.5");
            browser.find("[id='sla:save']").click();
            browser.waitForText("[id='sla:list']", "VIP customers");
            assertThat(browser.find("[id='sla:list']").getText()).contains("Urgent 30 min / 8 h", "Berlin office", "Requester domains: vip.test");
            browser.screenshot("admin-sla");

            JsonObject ticket = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "VIP: invoices missing")
                    .add("requester_email", "cfo@vip.test").add("priority", "urgent").build()).json();
            JsonObject policies = admin.get("/api/tickets/sla-policies").json();
            String vip = policies.getJsonArray("policies").getValuesAs(JsonObject.class).stream()
                    .filter(p -> p.getString("name").equals("VIP customers")).findFirst().orElseThrow().getString("id");
            assertThat(ticket.getJsonObject("sla").getString("policy_id")).isEqualTo(vip);
            assertThat(admin.get("/api/tickets/" + ticket.getString("id") + "/sla").json().getJsonObject("first_response")
                    .getJsonNumber("remaining_minutes").longValue()).as("30 working minutes").isBetween(29L, 30L);

            browser.open("/agent/tickets/" + ticket.getJsonNumber("number"));
            // (box titles are upper case on screen: the text itself is compared)
            browser.waitFor(d -> d.findElement(By.id("sla")).getAttribute("textContent").contains("SLA · VIP customers") ? true : null,
                    "the VIP policy named in the SLA box");
            browser.waitForText("#sla", "First response");
            assertThat(browser.find("#sla .rd-countdown").getText()).matches("in .+|.+ overdue");

            // bad API input changes nothing
            assertThat(admin.post("/api/business-calendars", "{\"name\":\"Nowhere\",\"time_zone\":\"Mars/Olympus\",\"week\":{\"monday\":"
                    + "[{\"start\":\"09:00\",\"end\":\"17:00\"}]}}").status()).isEqualTo(400);
            String berlin = admin.get("/api/business-calendars").json().getJsonArray("calendars").getJsonObject(0).getString("id");
            assertThat(admin.delete("/api/business-calendars/" + berlin).status()).as("used by the VIP policy").isEqualTo(409);
            assertThat(admin.delete("/api/tickets/sla-policies/" + vip).status()).isEqualTo(204);
        }
    }

    @Test
    void aSkillBasedTeamGivesTicketsToTheAgentWithTheSkillAndSaysWhy() throws Exception {
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn("admin@demo.test", "demo-admin-pw");
            browser.find("#stat-open");
            browser.open("/admin/users");
            browser.choose("routing:user", "Alice Johnson");
            browser.find("[id='routing:skills']").clear();
            browser.find("[id='routing:skills']").sendKeys("german:5, billing");
            browser.find("[id='routing:save']").click();
            browser.waitForText("[id='routing:profiles']", "billing 3, german 5");
            browser.find("[id='routing:skills']").sendKeys(", Klingon!:9");
            browser.find("[id='routing:save']").click();
            browser.waitForText("[id='routing:routing-messages']", "not a skill name");

            browser.open("/admin/teams");
            browser.find("[id='teams:name']").sendKeys("Routing desk");
            browser.find("[id='teams:members']").click();
            for (String member : java.util.List.of("Alice Johnson", "Bob Smith")) {
                browser.driver.findElement(By.xpath("//li[contains(@class,'ui-selectcheckboxmenu-item')][label[text()='" + member
                        + "']]//div[contains(@class,'ui-chkbox-box')]")).click();
            }
            browser.choose("teams:strategy", "Skill-based");
            browser.find("[id='teams:save']").click();
            browser.waitForText("[id='teams:list']", "Routing desk");
            assertThat(browser.find("[id='teams:list']").getText()).contains("Skill-based");
            String team = teamIdFromPage(browser, "Routing desk");

            long alicesOpen = admin.get("/api/tickets?assignee_id=" + userId("alice@demo.test")
                    + "&status=open,in_progress,waiting_on_customer,waiting_on_third_party,new").json().getJsonObject("pagination").getInt("total");
            JsonObject ticket = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Rechnung fehlt")
                    .add("requester_email", "kunde@beispiel.test").add("team_id", team)
                    .add("required_skills", Json.createArrayBuilder().add("German")).build()).json();
            assertThat(ticket.getJsonArray("required_skills").getString(0)).isEqualTo("german");
            assertThat(ticket.getString("assignee_name")).as("the only German speaker").isEqualTo("Alice Johnson");
            JsonObject routed = admin.get("/api/tickets/" + ticket.getString("id") + "/activities").json().getJsonArray("activities")
                    .getValuesAs(JsonObject.class).stream().filter(a -> a.getString("action").equals("auto_assigned")).findFirst().orElseThrow();
            assertThat(routed.getString("after")).contains("skills german", "Routing desk", "german 5")
                    .as("her open tickets as the queue counts them").contains(alicesOpen + " open");
            assertThat(routed.getString("actor_name")).isEqualTo("Routing");

            assertThat(admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Bad skills").add("requester_email", "x@beispiel.test")
                    .add("required_skills", Json.createArrayBuilder().add("two words")).build()).status()).isEqualTo(400);
        }
    }

    @Test
    void theSystemAdminFillsInAPluginsOwnSettings() throws Exception {
        java.nio.file.Path events = java.nio.file.Files.createTempFile("settings-events", ".log");
        assertThat(admin.post("/api/plugins", ExamplePlugins.inboundExample(events, relaydesk.baseUrl()), "application/java-archive").status()).isEqualTo(201);
        admin.put("/api/plugins/inbound-example", "{\"enabled\":true}");
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn("admin@demo.test", "demo-admin-pw");
            browser.find("#stat-open");
            browser.open("/admin/plugins");
            browser.click("[id='plugins:list'] .rd-settings");
            browser.waitForText("[id='plugin-settings:settings'] legend", "Settings of inbound-example");
            browser.find("[id='plugin-settings:settings'] [data-field='greeting'] input").sendKeys("good day");
            browser.find("[id='plugin-settings:settings'] [data-field='token'] input").sendKeys("panel-secret");
            browser.screenshot("admin-plugin-settings");
            browser.click("[id='plugin-settings:save-settings']");
            browser.waitForText("[id='plugin-settings:settings-messages']", "Settings of inbound-example saved");
            JsonObject saved = admin.get("/api/plugins/inbound-example/settings").json();
            assertThat(saved.getJsonObject("values").getString("greeting")).isEqualTo("good day");
            assertThat(saved.getJsonArray("secrets_set").toString()).contains("token");
            browser.click("[id='plugins:list'] .rd-settings");
            browser.waitForText("[id='plugin-settings:settings'] [data-field='token']", "set; leave empty to keep it");
            // another setting changes only with the secret typed again; without it the form says so and nothing changes
            var greeting = browser.find("[id='plugin-settings:settings'] [data-field='greeting'] input");
            greeting.clear();
            greeting.sendKeys("good night");
            browser.click("[id='plugin-settings:save-settings']");
            browser.waitForText("[id='plugin-settings:settings-messages']", "must be entered again");
            assertThat(admin.get("/api/plugins/inbound-example/settings").json().getJsonObject("values").getString("greeting")).isEqualTo("good day");
        } finally {
            admin.delete("/api/plugins/inbound-example");
            java.nio.file.Files.deleteIfExists(events);
        }
    }

    @Test
    void theSystemAdminUploadsEnablesAndRemovesAPluginInThePanel() throws Exception {
        java.nio.file.Path jar = java.nio.file.Files.createTempFile("action-example-", ".jar");
        java.nio.file.Files.write(jar, ExamplePlugins.actionExample());
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn("admin@demo.test", "demo-admin-pw");
            browser.find("#stat-open");
            browser.open("/admin/plugins");
            // the plugins that ship with Relaydesk are there, off until the system admin enables them
            browser.waitForText("[id='plugins:list']", "channel-email");
            browser.waitForText("[id='plugins:list']", "channel-webform");
            browser.waitForText("[id='plugins:list']", "channel-whatsapp");
            browser.waitForText("[id='plugins:list']", "ai-assist");
            browser.driver.findElement(By.cssSelector("input[type=file][id='plugins:upload_input']")).sendKeys(jar.toString());
            browser.waitForText("[id='plugins:messages']", "Plugin action-example 1.0.0 installed; enable it to use it");
            browser.waitForText("[id='plugins:list']", "Example workflow actions");
            assertThat(browser.find("[id='plugins:list'] [data-health]").getAttribute("data-health")).isEqualTo("disabled");

            browser.click("[id='plugins:list'] .rd-enable");
            browser.waitForText("[id='plugins:messages']", "Plugin action-example enabled");
            browser.waitFor(d -> "ok".equals(d.findElement(By.cssSelector("[id='plugins:list'] [data-health]")).getAttribute("data-health")) ? true : null,
                    "the plugin working");
            browser.waitForText("[id='plugins:list']", "example.shout");
            assertThat(admin.get("/api/workflows/catalogue").body()).contains("example.shout");
            browser.screenshot("admin-plugins");

            browser.click("[id='plugins:list'] .rd-remove");
            browser.click("#confirm-yes");
            browser.waitForText("[id='plugins:messages']", "Plugin action-example removed");
            browser.waitFor(d -> d.findElement(By.id("plugins:list")).getText().contains("action-example") ? null : true, "the plugin gone from the list");
            assertThat(admin.get("/api/plugins").json().getJsonArray("plugins").getValuesAs(JsonObject.class)).extracting(p -> p.getString("id"))
                    .containsExactly("ai-assist", "channel-email", "channel-webform", "channel-whatsapp");
        } finally {
            java.nio.file.Files.deleteIfExists(jar);
        }
    }

    @Test
    void anAdminSetsUpAChannelInTheFormItsPluginDeclaresAndRetriesAMessageItSetAside() throws Exception {
        java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("panel-drop");
        assertThat(admin.post("/api/plugins", ExamplePlugins.channelFolder(), "application/java-archive").status()).isEqualTo(201);
        admin.put("/api/plugins/channel-folder", Json.createObjectBuilder().add("enabled", true).build());
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn("admin@demo.test", "demo-admin-pw");
            browser.find("#stat-open");
            browser.open("/admin/channels");
            browser.waitForText("[id='channels:list']", "No channels yet");
            browser.find("[id='channels:name']").sendKeys("Scanner inbox");
            browser.find("[data-field='folder.path'] input").sendKeys(folder.toString());
            browser.find("[data-field='access.token'] input[type=password]").sendKeys("s3cret-token");
            assertThat(browser.find("[data-field='access.token']").getText()).contains("not set");
            browser.click("[id='channels:save']");
            browser.waitForText("[id='channels:messages']", "Channel Scanner inbox added");
            browser.waitForText("[id='channels:list']", "Drop folder (example)");

            JsonObject account = admin.get("/api/channel-accounts").json().getJsonArray("accounts").getJsonObject(0);
            assertThat(account.getJsonObject("config").getString("folder.path")).isEqualTo(folder.toString());
            assertThat(account.getJsonArray("secrets_set").toString()).contains("access.token");

            // editing shows that the secret is set without showing it, and saving without typing it keeps it
            browser.click("[id='channels:list'] .rd-edit");
            browser.waitFor(d -> d.findElement(By.cssSelector("[data-field='access.token']")).getText().contains("set; leave empty to keep it") ? true : null,
                    "the secret shown as set");
            assertThat(browser.find("[data-field='access.token'] input[type=password]").getAttribute("value")).isEmpty();
            browser.click("[id='channels:save']");
            browser.waitForText("[id='channels:messages']", "Channel Scanner inbox saved");
            // where the channel reads from changes only with the secret typed again; without it the form says so and nothing changes
            browser.click("[id='channels:list'] .rd-edit");
            browser.waitFor(d -> d.findElement(By.cssSelector("[data-field='access.token']")).getText().contains("enter it again") ? true : null,
                    "the secret's hint");
            var path = browser.find("[data-field='folder.path'] input");
            path.clear();
            path.sendKeys(folder.resolve("elsewhere").toString());
            browser.click("[id='channels:save']");
            browser.waitForText("[id='channels:messages']", "must be entered again");
            assertThat(admin.get("/api/channel-accounts").json().getJsonArray("accounts").getJsonObject(0).getJsonObject("config").getString("folder.path"))
                    .isEqualTo(folder.toString());
            java.nio.file.Files.writeString(folder.resolve("1.msg"), "Id: <no-sender@panel.test>\nSubject: ?\n\n?");
            browser.waitFor(d -> {
                browser.open("/admin/channels");
                return "ok".equals(d.findElement(By.cssSelector("[id='channels:list'] [data-status]")).getAttribute("data-status")) ? true : null;
            }, "the channel working with the kept secret");

            browser.click("[id='channels:list'] .rd-set-aside");
            browser.waitFor(d -> {
                if (!d.findElements(By.cssSelector("[id='channels:aside']")).isEmpty()
                        && d.findElement(By.cssSelector("[id='channels:aside']")).getText().contains("no From line")) {
                    return true;
                }
                browser.click("[id='channels:list'] .rd-set-aside"); // the worker may not have read it yet
                return null;
            }, "the unreadable message set aside");
            browser.screenshot("admin-channels");
            browser.click("[id='channels:aside'] .rd-retry");
            browser.waitForText("[id='channels:messages']", "Message <no-sender@panel.test> queued again");

            // a reply on a ticket from the channel shows how it fared on its way out (this account has no folder for replies)
            java.nio.file.Files.writeString(folder.resolve("2.msg"), "Id: <jam@panel.test>\nFrom: fred@panel.test\nSubject: Paper jam on floor 3\n\nJammed.");
            String ticketId = null;
            for (long deadline = System.nanoTime() + 30_000_000_000L; ticketId == null && System.nanoTime() < deadline; ) {
                // the account's own record of what it filed names the ticket (a search could find other tickets)
                ticketId = admin.get("/api/channel-accounts/" + account.getString("id") + "/messages?status=done").json().getJsonArray("messages")
                        .stream().map(JsonObject.class::cast).filter(m -> m.getString("external_id").equals("<jam@panel.test>"))
                        .map(m -> m.getString("ticket_id")).findFirst().orElse(null);
                if (ticketId == null) {
                    Thread.sleep(200); // polling the API until the worker filed it
                }
            }
            assertThat(ticketId).as("the ticket from the channel").isNotNull();
            admin.post("/api/tickets/" + ticketId + "/comments", Json.createObjectBuilder().add("body", "On our way.").build());
            long number = admin.get("/api/tickets/" + ticketId).json().getJsonNumber("number").longValue();
            browser.waitFor(d -> {
                browser.open("/agent/tickets/" + number);
                return d.findElements(By.cssSelector(".rd-delivery")).stream().anyMatch(e -> e.getText().contains("Not sent yet through Scanner inbox")
                        && e.getText().contains("no folder for replies is set")) ? true : null;
            }, "the failed attempt shown on the reply");
            assertThat(admin.delete("/api/channel-accounts/" + account.getString("id")).status()).isEqualTo(204);
        } finally {
            admin.delete("/api/plugins/channel-folder");
        }
    }

    @Test
    void anAdminBuildsARuleInTheBuilderAndItActsOnNewTickets() throws Exception {
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn("admin@demo.test", "demo-admin-pw");
            browser.find("#stat-open");
            browser.open("/admin/workflows");
            browser.click("#new-rule");
            browser.find("[id='rule:name']").sendKeys("Printers to hardware");
            browser.choose("rule:trigger", "Ticket created");
            browser.click("[id='rule:add-condition']");
            browser.find("[id='rule:conditions'] .rd-builder-row input[id$=':value']").sendKeys("printer");
            browser.find("[id='rule:steps'] .rd-builder-row input[id$=':arg-text']").sendKeys("hardware");
            browser.click("[id='rule:add-step']");
            browser.waitFor(d -> d.findElements(By.cssSelector("[id='rule:steps'] .rd-builder-row")).size() == 2 ? true : null, "a second action");
            String second = browser.find("[id='rule:steps'] .rd-builder-row:nth-child(2) .ui-selectonemenu").getAttribute("id");
            browser.choose(second, "Set priority");
            browser.waitFor(d -> d.findElements(By.cssSelector("[id='rule:steps'] .rd-builder-row:nth-child(2) [id$=':arg-priority']")).isEmpty() ? null : true,
                    "the priority picker of the new action");
            String priority = browser.find("[id='rule:steps'] .rd-builder-row:nth-child(2) [id$=':arg-priority']").getAttribute("id");
            browser.choose(priority, "Urgent");
            browser.click("[id='rule:steps'] .rd-builder-row:nth-child(2) .rd-step-up");
            browser.waitFor(d -> d.findElement(By.cssSelector("[id='rule:steps'] .rd-builder-row:nth-child(1)")).getText().contains("Set priority") ? true : null,
                    "set priority moved first");
            // and back by dragging the second action onto the first
            browser.dragOnto("[id='rule:steps'] .rd-builder-row:nth-child(2)", "[id='rule:steps'] .rd-builder-row:nth-child(1)");
            browser.waitFor(d -> d.findElement(By.cssSelector("[id='rule:steps'] .rd-builder-row:nth-child(1)")).getText().contains("Add tag") ? true : null,
                    "add tag dragged first");
            browser.screenshot("admin-workflow");
            browser.click("[id='rule:save']");
            browser.waitForText("[id='rule:messages']", "Rule Printers to hardware saved");
            assertThat(browser.driver.getCurrentUrl()).matches(".*/admin/workflows/[0-9a-f-]{36}$");

            JsonObject rule = admin.get("/api/workflows").json().getJsonArray("workflows").getValuesAs(JsonObject.class).stream()
                    .filter(r -> r.getString("name").equals("Printers to hardware")).findFirst().orElseThrow();
            assertThat(rule.getJsonArray("actions").getValuesAs(JsonObject.class)).extracting(a -> a.getString("action")).as("the order of the builder")
                    .containsExactly("add_tag", "set_priority");
            assertThat(rule.getJsonArray("actions").getJsonObject(1).getJsonObject("arguments").getString("priority")).isEqualTo("urgent");

            JsonObject ticket = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Printer jammed again")
                    .add("requester_email", "office@printers.test").build()).json();
            JsonObject after = admin.get("/api/tickets/" + ticket.getString("id")).json();
            assertThat(after.getString("priority")).isEqualTo("urgent");
            assertThat(after.getJsonArray("tags").toString()).contains("hardware");

            browser.find("[id='rule:test-number']").sendKeys(String.valueOf(ticket.getJsonNumber("number").longValue()));
            browser.click("[id='rule:test']");
            browser.waitForText("[id='rule:test-result']", "holds: subject contains printer");
            browser.open("/admin/workflows");
            browser.waitForText("[id='workflows:list']", "Printers to hardware");
            assertThat(admin.delete("/api/workflows/" + rule.getString("id")).status()).isEqualTo(204);
        }
    }

    @Test
    void aSupervisorSeesTheirOwnTeamsUnlessTheyChooseOthers() throws Exception {
        try (Browser carol = new Browser(relaydesk.baseUrl())) {
            carol.signIn("carol@demo.test", "demo-password-1");
            carol.waitFor(d -> d.getCurrentUrl().endsWith("/supervisor/dashboard") ? true : null, "the supervisor's dashboard");
            carol.waitForText("#scope-label", "My teams");
            carol.waitForText("[id='load']", "Carol Davis");

            // Carol is the only billing specialist: that team's load is hers alone
            carol.choose("scope:team", "Billing specialists");
            carol.waitForText("#scope-label", "Billing specialists");
            carol.waitForText("[id='load']", "Carol Davis");
            assertThat(carol.find("[id='load']").getText()).doesNotContain("Alice Johnson", "Bob Smith");

            carol.choose("scope:team", "First line");
            carol.waitForText("#scope-label", "First line");
            carol.waitForText("[id='load']", "Alice Johnson");
            assertThat(carol.find("[id='load']").getText()).contains("Bob Smith").doesNotContain("Carol Davis");
            carol.open("/supervisor/escalations");
            carol.waitForText("#content", "First line");

            carol.open("/supervisor/dashboard");
            carol.choose("scope:team", "All teams");
            carol.waitForText("#scope-label", "All teams");
            carol.waitForText("[id='load']", "Carol Davis");
            assertThat(carol.find("[id='load']").getText()).contains("Alice Johnson", "Bob Smith");
        }
    }

    @Test
    void aSupervisorMovesAnAgentsTicketsAndAgentsKeepTheirOwnSettings() throws Exception {
        String bob = userId("bob@demo.test");
        long bobsOpen = admin.get("/api/tickets?assignee_id=" + bob + "&status=open,in_progress,waiting_on_customer,waiting_on_third_party,new")
                .json().getJsonObject("pagination").getInt("total");
        assertThat(bobsOpen).as("the demo gives Bob work").isPositive();
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn("bob@demo.test", "demo-password-1");
            browser.waitForText("#queue-title", "My tickets");
            assertThat(browser.driver.findElements(By.id("area-admin"))).as("no admin link for agents").isEmpty();
            browser.open("/supervisor/dashboard");
            browser.waitFor(d -> d.getPageSource().contains("not allowed") ? true : null, "agents get 403 on supervisor pages");

            browser.open("/agent/settings");
            browser.choose("profile:availability", "Away");
            browser.find("[id='profile:save']").click();
            browser.waitForText("[id='profile:messages']", "Profile saved");
            browser.find("[id='password:current_input'], [id='password:current']").sendKeys("wrong-password-9");
            browser.find("[id='password:new_input'], [id='password:new']").sendKeys("bob-new-password-1");
            browser.find("[id='password:repeat_input'], [id='password:repeat']").sendKeys("bob-new-password-1");
            browser.find("[id='password:change']").click();
            browser.waitForText("[id='password:password-messages']", "Current password is not your current password");

            browser.open("/agent/dashboard");
            browser.waitForText("#content", "My open tickets");
            browser.screenshot("agent-dashboard");

            browser.open("/agent/tickets/search?q=invoice");
            browser.find("#hits mark");
            assertThat(browser.find("#hits mark").getText().toLowerCase()).startsWith("invoice");
            browser.screenshot("agent-search");
        }
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn("admin@demo.test", "demo-admin-pw");
            browser.find("#stat-open");
            browser.open("/supervisor/agents");
            browser.waitFor(d -> d.findElement(By.xpath("//tr[td[contains(., 'bob@demo.test')]]")).getText().contains("Away") ? true : null,
                    "Bob shows as away");
            browser.open("/supervisor/assignments?from=" + bob);
            browser.find("[id='reassign:tickets_data'] .rd-subject-link");
            browser.click("[id='reassign:tickets'] thead .ui-chkbox-box");
            browser.choose("reassign:to", "Alice Johnson");
            browser.find("[id='reassign:move']").click();
            browser.waitForText("[id='reassign:messages']", "reassigned");
            browser.waitForText("[id='reassign:tickets']", "No unresolved tickets here.");
            browser.screenshot("supervisor-reassign");
        }
        long left = admin.get("/api/tickets?assignee_id=" + bob + "&status=open,in_progress,waiting_on_customer,waiting_on_third_party,new")
                .json().getJsonObject("pagination").getInt("total");
        assertThat(left).isZero();
    }

    private static String widgetVarOf(Browser browser, String clientId) {
        return (String) browser.driver.executeScript(
                "for (var k in PrimeFaces.widgets) { if (PrimeFaces.widgets[k].id === arguments[0]) return k; } return null;", clientId);
    }

    /** A valid 1×1 PNG made here, so the test ships no binary. */
    private static byte[] tinyPng() throws Exception {
        var image = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void restrictedToTeamsAnAgentSeesOnlyTheirTeamsTickets() throws Exception {
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn("admin@demo.test", "demo-admin-pw");
            browser.find("#stat-open");
            browser.open("/admin/teams");
            browser.find("[id='teams:name']").sendKeys("Vault");
            browser.find("[id='teams:members']").click();
            browser.driver.findElement(By.xpath("//li[contains(@class,'ui-selectcheckboxmenu-item')][label[text()='Alice Johnson']]//div[contains(@class,'ui-chkbox-box')]")).click();
            browser.find("[id='teams:save']").click();
            browser.waitForText("[id='teams:list']", "Vault");
            String vault = teamIdFromPage(browser, "Vault");

            String secret = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Vault: payroll question")
                    .add("requester_email", "hr@customer.test").add("team_id", vault).build()).json().getString("id");
            String open = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Vault-free: printer")
                    .add("requester_email", "hr@customer.test").build()).json().getString("id");
            Api bob = admin.as(Api.login(relaydesk.baseUrl(), "bob@demo.test", "demo-password-1"));
            Api alice = admin.as(Api.login(relaydesk.baseUrl(), "alice@demo.test", "demo-password-1"));
            assertThat(bob.get("/api/tickets/" + secret).status()).as("unrestricted: everyone sees everything").isEqualTo(200);

            browser.open("/admin/settings");
            browser.find("[id='settings:restrict']").click();
            browser.find("[id='settings:save']").click();
            browser.waitForText("#settings-messages", "Settings saved");
            try {
                assertThat(bob.get("/api/tickets/" + secret).status()).as("Bob is not in Vault").isEqualTo(404);
                assertThat(bob.get("/api/tickets?q=Vault").body()).doesNotContain("payroll").contains("Vault-free");
                assertThat(bob.get("/api/tickets/" + open).status()).as("tickets without a team stay visible").isEqualTo(200);
                assertThat(alice.get("/api/tickets/" + secret).status()).as("Alice is in Vault").isEqualTo(200);
                assertThat(admin.get("/api/tickets/" + secret).status()).as("admins see everything").isEqualTo(200);

                // insights speak only of what a restricted supervisor may open: Carol is in no team
                Api.Reply policy = admin.post("/api/tickets/sla-policies", "{\"name\":\"Vault minutes\",\"first_response_hours\":0.1,"
                        + "\"resolution_hours\":24,\"conditions\":{\"requester_domains\":[\"vault-sla.test\"]}}");
                assertThat(policy.status()).as(policy.body()).isEqualTo(201);
                try {
                    JsonObject hiddenSoon = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Vault: bonus letters")
                            .add("requester_email", "cfo@vault-sla.test").add("team_id", vault).build()).json();
                    JsonObject seenSoon = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Vault-free: badge printer")
                            .add("requester_email", "desk@vault-sla.test").build()).json();
                    Api carol = admin.as(Api.login(relaydesk.baseUrl(), "carol@demo.test", "demo-password-1"));
                    String adminsView = admin.get("/api/insights").body();
                    assertThat(adminsView).as("the admin is told of both").contains("breach:" + hiddenSoon.getString("id"))
                            .contains("breach:" + seenSoon.getString("id"));
                    String carolsView = carol.get("/api/insights").body();
                    assertThat(carolsView).contains("breach:" + seenSoon.getString("id")).doesNotContain(hiddenSoon.getString("id"))
                            .doesNotContain("#" + hiddenSoon.getInt("number") + " ").doesNotContain("bonus letters");
                    String action = "priority:" + hiddenSoon.getString("id") + ":high";
                    Api.Reply refused = carol.post("/api/insights/actions", Json.createObjectBuilder().add("action", action).build());
                    assertThat(refused.status()).as("a forged button for a ticket she may not open: " + refused.body()).isEqualTo(404);
                    assertThat(admin.get("/api/tickets/" + hiddenSoon.getString("id")).json().getString("priority")).isNotEqualTo("high");
                } finally {
                    assertThat(admin.delete("/api/tickets/sla-policies/" + policy.json().getString("id")).status()).isEqualTo(204);
                }

                // live updates too: Bob's open panel never hears of a Vault ticket, not even its number
                try (Browser bobsPanel = new Browser(relaydesk.baseUrl())) {
                    bobsPanel.signIn("bob@demo.test", "demo-password-1");
                    bobsPanel.waitForText("#queue-title", "My tickets");
                    bobsPanel.waitForLive();
                    bobsPanel.driver.executeScript("window.rdHeard = [];"
                            + "document.addEventListener('relaydesk:ticket', function (e) { window.rdHeard.push(e.detail.ticket); });");
                    String hidden = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Vault: salary review")
                            .add("requester_email", "hr@customer.test").add("team_id", vault).build()).json().getString("id");
                    String visible = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Vault-free: stapler")
                            .add("requester_email", "hr@customer.test").build()).json().getString("id");
                    // changes reach a page in the order they were made, so once the second is there the first would be too
                    java.util.function.Supplier<java.util.List<String>> heard = () -> ((java.util.List<?>) bobsPanel.driver
                            .executeScript("return window.rdHeard;")).stream().map(String::valueOf).toList();
                    bobsPanel.waitFor(d -> heard.get().contains(visible) ? true : null, "Bob hears of the ticket he may see");
                    assertThat(heard.get()).doesNotContain(hidden);
                }
            } finally {
                browser.open("/admin/settings");
                browser.find("[id='settings:restrict']").click();
                browser.find("[id='settings:save']").click();
                browser.waitForText("#settings-messages", "Settings saved");
            }
            assertThat(bob.get("/api/tickets/" + secret).status()).isEqualTo(200);
        }
    }

    @Test
    void anInsightsButtonActsOnItsOwnTicketEvenWhenTheListChangedSinceThePageWasDrawn() throws Exception {
        String six = admin.post("/api/tickets/sla-policies", "{\"name\":\"Button minutes\",\"first_response_hours\":0.1,\"resolution_hours\":24,"
                + "\"conditions\":{\"requester_domains\":[\"button-sla.test\"]}}").json().getString("id");
        String three = admin.post("/api/tickets/sla-policies", "{\"name\":\"Sooner minutes\",\"first_response_hours\":0.05,\"resolution_hours\":24,"
                + "\"conditions\":{\"requester_domains\":[\"sooner-sla.test\"]}}").json().getString("id");
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            JsonObject first = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Button: invoice missing")
                    .add("requester_email", "ann@button-sla.test").add("priority", "low").build()).json();
            browser.signIn("admin@demo.test", "demo-admin-pw");
            browser.find("#stat-open");
            browser.open("/supervisor/dashboard");
            String card = "//div[contains(@class,'rd-insight')][strong[contains(text(),'#" + first.getInt("number") + " is about')]]";
            WebElement raise = browser.waitFor(d -> d.findElements(By.xpath(card + "//button[normalize-space()='Raise priority to High']")).stream()
                    .findFirst().orElse(null), "the insight's button");
            browser.screenshot("supervisor-insights");

            // meanwhile a ticket due sooner comes first in the list: the button drawn before still means the first ticket
            JsonObject sooner = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Button: sooner")
                    .add("requester_email", "bo@sooner-sla.test").add("priority", "low").build()).json();
            raise.click();
            browser.waitForText("[id='insights']", "Raised #" + first.getInt("number") + " to High");
            assertThat(admin.get("/api/tickets/" + first.getString("id")).json().getString("priority")).isEqualTo("high");
            assertThat(admin.get("/api/tickets/" + sooner.getString("id")).json().getString("priority")).isEqualTo("low");
            String me = admin.get("/api/auth/me").json().getString("name");
            browser.waitForText("[id='insights']", "Raised #" + first.getInt("number") + " to High (" + me + ")");
            assertThat(browser.driver.findElements(By.xpath(card + "//button[normalize-space()='Raise priority to High']")))
                    .as("now High, the first ticket's insight no longer offers to raise it").isEmpty();
            assertThat(browser.driver.findElements(By.xpath("//div[contains(@class,'rd-insight')][strong[contains(text(),'#" + sooner.getInt("number")
                    + " is about')]]//button[normalize-space()='Raise priority to High']"))).as("the sooner one still does").hasSize(1);
        } finally {
            admin.delete("/api/tickets/sla-policies/" + six);
            admin.delete("/api/tickets/sla-policies/" + three);
        }
    }

    /** The team's id, as the ticket page's team menu knows it. */
    private static String teamIdFromPage(Browser browser, String name) throws Exception {
        String anyTicket = admin.get("/api/tickets?limit=1").json().getJsonArray("tickets").getJsonObject(0).getJsonNumber("number").toString();
        browser.open("/agent/tickets/" + anyTicket);
        return browser.waitFor(d -> d.findElements(By.cssSelector("[id='ticket:team_input'] option")).stream()
                .filter(o -> o.getAttribute("textContent").equals(name)).map(o -> o.getAttribute("value")).findFirst().orElse(null), "team " + name);
    }

    @Test
    void customFieldsAppearOnTheFormsAndKeepTheirTypes() throws Exception {
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn("admin@demo.test", "demo-admin-pw");
            browser.find("#stat-open");
            browser.open("/admin/custom-fields");
            browser.find("[id='fields:label']").sendKeys("Plan");
            browser.choose("fields:type", "Choice from a list");
            browser.find("[id='fields:save']").click();
            browser.waitForText("[id='fields:messages']", "a list field needs at least one choice");
            browser.find("[id='fields:options']").sendKeys("Gold\nSilver");
            browser.find("[id='fields:required']").click();
            browser.find("[id='fields:save']").click();
            browser.waitForText("[id='fields:list']", "plan");
            browser.find("[id='fields:label']").sendKeys("Seats");
            browser.choose("fields:type", "Number");
            browser.find("[id='fields:save']").click();
            browser.waitForText("[id='fields:list']", "seats");
            browser.screenshot("admin-custom-fields");

            browser.open("/agent/tickets/new");
            browser.find("[id='new-ticket:requester-email_input']").sendKeys("fields@customer.test");
            browser.find("[id='new-ticket:subject']").sendKeys("Fields: upgrade to more seats");
            browser.find("[data-field='seats'] input").sendKeys("12");
            browser.find("[id='new-ticket:create']").click();
            browser.waitForText("[id='new-ticket:messages']", "Plan is required");
            assertThat(browser.find("[data-field='seats'] input").getAttribute("value")).isEqualTo("12");
            String planMenu = browser.find("[data-field='plan'] .ui-selectonemenu").getAttribute("id");
            browser.choose(planMenu, "Gold");
            browser.find("[id='new-ticket:create']").click();
            browser.waitForText("#subject", "Fields: upgrade to more seats");
            long number = Long.parseLong(browser.find("#ticket-number").getText().replaceAll("\\D", ""));
            JsonObject stored = ticketByNumber(number).getJsonObject("custom_fields");
            assertThat(stored.getString("plan")).isEqualTo("Gold");
            assertThat(stored.getJsonNumber("seats").intValue()).isEqualTo(12);

            browser.find("[id='ticket:custom-fields'] [data-field='seats'] input").clear();
            browser.find("[id='ticket:custom-fields'] [data-field='seats'] input").sendKeys("15");
            browser.find("[id='ticket:save-fields']").click();
            browser.waitForText("[id='ticket:messages']", "Fields saved");
            assertThat(ticketByNumber(number).getJsonObject("custom_fields").getJsonNumber("seats").intValue()).isEqualTo(15);

            // the fields go again, so other tests' forms do not ask for them
            browser.open("/admin/custom-fields");
            for (String label : new String[] {"Plan", "Seats"}) {
                browser.driver.findElement(By.xpath("//tr[td[strong[text()='" + label + "']]]//button[contains(., 'Delete')]")).click();
                browser.find("#confirm-yes").click();
                browser.waitForText("[id='fields:messages']", "Field " + label + " deleted");
            }
        }
    }

    private static JsonObject ticketByNumber(long number) throws Exception {
        return admin.get("/api/tickets?q=%23" + number).json().getJsonArray("tickets").getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getJsonNumber("number").longValue() == number).findFirst().orElseThrow();
    }
}
