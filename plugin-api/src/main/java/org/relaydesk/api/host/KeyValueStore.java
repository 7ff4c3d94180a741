package org.relaydesk.api.host;

import java.util.Map;
import java.util.Optional;

/** A plugin's own values by key (at most 200 characters; values at most 64 KB). Since 1.1. */
public interface KeyValueStore {
    Optional<String> get(String key);

    void put(String key, String value);

    void remove(String key);

    /** The values whose keys start with {@code prefix}, at most 1,000, by key. */
    Map<String, String> list(String prefix);

    /**
     * Sets the value only if it is still {@code expected} (null: only if there is none), atomically
     * across the nodes of a cluster: for counters and claims.
     */
    boolean replace(String key, String expected, String value);
}
