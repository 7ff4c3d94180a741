package org.relaydesk.core.user.mfa;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * Time-based one-time passwords as RFC 6238 defines them and every authenticator app computes them:
 * HMAC-SHA1 over the number of 30-second steps since the epoch, six digits. A code is accepted one
 * step early or late (a phone's clock a little off, a code typed as it turned over), and
 * {@link #matchingStep} says which step matched so that the caller can refuse it a second time.
 */
public final class Totp {
    public static final int STEP_SECONDS = 30;
    public static final int DIGITS = 6;
    /** 160 bits, the size RFC 4226 recommends for HMAC-SHA1. */
    public static final int SECRET_BYTES = 20;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base32 BASE32 = new Base32();

    private Totp() {
    }

    public static byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /** The secret as authenticator apps take it when typed: base32, upper case, without padding. */
    public static String base32(byte[] secret) {
        return BASE32.encodeToString(secret).replace("=", "");
    }

    public static byte[] fromBase32(String text) {
        return BASE32.decode(text.replace(" ", "").toUpperCase(Locale.ROOT));
    }

    public static long stepAt(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), STEP_SECONDS);
    }

    /** The code for one step, zero-padded to {@code digits}. */
    public static String code(byte[] secret, long step, int digits) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16) | ((hash[offset + 2] & 0xff) << 8)
                    | (hash[offset + 3] & 0xff);
            int modulus = (int) Math.pow(10, digits);
            return String.format(Locale.ROOT, "%0" + digits + "d", binary % modulus);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }

    public static String code(byte[] secret, Instant at) {
        return code(secret, stepAt(at), DIGITS);
    }

    /**
     * The step whose code this is, looking one step either side of {@code now}; empty when none
     * matches or the text is not six digits (spaces between the digits are allowed, as apps show them).
     */
    public static OptionalLong matchingStep(byte[] secret, String typed, Instant now) {
        if (typed == null) {
            return OptionalLong.empty();
        }
        String digits = typed.replace(" ", "");
        if (digits.length() != DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        long current = stepAt(now);
        for (long step = current - 1; step <= current + 1; step++) {
            if (java.security.MessageDigest.isEqual(code(secret, step, DIGITS).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    digits.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    /**
     * The otpauth:// address an authenticator app reads from a QR code (Google Authenticator's "Key
     * Uri Format", which the other apps follow): issuer and account shown in the app.
     */
    public static String provisioningUri(byte[] secret, String issuer, String account) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + base32(secret) + "&issuer=" + encode(issuer) + "&algorithm=SHA1&digits=" + DIGITS
                + "&period=" + STEP_SECONDS;
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
