package org.relaydesk.plugin.whatsapp.fake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook body as Meta does, for tests that post webhooks: header {@value #HEADER}, value
 * {@code sha256=} and the hex HMAC-SHA256 of the exact body bytes, keyed with the app secret.
 * Written apart from the plugin's own check, so a test proves the two agree.
 */
public final class MetaSignature {
    public static final String HEADER = "X-Hub-Signature-256";

    private MetaSignature() {
    }

    public static String sign(byte[] body, String appSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(String body, String appSecret) {
        return sign(body.getBytes(StandardCharsets.UTF_8), appSecret);
    }
}
