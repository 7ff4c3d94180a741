package org.relaydesk.plugin.webform;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many forms an email address or a network address sent in the last hour (in memory, per
 * form). Bounded: the least recently used keys are forgotten, so a flood of distinct keys cannot
 * exhaust memory.
 */
final class SubmissionLimits {
    private static final Duration WINDOW = Duration.ofHours(1);
    private final int perHour;
    private final Map<String, Deque<Instant>> seen = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > 20_000;
        }
    };

    SubmissionLimits(int perHour) {
        this.perHour = perHour;
    }

    /** Counts a submission for every key, unless one of them is at its limit: then nothing is counted and false is answered. */
    synchronized boolean take(Instant now, String... keys) {
        for (String key : keys) {
            Deque<Instant> times = seen.computeIfAbsent(key, k -> new ArrayDeque<>());
            while (!times.isEmpty() && times.peekFirst().plus(WINDOW).isBefore(now)) {
                times.pollFirst();
            }
            if (times.size() >= perHour) {
                return false;
            }
        }
        for (String key : keys) {
            seen.get(key).addLast(now);
        }
        return true;
    }
}
