package org.relaydesk.core.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;
import org.relaydesk.core.persistence.SecretBox;

/**
 * Where the services get their rate limiters: counted together by every node of a cluster when the
 * server is one of several, so that a guesser gains nothing from spreading attempts over the nodes;
 * in this node's memory otherwise. Each limiter has a name, the same on every node. Keys are stored as
 * their HMAC under a key derived from the installation's (the same on every node; see {@link HashedKeyStore}).
 */
@ApplicationScoped
public class RateLimits {
    /** Keys a limiter remembers at most on one node: a flood of distinct addresses cannot exhaust memory. */
    static final long MAXIMUM_KEYS = 50_000;
    private static final Logger LOG = Logger.getLogger(RateLimits.class.getName());

    @Inject
    Instance<SharedCounterStores> shared;

    @Inject
    Instance<SecretBox> secrets;

    Clock clock = Clock.systemUTC();
    private volatile byte[] keyKey;

    /** A limiter allowing {@code capacity} attempts per key at once, given back evenly over {@code period}. */
    public RateLimiter limiter(String name, long capacity, Duration period, String message) {
        return new RateLimiter(capacity, period, message, store(name, period, MAXIMUM_KEYS), clock);
    }

    /** Failed sign-ins, counted as {@link LoginThrottle} explains, under {@code name} (staff and customers apart). */
    public LoginThrottle loginThrottle(String name) {
        return new LoginThrottle(this, name);
    }

    CounterStore store(String name, Duration keepFor, long maximumKeys) {
        CounterStore store = null;
        if (shared != null && !shared.isUnsatisfied()) {
            if (shared.isAmbiguous()) {
                throw new IllegalStateException("More than one SharedCounterStores: rate limits would not know where to count");
            }
            store = shared.get().open(name, keepFor).orElse(null);
        }
        if (store == null) {
            store = new LocalCounterStore(keepFor, maximumKeys);
        }
        return new HashedKeyStore(store, keyKey());
    }

    private byte[] keyKey() {
        byte[] known = keyKey;
        if (known == null) {
            if (secrets != null && secrets.isResolvable()) {
                known = secrets.get().derive("rate-limit-keys");
            } else {
                // no installation key (a limiter made outside the server): the keys need only differ from an attacker's guess
                known = new byte[32];
                new SecureRandom().nextBytes(known);
                LOG.fine("Rate limits: no installation key; keys hashed with a random one");
            }
            keyKey = known;
        }
        return known;
    }
}
