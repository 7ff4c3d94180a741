package org.relaydesk.core.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;

/**
 * Where the services get their rate limiters: counted together by every node of a cluster when the
 * server is one of several, so that a guesser gains nothing from spreading attempts over the nodes;
 * in this node's memory otherwise. Each limiter has a name, the same on every node.
 */
@ApplicationScoped
public class RateLimits {
    /** Keys a limiter remembers at most on one node: a flood of distinct addresses cannot exhaust memory. */
    static final long MAXIMUM_KEYS = 50_000;

    @Inject
    Instance<SharedCounterStores> shared;

    Clock clock = Clock.systemUTC();

    /** A limiter allowing {@code capacity} attempts per key at once, given back evenly over {@code period}. */
    public RateLimiter limiter(String name, long capacity, Duration period, String message) {
        return new RateLimiter(capacity, period, message, store(name, period), clock);
    }

    /** Failed sign-ins, counted as {@link LoginThrottle} explains, under {@code name} (staff and customers apart). */
    public LoginThrottle loginThrottle(String name) {
        return new LoginThrottle(this, name);
    }

    CounterStore store(String name, Duration keepFor) {
        if (shared != null && shared.isResolvable()) {
            var grid = shared.get().open(name, keepFor);
            if (grid.isPresent()) {
                return grid.get();
            }
        }
        return new LocalCounterStore(keepFor, MAXIMUM_KEYS);
    }
}
