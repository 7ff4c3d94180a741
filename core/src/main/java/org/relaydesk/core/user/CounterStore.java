package org.relaydesk.core.user;

import java.util.OptionalLong;

/**
 * Numbers kept per key for a while, changed by compare-and-set: what a {@link RateLimiter} needs to count
 * attempts on one node, or on every node of a cluster at once. Each store forgets a key some time after
 * its last change (the time it was opened with), and may forget the least used keys when it is full.
 */
public interface CounterStore {
    OptionalLong get(String key);

    /** Sets the key's number if it has none; false when another writer was first. */
    boolean putIfAbsent(String key, long value);

    /** Changes the key's number from {@code expected} to {@code value}; false when it was changed meanwhile. */
    boolean replace(String key, long expected, long value);

    /** Sets the key's number, whatever it was (and starts its time to be kept again). */
    void put(String key, long value);

    void remove(String key);
}
