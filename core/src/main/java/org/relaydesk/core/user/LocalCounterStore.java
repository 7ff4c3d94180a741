package org.relaydesk.core.user;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentMap;

/** A {@link CounterStore} in this node's memory, bounded: a flood of distinct keys makes it forget the least used. */
public final class LocalCounterStore implements CounterStore {
    private final ConcurrentMap<String, Long> numbers;

    public LocalCounterStore(Duration keepFor, long maximumKeys) {
        Cache<String, Long> cache = Caffeine.newBuilder().expireAfterWrite(keepFor).maximumSize(maximumKeys)
                .executor(Runnable::run) // evicts as it is written to, not later on a shared pool
                .build();
        numbers = cache.asMap();
    }

    @Override
    public OptionalLong get(String key) {
        Long value = numbers.get(key);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    @Override
    public boolean putIfAbsent(String key, long value) {
        return numbers.putIfAbsent(key, value) == null;
    }

    @Override
    public boolean replace(String key, long expected, long value) {
        return numbers.replace(key, expected, value);
    }

    @Override
    public void put(String key, long value) {
        numbers.put(key, value);
    }

    @Override
    public void remove(String key) {
        numbers.remove(key);
    }
}
