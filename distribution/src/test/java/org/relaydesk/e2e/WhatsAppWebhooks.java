package org.relaydesk.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.relaydesk.plugin.whatsapp.fake.MetaSignature;

/** What Meta sends a WhatsApp channel account: webhook notifications, signed with the app secret, to the account's public address. */
final class WhatsAppWebhooks {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private WhatsAppWebhooks() {
    }

    /** A raw post to the account's webhook; {@code signature} (X-Hub-Signature-256) may be null or wrong on purpose. */
    static HttpResponse<String> post(String baseUrl, String accountId, byte[] body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/public/channels/" + accountId + "/webhook"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header(MetaSignature.HEADER, signature);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The notification as Meta signs it with the app's secret. */
    static HttpResponse<String> postSigned(String baseUrl, String accountId, String body, String appSecret) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post(baseUrl, accountId, bytes, MetaSignature.sign(bytes, appSecret));
    }
}
