package org.relaydesk.core.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How long an outbox entry waits after each failed attempt; after the last one it is dead (kept, and replayable). */
final class Backoff {
    static final List<Duration> PAUSES = List.of(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12));

    private Backoff() {
    }

    /** The pause after {@code attempts} failed attempts, or empty when there is no attempt left (about a day in all). */
    static Optional<Duration> after(int attempts) {
        return attempts >= 1 && attempts <= PAUSES.size() ? Optional.of(PAUSES.get(attempts - 1)) : Optional.empty();
    }
}
