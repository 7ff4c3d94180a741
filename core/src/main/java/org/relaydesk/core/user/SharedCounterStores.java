package org.relaydesk.core.user;

import java.time.Duration;
import java.util.Optional;

/**
 * Counter stores every node of a cluster shares, provided by the web application when the server is one
 * of several (its data grid); empty when it runs alone, and {@link RateLimits} then counts in memory.
 */
public interface SharedCounterStores {
    /** A store named {@code name} (the same name on every node is the same store), keeping keys for {@code keepFor}. */
    Optional<CounterStore> open(String name, Duration keepFor);
}
