package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * What must be refused, tried from outside as an attacker would: an agent's session against every
 * admin and supervisor page through odd paths and direct Faces posts, a workspace admin against the
 * system administrator, credentials that should have ended, tokens beyond their scopes, and a
 * password guesser trying to keep the administrator out. On the desk the attacking classes share
 * ({@link RelaydeskProcess#guardedDesk()}).
 */
class AccessControlIT {
    private static RelaydeskProcess relaydesk;
    private static Api admin;

    private static final List<String> ADMIN_PAGES = List.of("/admin/dashboard", "/admin/users", "/admin/users/roles", "/admin/teams",
            "/admin/departments", "/admin/tickets", "/admin/categories", "/admin/tags", "/admin/canned-responses", "/admin/settings",
            "/admin/workspaces", "/admin/sla", "/admin/business-hours", "/admin/workflows", "/admin/workflows/new", "/admin/channels",
            "/admin/plugins", "/admin/custom-fields", "/admin/users.xhtml", "/admin/settings.xhtml", "/admin/kb", "/admin/kb/article",
            "/admin/csat", "/admin/notifications", "/admin/webhooks", "/admin/whatsapp", "/admin/whatsapp/config", "/admin/whatsapp/logs", "/admin/whatsapp/numbers",
            "/admin/whatsapp/templates", "/admin/tickets/analytics", "/admin/ticket-analytics.xhtml", "/admin/reports", "/admin/graphql", "/admin/health", "/admin/settings/security", "/admin/audit", "/admin/audit/export", "/admin/privacy", "/admin/privacy/export", "/admin/retention");
    private static final List<String> SUPERVISOR_PAGES = List.of("/supervisor/dashboard", "/supervisor/tickets", "/supervisor/assignments",
            "/supervisor/escalations", "/supervisor/agents", "/supervisor/reports");

    @BeforeAll
    static void start() throws Exception {
        // behind a proxy (as install.sh sets up), so the tests can speak from several client addresses
        relaydesk = RelaydeskProcess.guardedDesk();
        admin = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD));
    }

    /** An HTTP/1.1 exchange with the path exactly as written: no client library tidies it first. */
    record Raw(int status, String head, String body) {
    }

    private static Raw raw(String method, String path, String cookie, String form) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", relaydesk.port)) {
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + relaydesk.port
                    + "\r\nConnection: close\r\nAccept: text/html\r\n");
            if (cookie != null) {
                request.append("Cookie: RELAYDESK_SESSION=").append(cookie).append("\r\n");
            }
            byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
            if (form != null) {
                request.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ").append(body.length).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            String text = answer.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            return new Raw(Integer.parseInt(head.substring(9, 12)), head, split < 0 ? "" : text.substring(split + 4));
        }
    }

    /** Where an odd path finally led: the container answers some with a redirect to a tidied path. */
    record Outcome(String path, Raw answer) {
        /** Refused, or sent somewhere an agent may go (the container strips ";..." and redirects to "/" or the area's root). */
        boolean refusedOrHarmless() {
            int status = answer.status();
            return status == 400 || status == 403 || status == 404
                    || status == 200 && (path.startsWith("/agent/") || path.equals("/login"));
        }
    }

    private static Outcome follow(String method, String path, String cookie, String form) throws Exception {
        String current = path;
        Raw answer = raw(method, current, cookie, form);
        for (int hops = 0; hops < 5 && answer.status() / 100 == 3; hops++) {
            java.util.regex.Matcher location = java.util.regex.Pattern.compile("(?im)^Location:\\s*(?:https?://[^/]+)?(\\S+)").matcher(answer.head());
            if (!location.find()) {
                break;
            }
            current = location.group(1);
            answer = raw("GET", current, cookie, null);
        }
        return new Outcome(current, answer);
    }

    private static String sessionOf(Browser browser) {
        return browser.driver.manage().getCookieNamed("RELAYDESK_SESSION").getValue();
    }

    /** Ways of writing a path that the container serves as that path (or refuses), each tried as is. */
    private static List<String> disguises(String page) {
        String rest = page.substring(1);
        return List.of(page, "/agent/%2e%2e/" + rest, "/agent/%2E%2E/" + rest, "/agent/../" + rest, "/agent/.%2e/" + rest, "/" + page,
                "/agent/tickets/../../" + rest, page.replaceFirst("/", "/./"), "/agent/..;/" + rest, page + ";x=1",
                "/agent%2f..%2f" + rest, "/agent/%252e%252e/" + rest, "/agent\\..\\" + rest, "/%61" + rest.substring(1));
    }

    @Test
    void anAgentReachesNoAdminOrSupervisorPageWhateverThePath() throws Exception {
        try (Browser alice = new Browser(relaydesk.baseUrl())) {
            alice.signIn("alice@demo.test", "demo-password-1");
            alice.waitFor(d -> d.getCurrentUrl().contains("/agent/tickets") ? true : null, "alice lands in her queue");
            String cookie = sessionOf(alice);
            assertThat(raw("GET", "/agent/tickets", cookie, null).status()).as("her own queue").isEqualTo(200);
            List<String> served = new ArrayList<>();
            for (String page : concat(ADMIN_PAGES, SUPERVISOR_PAGES)) {
                for (String path : disguises(page)) {
                    Outcome outcome = follow("GET", path, cookie, null);
                    if (!outcome.refusedOrHarmless()) {
                        served.add(path + " -> " + outcome.path() + " " + outcome.answer().status());
                    }
                    assertThat(outcome.answer().body()).as(path).doesNotContain("Invite a member of staff", "Ticket number prefix", "Oldest unassigned",
                            "Choose whose tickets to move", "New workspace", "Urgent and critical", "Outbox (replies, notices, webhooks)",
                            "Check the chain", "Require it for agents", "seq,occurred_at");
                }
            }
            assertThat(served).isEmpty();
            // the same session still works: refusing a path did not sign her out
            assertThat(raw("GET", "/agent/tickets", cookie, null).status()).isEqualTo(200);
        }
    }

    /** A workspace's admin runs one help desk: the installation's health and workspaces are the system administrator's. */
    @Test
    void aWorkspaceAdminSeesNeitherTheInstallationsHealthNorItsWorkspaces() throws Exception {
        assertThat(admin.post("/api/workspaces", "{\"name\":\"Health Check Ltd\",\"slug\":\"health-check\",\"admin\":{\"email\":"
                + "\"admin@health-check.test\",\"name\":\"Workspace Admin\",\"password\":\"workspace-admin-pw\"}}").status()).isEqualTo(201);
        try (Browser other = new Browser(relaydesk.baseUrl())) {
            other.signIn("admin@health-check.test", "workspace-admin-pw");
            other.waitFor(d -> d.getCurrentUrl().endsWith("/admin/dashboard") ? true : null, "a workspace admin lands on the dashboard");
            assertThat(other.driver.getPageSource()).as("no link to what is not theirs").doesNotContain("href=\"/admin/health\"");
            String cookie = sessionOf(other);
            for (String page : List.of("/admin/health", "/admin/workspaces")) {
                for (String path : disguises(page)) {
                    Outcome outcome = follow("GET", path, cookie, null);
                    assertThat(outcome.answer().body()).as(path).doesNotContain("Outbox (replies, notices, webhooks)", "New workspace");
                }
                assertThat(raw("GET", page, cookie, null).status()).as(page).isEqualTo(403);
            }
        }
        try (Browser system = new Browser(relaydesk.baseUrl())) {
            system.signIn(RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD);
            system.waitFor(d -> d.getCurrentUrl().endsWith("/admin/dashboard") ? true : null, "the system administrator signs in");
            system.open("/admin/health");
            system.waitForText("#content", "Background jobs");
            String page = system.driver.getPageSource();
            assertThat(page).contains("PostgreSQL").contains("outbox.delivery").contains("channel-email");
        }
    }

    @Test
    void anAgentsDirectFacesPostToAnAdminPageChangesNothing() throws Exception {
        try (Browser alice = new Browser(relaydesk.baseUrl())) {
            alice.signIn("alice@demo.test", "demo-password-1");
            alice.waitFor(d -> d.getCurrentUrl().contains("/agent/tickets") ? true : null, "signed in");
            alice.open("/agent/settings");
            String viewState = alice.driver.findElement(By.name("jakarta.faces.ViewState")).getAttribute("value");
            String cookie = sessionOf(alice);
            String form = "settings=settings&settings%3Aname=Pwned&settings%3Aprefix=PWN&jakarta.faces.ViewState="
                    + URLEncoder.encode(viewState, StandardCharsets.UTF_8) + "&settings%3Asave=settings%3Asave";
            for (String path : concat(disguises("/admin/settings"), disguises("/admin/settings.xhtml"))) {
                Outcome outcome = follow("POST", path, cookie, form);
                assertThat(outcome.refusedOrHarmless()).as("POST " + path + " -> " + outcome.path() + " " + outcome.answer().status()).isTrue();
            }
        }
        assertThat(admin.get("/api/workspaces").body()).contains("Acme Support").doesNotContain("Pwned");
    }

    @Test
    void aWorkspaceAdminCannotTakeOverTheSystemAdministrator() throws Exception {
        assertThat(admin.post("/api/users", Json.createObjectBuilder().add("email", "wanda@demo.test").add("name", "Wanda Admin")
                .add("role", "admin").add("password", "wanda-password-1").build()).status()).isEqualTo(201);
        try (Browser wanda = new Browser(relaydesk.baseUrl())) {
            wanda.signIn("wanda@demo.test", "wanda-password-1");
            wanda.waitFor(d -> d.getCurrentUrl().endsWith("/admin/dashboard") ? true : null, "an admin");
            wanda.open("/admin/users");
            String sysadminRow = "//tr[td[contains(., '" + RelaydeskProcess.DEMO_ADMIN_EMAIL + "')]]";
            String aliceRow = "//tr[td[contains(., 'alice@demo.test')]]";
            wanda.waitFor(d -> d.findElements(By.xpath(aliceRow + "//button[contains(., 'Send reset link')]")).isEmpty() ? null : true, "alice's row");
            assertThat(wanda.driver.findElements(By.xpath(sysadminRow + "//button[contains(., 'reset') or contains(., 'Deactivate')]")))
                    .as("no reset or deactivate on the system administrator's row").isEmpty();
            wanda.driver.findElement(By.xpath(aliceRow + "//button[contains(., 'Send reset link')]")).click();
            wanda.waitForText("[id='users:messages']", "A reset link is on its way to alice@demo.test");
            assertThat(wanda.driver.getPageSource()).as("the link is never shown to the admin").doesNotContain("set-password?token=");
        }
    }

    @Test
    void changingThePasswordEndsTheAccountsOtherSessionsAndTokens() throws Exception {
        String session = Api.login(relaydesk.baseUrl(), "bob@demo.test", "demo-password-1");
        Api bob = admin.as(session);
        String token = bob.post("/api/auth/tokens", "{\"name\":\"laptop script\"}").json().getString("token");
        assertThat(admin.as(token).get("/api/auth/me").status()).isEqualTo(200);
        try (Browser other = new Browser(relaydesk.baseUrl()); Browser changing = new Browser(relaydesk.baseUrl())) {
            other.signIn("bob@demo.test", "demo-password-1");
            other.waitFor(d -> d.getCurrentUrl().contains("/agent/tickets") ? true : null, "bob's other browser");
            changing.signIn("bob@demo.test", "demo-password-1");
            changing.waitFor(d -> d.getCurrentUrl().contains("/agent/tickets") ? true : null, "signed in");
            changing.open("/agent/settings");
            changing.find("[id='password:current'] input, input[id='password:current']").sendKeys("demo-password-1");
            changing.find("input[id='password:new']").sendKeys("bob-new-password-2");
            changing.find("input[id='password:repeat']").sendKeys("bob-new-password-2");
            changing.find("[id='password:change']").click();
            changing.waitForText("[id='password:password-messages']", "Password changed");

            assertThat(bob.get("/api/auth/me").status()).as("the session token").isEqualTo(401);
            assertThat(admin.as(token).get("/api/auth/me").status()).as("the personal token").isEqualTo(401);
            other.open("/agent/tickets");
            other.waitFor(d -> d.getCurrentUrl().contains("/login") ? true : null, "the other browser is signed out");
            changing.open("/agent/tickets");
            assertThat(changing.driver.getCurrentUrl()).as("the browser that changed it goes on").contains("/agent/tickets");
        }
        assertThat(Api.login(relaydesk.baseUrl(), "bob@demo.test", "bob-new-password-2")).isNotBlank();
    }

    @Test
    void tokensDoOnlyWhatTheirScopesSayAndEndWithWhatMintedThem() throws Exception {
        Api session = admin.as(Api.login(relaydesk.baseUrl(), RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD));
        Api.Reply readOnly = session.post("/api/auth/tokens", "{\"name\":\"dashboard\",\"scopes\":[\"read\"],\"expires_in_days\":7}");
        assertThat(readOnly.status()).isEqualTo(201);
        assertThat(readOnly.json().getJsonArray("scopes").toString()).isEqualTo("[\"read\"]");
        Api reader = admin.as(readOnly.json().getString("token"));
        assertThat(reader.get("/api/tickets?limit=1").status()).isEqualTo(200);
        Api.Reply write = reader.post("/api/tickets", "{\"subject\":\"x\",\"description\":\"y\",\"requester_email\":\"r@x.test\"}");
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.contentType()).startsWith("application/problem+json");
        assertThat(reader.post("/api/auth/tokens", "{\"name\":\"wider\",\"scopes\":[\"read\",\"write\"]}").status())
                .as("a token cannot mint a wider one").isEqualTo(403);
        assertThat(reader.post("/api/auth/logout", "").status()).as("a read-only token can still sign itself out").isEqualTo(204);
        assertThat(reader.get("/api/tickets?limit=1").status()).isEqualTo(401);

        String writerToken = session.post("/api/auth/tokens", "{\"name\":\"ci\"}").json().getString("token");
        Api writer = admin.as(writerToken);
        assertThat(writer.post("/api/tickets/categories", "{\"name\":\"From a script\"}").status())
                .as("without the admin scope, an admin's token acts as a supervisor").isEqualTo(403);
        Api.Reply child = writer.post("/api/auth/tokens", "{\"name\":\"child\",\"scopes\":[\"read\"],\"expires_in_days\":365}");
        assertThat(child.status()).isEqualTo(201);
        Api childApi = admin.as(child.json().getString("token"));
        assertThat(childApi.get("/api/auth/me").status()).isEqualTo(200);
        String adminToken = session.post("/api/auth/tokens", "{\"name\":\"admin script\",\"scopes\":[\"read\",\"write\",\"admin\"]}")
                .json().getString("token");
        assertThat(admin.as(adminToken).post("/api/tickets/categories", "{\"name\":\"From an admin script\"}").status()).isEqualTo(201);

        assertThat(session.post("/api/auth/tokens", "{\"name\":\"forever\",\"expires_in_days\":366}").status()).isEqualTo(400);
        assertThat(session.post("/api/auth/tokens", "{\"name\":\"odd\",\"scopes\":[\"root\"]}").status()).isEqualTo(400);

        assertThat(writer.post("/api/auth/logout", "").status()).as("a token signs itself out").isEqualTo(204);
        assertThat(writer.get("/api/auth/me").status()).isEqualTo(401);
        assertThat(childApi.get("/api/auth/me").status()).as("and what it minted ends with it").isEqualTo(401);

        assertThat(session.post("/api/auth/logout", "").status()).isEqualTo(204);
        assertThat(session.get("/api/auth/me").status()).as("a signed-out session token").isEqualTo(401);
        assertThat(admin.as(adminToken).get("/api/auth/me").status()).as("a token made in the session is the person's own").isEqualTo(200);
    }

    @Test
    void aPasswordGuesserCannotKeepTheAdministratorOut() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        int lastStatus = 0;
        for (int i = 0; i < 8; i++) {
            lastStatus = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(relaydesk.baseUrl() + "/api/auth/login"))
                    .header("Content-Type", "application/json").header("X-Forwarded-For", "203.0.113.66")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"email\":\"" + RelaydeskProcess.DEMO_ADMIN_EMAIL
                            + "\",\"password\":\"guess-" + i + "\"}")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
        }
        assertThat(lastStatus).as("the guesser is slowed down").isEqualTo(429);
        java.net.http.HttpResponse<String> theAdmin = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(relaydesk.baseUrl()
                + "/api/auth/login")).header("Content-Type", "application/json").header("X-Forwarded-For", "198.51.100.20")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"email\":\"" + RelaydeskProcess.DEMO_ADMIN_EMAIL + "\",\"password\":\""
                        + RelaydeskProcess.DEMO_ADMIN_PASSWORD + "\"}")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(theAdmin.statusCode()).as("the administrator, from their own address, signs in").isEqualTo(200);
    }

    @Test
    void theFiguresAreTheWorkspacesForSupervisorsAndTheirOwnForAnAgent() throws Exception {
        Api.Reply overview = admin.get("/api/tickets/analytics/overview?from=2020-01-06&to=2021-12-31");
        assertThat(overview.status()).as(overview.body()).isEqualTo(200);
        assertThat(overview.json().getJsonObject("period").getInt("days")).isEqualTo(726);
        assertThat(overview.json().getJsonObject("first_response").containsKey("ninetieth_percentile_seconds")).isTrue();
        JsonObject recent = admin.get("/api/tickets/analytics/overview").json();
        assertThat(recent.getJsonObject("period").getInt("days")).as("the last 30 days by default").isEqualTo(30);
        assertThat(recent.getJsonNumber("open_now").longValue()).as("the demo desk's open tickets").isPositive();
        List<JsonObject> everyone = admin.get("/api/tickets/analytics/agents").json().getJsonArray("agents").getValuesAs(JsonObject.class);
        String bob = everyone.stream().filter(a -> a.getString("name").startsWith("Bob")).findFirst().orElseThrow().getString("agent_id");
        assertThat(everyone.size()).isGreaterThan(1);

        Api alice = admin.as(Api.login(relaydesk.baseUrl(), "alice@demo.test", "demo-password-1"));
        List<JsonObject> own = alice.get("/api/tickets/analytics/agents").json().getJsonArray("agents").getValuesAs(JsonObject.class);
        assertThat(own).as("an agent reads their own figures").singleElement().satisfies(a -> assertThat(a.getString("name")).startsWith("Alice"));
        assertThat(alice.get("/api/tickets/analytics/overview").json().getJsonNumber("open_now").longValue())
                .isLessThanOrEqualTo(recent.getJsonNumber("open_now").longValue());
        for (String report : List.of("overview", "volume", "distribution", "peak-hours", "agents", "csat", "sla/detailed")) {
            Api.Reply colleague = alice.get("/api/tickets/analytics/" + report + "?agent=" + bob);
            assertThat(colleague.status()).as(report + ": a colleague's figures").isEqualTo(403);
            assertThat(new Api(relaydesk.baseUrl(), null).get("/api/tickets/analytics/" + report).status()).as(report).isEqualTo(401);
        }
        Api.Reply malformed = admin.get("/api/tickets/analytics/volume?from=2026-13-01&interval=hour&priority=soon&agent=%27%20OR%201%3D1");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.body()).contains("interval");
        Api.Reply tooLong = admin.get("/api/tickets/analytics/overview?from=2020-01-01&to=2026-01-01");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("731 days");
        assertThat(admin.get("/api/tickets/analytics/csat?comments=1000").status()).isEqualTo(400);

        Api.Reply csv = admin.get("/api/tickets/analytics/export?from=2000-01-01&to=2001-12-31");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body().lines().toList()).as("only the header: nothing was created then")
                .containsExactly("number,subject,status,priority,channel,category,team,assignee,created_at,first_response_at,resolved_at,"
                        + "first_response_seconds,resolution_seconds,sla_state");
        assertThat(csv.raw().headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"tickets-2000-01-01-to-2001-12-31.csv\"");
        String lastMonth = admin.get("/api/tickets/analytics/export").body();
        assertThat(lastMonth.lines().count()).as("the demo desk's tickets of the last 30 days, one row each")
                .isEqualTo(1 + admin.get("/api/tickets/analytics/overview").json().getJsonNumber("created").longValue());
        Api.Reply others = alice.get("/api/tickets/analytics/export?agent=" + bob);
        assertThat(others.status()).as("refused before any row is sent").isEqualTo(403);
        assertThat(admin.get("/api/tickets/analytics/export?from=2026-02-30").status()).isEqualTo(400);

        // the same tickets as a workbook a spreadsheet opens: numbers as numbers, one row per ticket
        java.net.http.HttpResponse<byte[]> xlsx = admin.getBytes("/api/tickets/analytics/export?format=xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        List<org.dhatim.fastexcel.reader.Row> sheet = rows(xlsx.body());
        assertThat(sheet).hasSize((int) lastMonth.lines().count());
        assertThat(sheet.get(0).getCellText(0)).isEqualTo("number");
        assertThat(sheet.get(1).getCell(0).getType()).isEqualTo(org.dhatim.fastexcel.reader.CellType.NUMBER);
        // any report: the agents' figures as the report endpoint gives them
        List<org.dhatim.fastexcel.reader.Row> agents = rows(admin.getBytes("/api/tickets/analytics/export?report=agents&format=xlsx").body());
        assertThat(agents.get(0).getCellText(0)).isEqualTo("agent");
        assertThat(agents.stream().skip(1).map(r -> r.getCellText(0)).toList())
                .containsExactlyElementsOf(everyone.stream().map(a -> a.getString("name")).toList());
        Api.Reply peakHours = admin.get("/api/tickets/analytics/export?report=peak-hours");
        assertThat(peakHours.body().lines().toList()).hasSize(8).first().asString().startsWith("weekday,00:00,01:00");
        assertThat(alice.get("/api/tickets/analytics/export?report=agents&format=xlsx&agent=" + bob).status()).as("a colleague's, in any format")
                .isEqualTo(403);
        for (String bad : List.of("format=pdf", "report=salaries", "report=..%2Fagents", "format=xlsx%00")) {
            Api.Reply refused = admin.get("/api/tickets/analytics/export?" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.contentType()).as(bad).startsWith("application/problem+json");
        }
    }

    private static List<org.dhatim.fastexcel.reader.Row> rows(byte[] workbook) throws Exception {
        try (org.dhatim.fastexcel.reader.ReadableWorkbook read = new org.dhatim.fastexcel.reader.ReadableWorkbook(new java.io.ByteArrayInputStream(workbook))) {
            return read.getFirstSheet().read();
        }
    }

    @Test
    void metricsAnswerTheServerItselfAndAdministratorsOnly() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.util.function.BiFunction<String, String, java.net.http.HttpResponse<String>> get = (forwardedFor, token) -> {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(relaydesk.baseUrl() + "/metrics"));
            if (forwardedFor != null) {
                request.header("X-Forwarded-For", forwardedFor);
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            try {
                return client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        var local = get.apply(null, null);
        assertThat(local.statusCode()).as("a scraper on the server itself").isEqualTo(200);
        assertThat(local.body()).contains("# TYPE jvm_memory_used_bytes gauge", "relaydesk_plugin_up{plugin=\"channel-email\"");
        assertThat(get.apply("203.0.113.8", null).statusCode()).as("anyone else, unsigned").isEqualTo(401);
        assertThat(get.apply("127.0.0.1", null).statusCode()).as("a proxied request claiming to be local").isEqualTo(401);
        String agent = Api.login(relaydesk.baseUrl(), "alice@demo.test", "demo-password-1");
        assertThat(get.apply("203.0.113.8", agent).statusCode()).as("an agent").isEqualTo(403);
        String adminSession = Api.login(relaydesk.baseUrl(), RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD);
        assertThat(get.apply("203.0.113.8", adminSession).statusCode()).as("an administrator").isEqualTo(200);
    }

    /**
     * What an operator watches: requests per route (the API's template, never an id; a page's
     * section), the outbox and inbound backlogs, job lag, sessions and the widget's connections.
     */
    @Test
    void metricsCountRequestsPerRouteAndShowBacklogsAndJobLag() throws Exception {
        String admin = Api.login(relaydesk.baseUrl(), RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD);
        Api api = new Api(relaydesk.baseUrl(), admin);
        String ticket = api.get("/api/tickets?limit=1").json().getJsonArray("tickets").getJsonObject(0).getString("id");
        for (int i = 0; i < 3; i++) {
            assertThat(api.get("/api/tickets/" + ticket + "/comments").status()).isEqualTo(200);
        }
        assertThat(api.get("/api/tickets/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        // a job runs first one interval after the start (5 s for triage): wait for its first run on this node
        String body = Await.await(() -> client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(relaydesk.baseUrl() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body(), b -> java.util.regex.Pattern.compile(
                        "relaydesk_job_since_last_run_seconds\\{job=\"assist.triage\"} \\d").matcher(b).find(), "the triage job's first run");

        java.util.regex.Matcher comments = java.util.regex.Pattern.compile(
                "relaydesk_http_server_requests_seconds_count\\{method=\"GET\",route=\"/api/tickets/\\{id}/comments\",status=\"2xx\"} (\\d+)")
                .matcher(body);
        assertThat(comments.find()).as(body).isTrue();
        assertThat(Long.parseLong(comments.group(1))).isGreaterThanOrEqualTo(3);
        assertThat(body).contains("route=\"/api/tickets/{id}\",status=\"4xx\"")
                .contains("relaydesk_http_server_requests_seconds_bucket{method=\"GET\",route=\"/api/tickets/{id}/comments\",status=\"2xx\",le=\"0.1\"}")
                .doesNotContain(ticket).as("no id ever becomes a label");
        assertThat(body).containsPattern("relaydesk_outbox_pending \\d").containsPattern("relaydesk_outbox_oldest_pending_age_seconds \\d")
                .containsPattern("relaydesk_inbound_pending \\d").containsPattern("relaydesk_inbound_failed \\d")
                .containsPattern("relaydesk_sessions_active \\d").containsPattern("relaydesk_widget_sockets_open \\d")
                .containsPattern("relaydesk_job_since_last_run_seconds\\{job=\"assist.triage\"} \\d")
                .containsPattern("relaydesk_job_interval_seconds\\{job=\"assist.triage\"} 5")
                .contains("relaydesk_job_failures{job=\"csat.surveys\"}");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
