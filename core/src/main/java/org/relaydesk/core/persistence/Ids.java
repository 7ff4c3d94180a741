package org.relaydesk.core.persistence;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered UUIDs (version 7, RFC 9562): rows inserted together sit together in the primary-key
 * index, which keeps bulk inserts of tickets and messages fast, while ids stay unguessable.
 */
public final class Ids {
    /** One generator per thread: a shared SecureRandom is synchronized, and request threads queued on it under load. */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    private Ids() {
    }

    public static UUID newId() {
        long millis = System.currentTimeMillis();
        SecureRandom random = RANDOM.get();
        long randA = random.nextInt(1 << 12);
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** Parses an id from a path or body; empty when it is not a UUID (callers answer 404 or 400). */
    public static java.util.Optional<UUID> parse(String value) {
        if (value == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(UUID.fromString(value.trim()));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
