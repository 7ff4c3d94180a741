package org.relaydesk.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium, driven through its own chromedriver: what an agent's browser does. */
final class Browser implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /**
     * Browsers a test has closed, kept for the next one in this test JVM: starting Chromium and its
     * driver costs seconds each time, some fifty times a run. A kept browser is handed over as a new one
     * would be (see {@link #close()}), and all are quit when the JVM ends.
     */
    private static final Deque<ChromeDriver> IDLE = new ConcurrentLinkedDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> IDLE.forEach(Browser::quietlyQuit), "relaydesk-test-browsers-quit"));
    }

    final ChromeDriver driver;
    private final String baseUrl;
    private boolean closed;

    Browser(String baseUrl) {
        this.baseUrl = baseUrl;
        ChromeDriver kept = IDLE.poll();
        driver = kept != null ? kept : startChromium();
    }

    private static ChromeDriver startChromium() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,1000",
                "--disable-extensions", "--no-first-run", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Signs in through the login form, as a person does. */
    void signIn(String email, String password) {
        open("/login");
        find("#email").sendKeys(email);
        find("#password").sendKeys(password);
        find("#submit").click();
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    WebElement find(String css) {
        return waitFor(d -> {
            var found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        }, "element " + css);
    }

    /** Waits (bounded) for a condition; the page's Ajax decides when, never a fixed sleep. */
    <T> T waitFor(ExpectedCondition<T> condition, String what) {
        try {
            // An Ajax update can replace an element between finding and reading it: ChromeDriver then says
            // "stale element" or, for some reads, "Node ... does not belong to the document". Either way: look again.
            return new WebDriverWait(driver, Duration.ofSeconds(20)).withMessage(what)
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
                        try {
                            return condition.apply(d);
                        } catch (org.openqa.selenium.WebDriverException e) {
                            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                                return null;
                            }
                            throw e;
                        }
                    });
        } catch (org.openqa.selenium.TimeoutException e) {
            try {
                screenshot("failed-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
                Files.writeString(Path.of("target", "screenshots", "failed-page.html"), driver.getPageSource());
            } catch (IOException | RuntimeException ignored) {
                // the timeout is what matters
            }
            throw e;
        }
    }

    /** Clicks the element, finding it again if a live update replaced it meanwhile. */
    void click(String css) {
        waitFor(d -> {
            find(css).click();
            return true;
        }, "a click on " + css);
    }

    /**
     * Drags one element onto another with the browser's HTML5 drag-and-drop events (dragstart,
     * dragover, drop, dragend, sharing one DataTransfer), as a mouse drag fires them: ChromeDriver's
     * pointer actions do not start native HTML5 drags.
     */
    void dragOnto(String sourceCss, String targetCss) {
        driver.executeScript("""
                var source = document.querySelector(arguments[0]), target = document.querySelector(arguments[1]);
                var data = new DataTransfer();
                function fire(element, type) {
                  element.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: data}));
                }
                fire(source, 'dragstart'); fire(target, 'dragenter'); fire(target, 'dragover'); fire(target, 'drop'); fire(source, 'dragend');
                """, sourceCss, targetCss);
        waitForAjax();
    }

    void waitForText(String css, String text) {
        waitFor(d -> d.findElements(By.cssSelector(css)).stream().anyMatch(e -> e.getText().contains(text)) ? true : null,
                "'" + text + "' in " + css);
    }

    /**
     * Picks an option of a PrimeFaces select-one menu by its label, through the widget's own API (the
     * same path a click takes, including its Ajax request), then waits until the menu shows it.
     */
    void choose(String menuId, String label) {
        String value = waitFor(d -> d.findElements(By.cssSelector("[id='" + menuId + "_input'] option")).stream()
                .filter(o -> o.getAttribute("textContent").equals(label)).map(o -> o.getAttribute("value")).findFirst().orElse(null),
                "option " + label + " in " + menuId);
        driver.executeScript("var w = PrimeFaces.getWidgetById(arguments[0]); w.selectValue(arguments[1]); w.triggerChange();", menuId, value);
        waitForAjax();
    }

    /** The typing area of a rich-text editor, once the page has set it up. */
    WebElement editor(String widgetVar) {
        return find("[data-editor='" + widgetVar + "']");
    }

    /** What the editor holds, as text. */
    String editorText(String widgetVar) {
        editor(widgetVar);
        return (String) driver.executeScript("return Relaydesk.editorText(arguments[0]);", widgetVar);
    }

    /** Empties the editor the way select-all and delete would. */
    void clearEditor(String widgetVar) {
        WebElement box = editor(widgetVar);
        box.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), org.openqa.selenium.Keys.DELETE);
        waitFor(d -> editorText(widgetVar).isEmpty() ? true : null, "the editor emptied");
    }

    /** Until the page's live-update WebSocket is connected: changes made before that are not pushed to it. */
    void waitForLive() {
        find("body[data-live='open']");
    }

    /** Until PrimeFaces has no Ajax request queued or running. */
    void waitForAjax() {
        waitFor(d -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "return document.readyState === 'complete' && (!window.PrimeFaces || PrimeFaces.ajax.Queue.isEmpty());")) ? true : null,
                "Ajax requests to finish");
    }

    void screenshot(String name) throws IOException {
        Path directory = Path.of("target", "screenshots");
        Files.createDirectories(directory);
        Files.write(directory.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    /**
     * Ends this test's use of the browser. It is kept for the next test only once it holds nothing of
     * this one: a single fresh tab (the others, with their session storage and open WebSockets, closed),
     * no cookies, no storage of any origin this test opened, the first window size. A browser that
     * cannot be cleaned is quit.
     */
    @Override
    public void close() {
        if (closed) {
            return; // kept once only: two tests must never share one browser
        }
        closed = true;
        try {
            Set<String> origins = new HashSet<>();
            origins.add(originOf(baseUrl));
            String fresh = driver.switchTo().newWindow(WindowType.TAB).getWindowHandle();
            for (String handle : driver.getWindowHandles()) {
                if (!handle.equals(fresh)) {
                    origins.add(originOf(driver.switchTo().window(handle).getCurrentUrl()));
                    driver.close();
                }
            }
            driver.switchTo().window(fresh);
            driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
            origins.remove(null);
            for (String origin : origins) {
                driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
            }
            driver.manage().window().setSize(new Dimension(1440, 1000));
            IDLE.push(driver);
        } catch (RuntimeException unusable) {
            quietlyQuit(driver);
        }
    }

    /** scheme://host:port of an http(s) address, or null for about:blank and the like. */
    private static String originOf(String url) {
        URI uri = URI.create(url);
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
            return null;
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static void quietlyQuit(ChromeDriver driver) {
        try {
            driver.quit();
        } catch (RuntimeException alreadyGone) {
            // the JVM is ending or the browser crashed: nothing left to free
        }
    }
}
