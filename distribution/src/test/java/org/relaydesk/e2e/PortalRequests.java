package org.relaydesk.e2e;

import static org.relaydesk.e2e.Await.await;

import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The customer portal as its pages' scripts call it: JSON requests with the portal's session cookie, and the links it emails. */
final class PortalRequests {
    /** A link the portal emails: address verification, one-time sign-in, password reset. */
    private static final Pattern LINK = Pattern.compile("/portal/(verify|sign-in|reset-password)#token=([A-Za-z0-9_-]+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private PortalRequests() {
    }

    /** {@code cookie}: "RELAYDESK_PORTAL=…" or null; {@code json}: the body, or null for none. */
    static HttpResponse<String> send(String baseUrl, String cookie, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The token of the latest link of this kind ("verify", "sign-in", "reset-password") emailed to the address, waiting for the email. */
    /**
     * The admin's workspace, which a portal request names: the shared desk holds other workspaces
     * too (tests of isolation make them), and then a portal that is not told which company it is
     * for refuses, as it should.
     */
    static String workspaceOf(Api admin) throws Exception {
        jakarta.json.JsonObject me = admin.get("/api/auth/me").json();
        return (me.containsKey("user") ? me.getJsonObject("user") : me).getString("workspace_id");
    }

    static String linkToken(TestMail mail, String address, String kind) throws Exception {
        return await(() -> {
            String found = null;
            for (MimeMessage message : mail.to(address)) {
                Matcher matcher = LINK.matcher(TestMail.rawBody(message));
                while (matcher.find()) {
                    if (matcher.group(1).equals(kind)) {
                        found = matcher.group(2);
                    }
                }
            }
            return found;
        }, "a " + kind + " link for " + address);
    }
}
