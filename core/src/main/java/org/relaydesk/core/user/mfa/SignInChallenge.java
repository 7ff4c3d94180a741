package org.relaydesk.core.user.mfa;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a correct password earns when the account has (or must set up) a second factor: not a
 * session, but a short-lived ticket naming the account that lets its holder try a code. It is
 * signed (HMAC-SHA256 under a key derived from the installation's, so every node of a cluster
 * accepts it and nobody else can make one) and carries the account's session epoch, so that a
 * password change or a deactivation in between voids it. A ticket is no credential for anything
 * else: {@link #read} is its only reader, and the codes it lets one try are throttled per account.
 */
public record SignInChallenge(UUID workspaceId, UUID userId, int sessionEpoch, Purpose purpose, boolean remember, Instant expiresAt) {
    /** Five minutes to open the authenticator app and type a code, or to scan a QR code and type the first. */
    public static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final String VERSION = "sf1";

    public enum Purpose {
        /** The account has a second factor: a code (or a recovery code) completes the sign-in. */
        CODE,
        /** The workspace requires one for the account's role and it has none yet: it must set one up first. */
        ENROL
    }

    public static SignInChallenge of(UUID workspaceId, UUID userId, int sessionEpoch, Purpose purpose, boolean remember, Instant now) {
        return new SignInChallenge(workspaceId, userId, sessionEpoch, purpose, remember, now.plus(LIFETIME));
    }

    public String sign(byte[] key) {
        String payload = String.join(".", VERSION, workspaceId.toString(), userId.toString(), Integer.toString(sessionEpoch), purpose.name(),
                remember ? "1" : "0", Long.toString(expiresAt.getEpochSecond()));
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return encoded + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(key, encoded));
    }

    /** The ticket, when the text is one this installation signed and it has not expired; empty for anything else. */
    public static Optional<SignInChallenge> read(String text, byte[] key, Instant now) {
        if (text == null || text.length() > 512) {
            return Optional.empty();
        }
        int dot = text.indexOf('.');
        if (dot <= 0 || dot != text.lastIndexOf('.')) {
            return Optional.empty();
        }
        String encoded = text.substring(0, dot);
        try {
            byte[] signature = Base64.getUrlDecoder().decode(text.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(key, encoded))) {
                return Optional.empty();
            }
            String[] parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split("\\.");
            if (parts.length != 7 || !VERSION.equals(parts[0])) {
                return Optional.empty();
            }
            SignInChallenge challenge = new SignInChallenge(UUID.fromString(parts[1]), UUID.fromString(parts[2]), Integer.parseInt(parts[3]),
                    Purpose.valueOf(parts[4]), "1".equals(parts[5]), Instant.ofEpochSecond(Long.parseLong(parts[6])));
            return challenge.expiresAt().isAfter(now) ? Optional.of(challenge) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not base64, not a number, not a purpose: not ours
        }
    }

    private static byte[] mac(byte[] key, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
