package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

/**
 * The report pages in a real browser on the demo desk: a category of this test's own (three tickets,
 * two urgent, one solved) gives figures known by hand; the page's cards agree with the API, a row of
 * a distribution opens the queue of exactly its tickets, the export is the CSV of those tickets; an
 * agent's page shows only the agent's tickets and the team and workspace pages stay closed to them.
 */
class ReportsIT {
    private static RelaydeskProcess relaydesk;
    private static Api admin;
    private static String category;
    private static String categoryName;
    private static final String AGENT = "reports-agent@demo.test";
    private static final String AGENT_PASSWORD = "reports-agent-pw";

    @BeforeAll
    static void start() throws Exception {
        relaydesk = RelaydeskProcess.sharedDemoDesk();
        admin = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD));
        categoryName = "Reports " + System.nanoTime();
        Api.Reply made = admin.post("/api/tickets/categories", Json.createObjectBuilder().add("name", categoryName).build());
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        category = made.json().getString("id");
        Api.Reply agent = admin.post("/api/users", Json.createObjectBuilder().add("email", AGENT).add("name", "Rita Reports").add("role", "agent")
                .add("password", AGENT_PASSWORD).build());
        assertThat(agent.status()).as(agent.body()).isEqualTo(201);
        String agentId = agent.json().getString("id");
        ticket("Refund for order 1", "urgent", agentId);
        String solved = ticket("Refund for order 2", "urgent", null);
        ticket("Question about sizes", "low", null);
        assertThat(admin.post("/api/tickets/" + solved + "/resolve", "{}").status()).isEqualTo(200);
    }

    private static String ticket(String subject, String priority, String assignee) throws Exception {
        var json = Json.createObjectBuilder().add("subject", subject).add("description", "About " + subject).add("requester_email", "shopper@reports.test")
                .add("priority", priority).add("category_id", category);
        if (assignee != null) {
            json.add("assignee_id", assignee);
        }
        Api.Reply reply = admin.post("/api/tickets", json.build());
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().getString("id");
    }

    @Test
    void theWorkspacesFiguresForACategoryAreTheHandCountedOnesAndEachRowOpensItsTickets() throws Exception {
        JsonObject api = admin.get("/api/tickets/analytics/overview?category=" + category).json();
        assertThat(api.getInt("created")).isEqualTo(3);
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn(RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD);
            browser.waitFor(d -> d.getCurrentUrl().contains("/admin/") ? true : null, "signed in");
            browser.open("/admin/tickets/analytics");
            browser.find("#kpi-created");
            new Select(browser.find("[id='reports:category']")).selectByVisibleText(categoryName);
            browser.click("[id='reports:apply']");
            browser.waitForAjax();
            waitForExactly(browser, "#kpi-created", "3");
            assertThat(browser.find("#kpi-solved").getText()).isEqualTo("1");
            assertThat(browser.find("#kpi-open").getText()).as("open now: the two unsolved").isEqualTo("2");
            assertThat(browser.find("#kpi-backlog").getText()).isEqualTo("+2");
            awaitRows(browser, "by-priority", "Urgent 2", "Low 1");
            assertThat(browser.find("[id='reports:agents']").getText()).contains("Rita Reports");
            JsonObject sla = admin.get("/api/tickets/analytics/sla/detailed?category=" + category).json();
            JsonObject policy = sla.getJsonArray("policies").getJsonObject(0);
            assertThat(policy.getInt("tickets")).as("the workspace's default policy covers the three").isEqualTo(3);
            assertThat(browser.find("[id='reports:sla']").getText()).contains(policy.getString("name")).contains("First response").contains("Resolution");
            assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector("canvas")).size()).as("the charts are drawn").isGreaterThanOrEqualTo(4);

            String export = browser.find("[id='reports:export']").getAttribute("href");
            HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(export))
                    .header("Cookie", cookies(browser)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            List<String> lines = csv.body().lines().toList();
            assertThat(lines.get(0)).startsWith("number,subject,status,priority");
            assertThat(lines.subList(1, lines.size())).hasSize(3).allSatisfy(line -> assertThat(line).contains(categoryName));
            // the priority box's figures as a workbook, under the same category filter
            String workbook = browser.find("[id='download-distribution-xlsx']").getAttribute("href");
            HttpResponse<byte[]> xlsx = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(workbook))
                    .header("Cookie", cookies(browser)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(xlsx.statusCode()).isEqualTo(200);
            try (org.dhatim.fastexcel.reader.ReadableWorkbook read = new org.dhatim.fastexcel.reader.ReadableWorkbook(
                    new java.io.ByteArrayInputStream(xlsx.body()))) {
                assertThat(read.getFirstSheet().read().stream().filter(r -> r.getCellText(0).equals("priority"))
                        .map(r -> r.getCellText(2) + " " + r.getCellText(3)).toList()).containsExactlyInAnyOrder("Urgent 2", "Low 1");
            }

            browser.driver.findElements(org.openqa.selenium.By.cssSelector("[id$='by-priority'] a.rd-drill")).stream()
                    .filter(a -> a.getText().equals("Urgent")).findFirst().orElseThrow().click();
            browser.waitFor(d -> d.getCurrentUrl().contains("/agent/tickets") ? true : null, "the queue");
            browser.waitForText("[id='queue']", "of 2");
            assertThat(browser.find("[id='queue']").getText()).contains("Refund for order 1").contains("Refund for order 2")
                    .doesNotContain("Question about sizes");
        }
    }

    @Test
    void anAgentSeesOnlyTheirOwnFiguresAndNeitherTheTeamsNorTheWorkspaces() throws Exception {
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn(AGENT, AGENT_PASSWORD);
            browser.waitFor(d -> d.getCurrentUrl().contains("/agent/") ? true : null, "signed in");
            browser.open("/agent/reports");
            browser.find("#kpi-created");
            new Select(browser.find("[id='reports:category']")).selectByVisibleText(categoryName);
            browser.click("[id='reports:apply']");
            browser.waitForAjax();
            waitForExactly(browser, "#kpi-created", "1");
            awaitRows(browser, "by-priority", "Urgent 1");
            assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector("[id='reports:agent']"))).as("no choice of colleague").isEmpty();

            String export = browser.find("[id='reports:export']").getAttribute("href");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> own = http.send(HttpRequest.newBuilder(URI.create(export)).header("Cookie", cookies(browser)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(own.body().lines().skip(1).toList()).hasSize(1).allSatisfy(line -> assertThat(line).contains("Refund for order 1"));
            String adminId = admin.get("/api/auth/me").json().getString("id");
            HttpResponse<String> colleague = http.send(HttpRequest.newBuilder(URI.create(relaydesk.baseUrl() + "/agent/reports/export?agent=" + adminId))
                    .header("Cookie", cookies(browser)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(colleague.statusCode()).isEqualTo(403);
            assertThat(colleague.body()).doesNotContain("number,subject");
            HttpResponse<String> badDates = http.send(HttpRequest.newBuilder(URI.create(relaydesk.baseUrl() + "/agent/reports/export?from=2026-13-01"))
                    .header("Cookie", cookies(browser)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(badDates.statusCode()).isEqualTo(400);

            for (String closed : List.of("/supervisor/reports", "/admin/tickets/analytics")) {
                browser.open(closed);
                browser.waitFor(d -> d.getPageSource().contains("#kpi-created") || !d.getCurrentUrl().contains(closed)
                        || d.getPageSource().toLowerCase().contains("not allowed") ? true : null, closed);
                assertThat(browser.driver.findElements(org.openqa.selenium.By.id("kpi-created"))).as(closed).isEmpty();
            }
        }
    }

    @Test
    void badDatesOnThePageAreAMessageAndTheFiguresStay() throws Exception {
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn(RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD);
            browser.waitFor(d -> d.getCurrentUrl().contains("/admin/") ? true : null, "signed in");
            browser.open("/supervisor/reports");
            String before = browser.find("#kpi-created").getText();
            browser.driver.executeScript("document.getElementById('reports:from').value = '2020-01-01';"
                    + "document.getElementById('reports:to').value = '2026-01-01';");
            browser.click("[id='reports:apply']");
            browser.waitForText("[id='reports:messages']", "731");
            assertThat(browser.find("#kpi-created").getText()).isEqualTo(before);
        }
    }

    /** Until the card shows exactly this (the figures before the filter may contain the digit too). */
    private static void waitForExactly(Browser browser, String css, String text) {
        browser.waitFor(d -> d.findElements(org.openqa.selenium.By.cssSelector(css)).stream().anyMatch(e -> e.getText().strip().equals(text)) ? true : null,
                "exactly '" + text + "' in " + css);
    }

    /**
     * Until the table holds exactly these rows, in any order: the card can show its final figure
     * while the filtered page is still being drawn, and rows read then are the old ones (or gone).
     */
    private static void awaitRows(Browser browser, String table, String... expected) {
        List<String> wanted = java.util.Arrays.stream(expected).sorted().toList();
        browser.waitFor(d -> rows(browser, table).stream().sorted().toList().equals(wanted) ? true : null,
                "the rows " + wanted + " in " + table);
    }

    private static List<String> rows(Browser browser, String table) {
        return browser.driver.findElements(org.openqa.selenium.By.cssSelector("[id$='" + table + "'] tbody tr")).stream()
                .map(r -> r.getText().replaceAll("\\s+", " ").strip()).collect(Collectors.toList());
    }

    private static String cookies(Browser browser) {
        return browser.driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
    }
}
