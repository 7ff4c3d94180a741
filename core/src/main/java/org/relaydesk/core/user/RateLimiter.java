package org.relaydesk.core.user;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.relaydesk.core.error.TooManyRequestsException;

/**
 * Token buckets per key (an address, an account). Bounded: the least recently used keys are
 * forgotten, so a flood of distinct keys cannot exhaust memory.
 */
public final class RateLimiter {
    private final long capacity;
    private final Duration refillPeriod;
    private final String message;
    private final Map<String, Bucket> buckets = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > 50_000;
        }
    });

    public RateLimiter(long capacity, Duration refillPeriod, String message) {
        this.capacity = capacity;
        this.refillPeriod = refillPeriod;
        this.message = message;
    }

    /** Takes one token for the key or throws {@link TooManyRequestsException}. */
    public void acquire(String key) {
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw tooMany(probe.getNanosToWaitForRefill());
        }
    }

    /** Throws when the key has no token left, without taking one (for limits that count failures only). */
    public void check(String key) {
        Bucket bucket = bucket(key);
        if (bucket.getAvailableTokens() < 1) {
            throw tooMany(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
        }
    }

    /** Gives back a token taken by {@link #acquire}: the attempt turned out to be one that does not count. */
    public void refund(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            bucket.addTokens(1);
        }
    }

    public void recordFailure(String key) {
        bucket(key).tryConsume(1);
    }

    private Bucket bucket(String key) {
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, refillPeriod).build())
                .build());
    }

    private TooManyRequestsException tooMany(long nanosToWait) {
        return new TooManyRequestsException(message, TimeUnit.NANOSECONDS.toSeconds(nanosToWait) + 1);
    }

    public void reset(String key) {
        buckets.remove(key);
    }
}
