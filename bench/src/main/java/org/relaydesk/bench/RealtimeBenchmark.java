package org.relaydesk.bench;

import jakarta.json.Json;
import java.io.File;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Time from an API write to an agent's browser showing it: an agent's queue ("Recently updated") is
 * open in headless Chromium; a ticket is created through the REST API; the page itself records, with
 * a MutationObserver, the moment the ticket's subject appears in its DOM. Both clocks are this
 * machine's wall clock, so the difference is the end-to-end delay (commit, push, Ajax refresh, render).
 */
final class RealtimeBenchmark {
    static final Set<String> OPTIONS = Seeder.union(ApiClient.OPTIONS,
            Set.of("agent-email", "agent-password", "samples", "chromium", "chromedriver"));

    /** Records when each "rt-…" marker first appears anywhere in the page. */
    private static final String OBSERVER = """
            window.__seen = {};
            new MutationObserver(function () {
              var text = document.body.textContent, re = /rt-[0-9a-f]{12}/g, m;
              while ((m = re.exec(text)) !== null) { if (!window.__seen[m[0]]) { window.__seen[m[0]] = Date.now(); } }
            }).observe(document.body, {childList: true, subtree: true, characterData: true});
            """;

    private RealtimeBenchmark() {
    }

    static void run(Options options) throws Exception {
        String baseUrl = Loopback.requireLoopback(options.required("base-url")).toString().replaceAll("/$", "");
        ApiClient api = ApiClient.signIn(options);
        int samples = options.integer("samples", 30);
        ChromeOptions chrome = new ChromeOptions();
        chrome.setBinary(new File(options.text("chromium", "/usr/bin/chromium")));
        chrome.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(options.text("chromedriver", "/usr/bin/chromedriver"))).usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, chrome);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(baseUrl + "/login");
            browser.findElement(By.id("email")).sendKeys(options.required("agent-email"));
            browser.findElement(By.id("password")).sendKeys(options.required("agent-password"));
            browser.findElement(By.id("submit")).click();
            wait.until(d -> d.getCurrentUrl().contains("/agent/tickets"));
            browser.get(baseUrl + "/agent/tickets?view=recent");
            wait.until(d -> !d.findElements(By.cssSelector("body[data-live='open']")).isEmpty());
            browser.executeScript(OBSERVER);

            Latencies latencies = new Latencies();
            for (int i = 0; i < samples; i++) {
                String marker = "rt-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                long sent = System.currentTimeMillis();
                HttpResponse<String> created = api.post("/api/tickets", Json.createObjectBuilder().add("subject", "Realtime probe " + marker)
                        .add("requester_email", "realtime-probe@example.com").build());
                if (created.statusCode() != 201) {
                    throw new IllegalStateException("creating a ticket failed: HTTP " + created.statusCode() + " " + ApiClient.excerpt(created.body()));
                }
                Number seen = (Number) wait.withMessage(marker + " shown in the queue").until(d -> ((ChromeDriver) d)
                        .executeScript("return window.__seen[arguments[0]] || null;", marker));
                latencies.recordMillis(seen.longValue() - sent);
                // spread the writes: the queue throttles refreshes to two a second
                wait.until(d -> System.currentTimeMillis() - seen.longValue() > 600);
            }
            System.out.printf("API write to the agent's open queue showing it (%d tickets): p50 %s ms, p95 %s ms, max %s ms%n",
                    latencies.count(), latencies.percentileMillis(50), latencies.percentileMillis(95), latencies.maxMillis());
            System.out.println();
            System.out.println("| Measure | Samples | p50 ms | p95 ms | max ms |");
            System.out.println("| --- | --- | --- | --- | --- |");
            System.out.printf("| API write → open queue shows the ticket | %d | %s | %s | %s |%n", latencies.count(),
                    latencies.percentileMillis(50), latencies.percentileMillis(95), latencies.maxMillis());
        } finally {
            browser.quit();
        }
    }
}
