package org.relaydesk.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.relaydesk.core.error.TooManyRequestsException;

class RateLimiterTest {
    /** Time the test moves by hand. */
    static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-12-07T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final HandClock clock = new HandClock();

    private RateLimiter limiter(long capacity, Duration period, CounterStore store) {
        return new RateLimiter(capacity, period, "Too many", store, clock);
    }

    private static CounterStore memory() {
        return new LocalCounterStore(Duration.ofDays(1), 1000);
    }

    @Test
    void theCapacityPassesAtOnceAndTheNextWaitsForItsShareOfThePeriod() {
        RateLimiter limiter = limiter(10, Duration.ofMinutes(10), memory());
        for (int i = 0; i < 10; i++) {
            limiter.acquire("203.0.113.9");
        }
        assertThatThrownBy(() -> limiter.acquire("203.0.113.9")).isInstanceOfSatisfying(TooManyRequestsException.class,
                refused -> assertThat(refused.retryAfterSeconds()).as("one attempt comes back every minute").isBetween(60L, 61L));
        assertThatCode(() -> limiter.acquire("198.51.100.7")).as("another address has its own").doesNotThrowAnyException();

        clock.advance(Duration.ofSeconds(59));
        assertThatThrownBy(() -> limiter.acquire("203.0.113.9")).isInstanceOf(TooManyRequestsException.class);
        clock.advance(Duration.ofSeconds(1));
        limiter.acquire("203.0.113.9");
        assertThatThrownBy(() -> limiter.acquire("203.0.113.9")).as("only one came back").isInstanceOf(TooManyRequestsException.class);

        clock.advance(Duration.ofMinutes(10));
        for (int i = 0; i < 10; i++) {
            limiter.acquire("203.0.113.9");
        }
        assertThatThrownBy(() -> limiter.acquire("203.0.113.9")).as("never more than the capacity, however long it rested")
                .isInstanceOf(TooManyRequestsException.class);
    }

    @Test
    void checkTakesNothingRecordFailureTakesWhatIsLeftRefundAndResetGiveBack() {
        RateLimiter limiter = limiter(3, Duration.ofMinutes(15), memory());
        for (int i = 0; i < 10; i++) {
            limiter.check("a");
        }
        for (int i = 0; i < 5; i++) {
            limiter.recordFailure("a"); // the last two find nothing left, and do not throw
        }
        assertThatThrownBy(() -> limiter.check("a")).isInstanceOf(TooManyRequestsException.class);
        limiter.refund("a");
        limiter.check("a");
        limiter.acquire("a");
        assertThatThrownBy(() -> limiter.acquire("a")).isInstanceOf(TooManyRequestsException.class);
        limiter.reset("a");
        limiter.acquire("a");
        limiter.acquire("a");
        limiter.acquire("a");
        assertThatThrownBy(() -> limiter.acquire("a")).isInstanceOf(TooManyRequestsException.class);
    }

    @Test
    void limitersOfTwoNodesOnOneSharedStoreCountTogether() {
        CounterStore shared = memory();
        RateLimiter nodeA = limiter(5, Duration.ofMinutes(15), shared);
        RateLimiter nodeB = limiter(5, Duration.ofMinutes(15), shared);
        nodeA.acquire("admin@x.test");
        nodeB.acquire("admin@x.test");
        nodeA.acquire("admin@x.test");
        nodeB.acquire("admin@x.test");
        nodeA.acquire("admin@x.test");
        assertThatThrownBy(() -> nodeB.acquire("admin@x.test")).isInstanceOf(TooManyRequestsException.class);
        assertThatThrownBy(() -> nodeA.acquire("admin@x.test")).isInstanceOf(TooManyRequestsException.class);
    }

