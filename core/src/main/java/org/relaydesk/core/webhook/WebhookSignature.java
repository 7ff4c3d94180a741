package org.relaydesk.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a receiver knows a delivery came from this desk and was not replayed: HMAC-SHA256 with the
 * webhook's secret over "{timestamp}.{body}", sent as {@code Relaydesk-Webhook-Signature: v1=<hex>}
 * next to {@code Relaydesk-Webhook-Timestamp} (Unix seconds). A receiver recomputes it, compares in
 * constant time and refuses timestamps more than a few minutes old. The "v1=" prefix lets a second
 * scheme (or a rotated secret) be sent alongside later, comma-separated.
 */
public final class WebhookSignature {
    public static final String ID_HEADER = "Relaydesk-Webhook-Id";
    public static final String TIMESTAMP_HEADER = "Relaydesk-Webhook-Timestamp";
    public static final String SIGNATURE_HEADER = "Relaydesk-Webhook-Signature";
    public static final String EVENT_HEADER = "Relaydesk-Event";

    private WebhookSignature() {
    }

    public static String sign(String secret, long timestamp, String body) {
        return "v1=" + HexFormat.of().formatHex(hmac(secret, timestamp + "." + body));
    }

    /** What a receiver does (and what the tests do): true when one of the header's v1 signatures is the body's. */
    public static boolean verify(String secret, long timestamp, String body, String header) {
        if (header == null) {
            return false;
        }
        byte[] expected = hmac(secret, timestamp + "." + body);
        for (String part : header.split(",")) {
            String value = part.trim();
            if (value.startsWith("v1=")) {
                try {
                    if (MessageDigest.isEqual(expected, HexFormat.of().parseHex(value.substring(3)))) {
                        return true;
                    }
                } catch (IllegalArgumentException notHex) {
                    // another part may match
                }
            }
        }
        return false;
    }

    private static byte[] hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
