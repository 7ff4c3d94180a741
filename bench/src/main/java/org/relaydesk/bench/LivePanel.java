package org.relaydesk.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One agent's browser, without the browser: signed in through the login form in its own cookie session,
 * the queue and a ticket page loaded (the two views a panel keeps in its session), and the queue's
 * live-update WebSocket held open. Every text the server pushes on it goes to the listener.
 */
record LivePanel(HttpClient browser, WebSocket live) {
    private static final Pattern PUSH = Pattern.compile("faces\\.push\\.init\\('[^']*','(wss?://[^']+)'");

    static LivePanel open(String baseUrl, String email, String password, String ticketNumber, Consumer<String> onText) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        PanelBenchmark.signIn(browser, baseUrl, email, password);
        String queue = page(browser, baseUrl + "/agent/tickets?view=open");
        page(browser, baseUrl + "/agent/tickets/" + ticketNumber);
        Matcher push = PUSH.matcher(queue);
        if (!push.find()) {
            throw new IllegalStateException("the queue page of " + email + " has no live-update connection");
        }
        String cookie = ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue()).reduce((a, b) -> a + "; " + b).orElse("");
        WebSocket live = browser.newWebSocketBuilder().header("Cookie", cookie).connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(push.group(1)), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            onText.accept(text.toString());
                            text.setLength(0);
                        }
                        socket.request(1);
                        return null;
                    }
                }).get(20, TimeUnit.SECONDS);
        return new LivePanel(browser, live);
    }

    void close() {
        live.abort();
    }

    private static String page(HttpClient browser, String url) throws Exception {
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered HTTP " + answer.statusCode());
        }
        return answer.body();
    }
}
