package org.relaydesk.core.user.mfa;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recovery codes: the way back in when the phone is lost. Ten per account, each used once, shown
 * once when made and stored only as an HMAC-SHA256 under a key the database does not hold (about 50
 * random bits each: online guessing is bounded by the throttle, and a copy of the database alone gives
 * nothing to search offline). Letters and digits that cannot be mistaken for each other, in two groups
 * of five.
 */
public final class RecoveryCodes {
    public static final int COUNT = 10;
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // no i, l, o, 0, 1
    private static final int LENGTH = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {
    }

    public static List<String> generate() {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            StringBuilder code = new StringBuilder(LENGTH + 1);
            for (int c = 0; c < LENGTH; c++) {
                if (c == LENGTH / 2) {
                    code.append('-');
                }
                code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            codes.add(code.toString());
        }
        return codes;
    }

    /** Whether the text has a recovery code's shape (ignoring case, spaces and the hyphen), before any database look-up. */
    public static boolean looksLikeOne(String typed) {
        String normal = normalise(typed);
        return normal.length() == LENGTH && normal.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
    }

    public static String hash(String typed, byte[] key) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(normalise(typed).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String normalise(String typed) {
        return typed == null ? "" : typed.replace("-", "").replace(" ", "").trim().toLowerCase(Locale.ROOT);
    }
}
