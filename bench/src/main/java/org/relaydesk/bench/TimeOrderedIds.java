package org.relaydesk.bench;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Version 7 UUIDs like the app's own ids: rows inserted together sit together in the primary-key
 * index, which is what makes the app's inserts cheap, so seeded tables get the same layout.
 * Unlike the app's, the random bits need not be unguessable here.
 */
final class TimeOrderedIds {
    private final SplittableRandom random;

    TimeOrderedIds(SplittableRandom random) {
        this.random = random;
    }

    UUID next() {
        long millis = System.currentTimeMillis();
        long msb = (millis << 16) | (0x7L << 12) | random.nextInt(1 << 12);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
