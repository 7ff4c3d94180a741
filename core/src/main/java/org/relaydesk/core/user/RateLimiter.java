package org.relaydesk.core.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.relaydesk.core.error.TooManyRequestsException;

/**
 * Limits attempts per key (an address, an account): {@code capacity} at once, given back one by one,
 * evenly over {@code period} (a token bucket). Kept as the generic cell rate algorithm does: one number
 * per key, the moment by which the key's earlier attempts are paid off, changed by compare-and-set. So
 * the same limiter works in this node's memory or in a store every node of a cluster shares
 * ({@link RateLimits}), where attempts made through several nodes at once are all counted. Bounded: the
 * store forgets a key one period after its last attempt (it would be back at full capacity by then) and,
 * when full, the least used keys.
 */
public final class RateLimiter {
    /** Compare-and-set rounds one call makes at most before it counts as refused (or, giving back, gives up). */
    static final int MAXIMUM_TRIES = 16;
    private final long interval;
    private final long tolerance;
    private final String message;
    private final CounterStore store;
    private final Clock clock;

    public RateLimiter(long capacity, Duration period, String message, CounterStore store, Clock clock) {
        if (capacity < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("A rate limit needs a capacity of at least 1 and a period, not " + capacity + " per " + period);
        }
        long periodMicros = TimeUnit.NANOSECONDS.toMicros(period.toNanos());
        this.interval = Math.max(1, periodMicros / capacity);
        this.tolerance = interval * (capacity - 1);
        this.message = message;
        this.store = store;
        this.clock = clock;
    }

    /** Takes one attempt for the key or throws {@link TooManyRequestsException}. */
    public void acquire(String key) {
        Optional<TooManyRequestsException> refused = take(key);
        if (refused.isPresent()) {
            throw refused.get();
        }
    }

    /** Takes one attempt for the key, or says (without throwing) how long the key must wait. */
    public Optional<TooManyRequestsException> take(String key) {
        for (int attempt = 0; attempt < MAXIMUM_TRIES; attempt++) {
            long now = now();
            OptionalLong paidOff = store.get(key);
            long latest = now + tolerance + interval;
            if (paidOff.isPresent() && paidOff.getAsLong() > latest) {
                // later than any key can honestly be: this clock stepped back, or another node's runs ahead. The key
                // then waits one period from now at most, instead of until this clock catches up.
                store.replace(key, paidOff.getAsLong(), latest);
                continue;
            }
            long from = from(paidOff, now);
            if (from - now > tolerance) {
                return Optional.of(tooMany(from - now - tolerance));
            }
            if (swap(key, paidOff, from + interval)) {
                return Optional.empty();
            }
        }
        // this many writers at once on one key is a flood, not a person: it waits like one over its limit
        return Optional.of(tooMany(interval));
    }

    /** Throws when the key has no attempt left, without taking one (for limits that count failures only). */
    public void check(String key) {
        long now = now();
        long from = from(store.get(key), now);
        if (from - now > tolerance) {
            throw tooMany(from - now - tolerance);
        }
    }

    /** Counts a failure: takes one attempt when the key has one left, and nothing otherwise. */
    public void recordFailure(String key) {
        take(key);
    }

    /** Gives back an attempt taken by {@link #acquire}: the attempt turned out to be one that does not count. */
    public void refund(String key) {
        for (int attempt = 0; attempt < MAXIMUM_TRIES; attempt++) {
            OptionalLong paidOff = store.get(key);
            if (paidOff.isEmpty() || store.replace(key, paidOff.getAsLong(), paidOff.getAsLong() - interval)) {
                return;
            }
        }
    }

    /** Forgets the key's attempts. */
    public void reset(String key) {
        store.remove(key);
    }

    /** When the key's earlier attempts are paid off, seen from {@code now}: never before now, nor later than a full budget from now. */
    private long from(OptionalLong paidOff, long now) {
        return Math.max(Math.min(paidOff.orElse(now), now + tolerance + interval), now);
    }

    private boolean swap(String key, OptionalLong expected, long value) {
        return expected.isPresent() ? store.replace(key, expected.getAsLong(), value) : store.putIfAbsent(key, value);
    }

    private long now() {
        Instant instant = clock.instant();
        return TimeUnit.SECONDS.toMicros(instant.getEpochSecond()) + TimeUnit.NANOSECONDS.toMicros(instant.getNano());
    }

    private TooManyRequestsException tooMany(long microsToWait) {
        return new TooManyRequestsException(message, TimeUnit.MICROSECONDS.toSeconds(microsToWait) + 1);
    }
}
