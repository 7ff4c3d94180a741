package org.relaydesk.plugin.webform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed timestamp a form is shown with: when it was handed out, a random nonce, and an HMAC
 * over both with the account's key. A post must bring one back that is genuine, old enough (a
 * person needs seconds to fill a form, a robot does not wait) and not stale; with proof of work on,
 * also a nonce whose SHA-256 with the stamp starts with the asked number of zero bits.
 */
final class Stamp {
    static final Duration LONGEST = Duration.ofHours(2);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Stamp() {
    }

    static String issue(byte[] key, Instant now) {
        byte[] payload = ByteBuffer.allocate(16).putLong(now.toEpochMilli()).putLong(RANDOM.nextLong()).array();
        return encode(payload) + "." + encode(mac(key, payload));
    }

    /** Why the stamp is refused, or null when it is good. */
    static String problem(byte[] key, String stamp, Instant now, int minSeconds) {
        if (stamp == null || stamp.length() > 200 || stamp.indexOf('.') < 0) {
            return "the form is incomplete; reload the page and try again";
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = Base64.getUrlDecoder().decode(stamp.substring(0, stamp.indexOf('.')));
            signature = Base64.getUrlDecoder().decode(stamp.substring(stamp.indexOf('.') + 1));
        } catch (IllegalArgumentException e) {
            return "the form is incomplete; reload the page and try again";
        }
        if (payload.length != 16 || !MessageDigest.isEqual(signature, mac(key, payload))) {
            return "the form is incomplete; reload the page and try again";
        }
        Instant issued = Instant.ofEpochMilli(ByteBuffer.wrap(payload).getLong());
        if (issued.plusSeconds(minSeconds).isAfter(now)) {
            return "that was too fast; please wait a moment and send it again";
        }
        if (issued.plus(LONGEST).isBefore(now)) {
            return "the form was open too long; reload the page and send it again";
        }
        return null;
    }

    /** Whether sha256(stamp + ":" + nonce) starts with {@code bits} zero bits. */
    static boolean worked(String stamp, String nonce, int bits) {
        if (bits <= 0) {
            return true;
        }
        if (nonce == null || nonce.length() > 40) {
            return false;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((stamp + ":" + nonce).getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < bits; i++) {
                if ((hash[i / 8] & (0x80 >>> (i % 8))) != 0) {
                    return false;
                }
            }
            return true;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] mac(byte[] key, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