    @Test
    void anAttemptWhoseWriteAnotherNodeBeatIsTriedAgainAndCountedOnce() {
        // a shared store where every other write loses to another node's
        CounterStore memory = memory();
        AtomicInteger writes = new AtomicInteger();
        CounterStore contended = new CounterStore() {
            @Override
            public OptionalLong get(String key) {
                return memory.get(key);
            }

            @Override
            public boolean putIfAbsent(String key, long value) {
                return writes.incrementAndGet() % 2 == 0 && memory.putIfAbsent(key, value);
            }

            @Override
            public boolean replace(String key, long expected, long value) {
                return writes.incrementAndGet() % 2 == 0 && memory.replace(key, expected, value);
            }

            @Override
            public void put(String key, long value) {
                memory.put(key, value);
            }

            @Override
            public void remove(String key) {
                memory.remove(key);
            }
        };
        RateLimiter limiter = limiter(100, Duration.ofHours(1), contended);
        int passed = 0;
        for (int i = 0; i < 400; i++) {
            passed += limiter.take("k").isEmpty() ? 1 : 0;
        }
        assertThat(passed).isEqualTo(100);
    }

    @Test
    void attemptsRacingFromManyThreadsNeverPassBeyondTheCapacity() throws Exception {
        RateLimiter limiter = limiter(100, Duration.ofHours(1), memory());
        ExecutorService threads = Executors.newFixedThreadPool(8);
        AtomicInteger passed = new AtomicInteger();
        List<Future<?>> attempts = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            attempts.add(threads.submit(() -> {
                if (limiter.take("k").isEmpty()) {
                    passed.incrementAndGet();
                }
            }));
        }
        for (Future<?> attempt : attempts) {
            attempt.get();
        }
        threads.shutdown();
        // a call that loses sixteen compare-and-sets in a row counts as refused, so a few may fall short; none over
        assertThat(passed.get()).isBetween(90, 100);
    }

    @Test
    void aClockThatSteppedBackDelaysAKeyByOnePeriodAtMost() {
        CounterStore store = memory();
        RateLimiter limiter = limiter(5, Duration.ofMinutes(15), store);
        for (int i = 0; i < 5; i++) {
            limiter.acquire("k");
        }
        clock.advance(Duration.ofHours(-6)); // the clock stepped back (or the next node's runs six hours behind)
        assertThatThrownBy(() -> limiter.acquire("k")).isInstanceOfSatisfying(TooManyRequestsException.class,
                refused -> assertThat(refused.retryAfterSeconds()).isLessThanOrEqualTo(15 * 60 + 1));
        clock.advance(Duration.ofMinutes(15));
        assertThatCode(() -> limiter.acquire("k")).doesNotThrowAnyException();
    }

    @Test
    void keysAreStoredHashedSoTheirLengthAndPlaceAreNotTheClientsToChoose() {
        LocalCounterStore raw = new LocalCounterStore(Duration.ofDays(1), 1000);
        CounterStore hashed = new HashedKeyStore(raw, new byte[32]);
        String longKey = "x".repeat(100_000) + "@example.test";
        hashed.putIfAbsent(longKey, 7);
        assertThat(hashed.get(longKey)).hasValue(7);
        assertThat(raw.get(longKey)).isEmpty();
        hashed.put(longKey, 8);
        assertThat(hashed.get(longKey)).hasValue(8);
        assertThat(new HashedKeyStore(raw, new byte[] {1, 2, 3}).get(longKey)).as("another installation's key finds nothing").isEmpty();
    }

    @Test
    void aLimitWithoutCapacityOrPeriodIsRefusedWhenMade() {
        assertThatThrownBy(() -> limiter(0, Duration.ofMinutes(1), memory())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limiter(5, Duration.ZERO, memory())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMemoryStoreForgetsTheLeastUsedKeysWhenFull() {
        LocalCounterStore small = new LocalCounterStore(Duration.ofDays(1), 100);
        for (int i = 0; i < 10_000; i++) {
            small.putIfAbsent("k" + i, i);
        }
        int kept = 0;
        for (int i = 0; i < 10_000; i++) {
            kept += small.get("k" + i).isPresent() ? 1 : 0;
        }
        assertThat(kept).isLessThanOrEqualTo(150);
    }
}
