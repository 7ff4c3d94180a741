package org.relaydesk.plugin.webform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.relaydesk.api.host.KeyValueStore;

/**
 * The stamps of forms already taken: a stamp (and the proof of work done for it) is good for one
 * request. Checking and taking are one atomic step (an insert-if-absent), so parallel posts of one
 * stamp cannot all pass a check before any records it: exactly one claims it. In the host's
 * key-value store the claim holds across the nodes of a cluster; before the plugin has a store
 * (tests, a host that did not start it) it holds on this node, in memory.
 * <p>
 * Keys are "stamp:" + the stamp's issue time (13 digits, so keys sort oldest first) + ":" + the
 * stamp's SHA-256: claims of expired stamps (which {@link Stamp#problem} refuses anyway) are removed
 * from the front now and then.
 */
final class StampClaims {
    static final String PREFIX = "stamp:";
    /** Every so many claims, the expired ones are removed. */
    static final int SWEEP_EVERY = 200;
    static final int MEMORY_LIMIT = 100_000;

    private final Supplier<KeyValueStore> store;
    private final Map<String, Instant> memory = new LinkedHashMap<>();
    private final AtomicLong claims = new AtomicLong();

    StampClaims(Supplier<KeyValueStore> store) {
        this.store = store;
    }

    /** Whether this call took the stamp (false: it was taken before, here or on another node). The stamp must be genuine. */
    boolean claim(String stamp, Instant now) {
        String key = key(stamp);
        KeyValueStore shared = store.get();
        if (claims.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep(shared, now);
        }
        if (shared != null) {
            return shared.replace(key, null, now.toString());
        }
        synchronized (memory) {
            expire(now);
            if (memory.containsKey(key)) {
                return false;
            }
            memory.put(key, issued(stamp).plus(Stamp.LONGEST));
            if (memory.size() > MEMORY_LIMIT) {
                memory.remove(memory.keySet().iterator().next());
            }
            return true;
        }
    }

    /** Gives a claimed stamp back: the post was refused after all (a limit, the host's check), so the customer may fix it and send it again. */
    void release(String stamp) {
        KeyValueStore shared = store.get();
        if (shared != null) {
            shared.remove(key(stamp));
        } else {
            synchronized (memory) {
                memory.remove(key(stamp));
            }
        }
    }

    private void sweep(KeyValueStore shared, Instant now) {
        if (shared == null) {
            return;
        }
        long oldestGood = now.minus(Stamp.LONGEST).toEpochMilli();
        for (String key : shared.list(PREFIX).keySet()) {
            long issued = Long.parseLong(key.substring(PREFIX.length(), key.indexOf(':', PREFIX.length())));
            if (issued >= oldestGood) {
                break; // by key, oldest first: the rest are still good
            }
            shared.remove(key);
        }
    }

    private void expire(Instant now) {
        var oldest = memory.entrySet().iterator();
        while (oldest.hasNext() && oldest.next().getValue().isBefore(now)) {
            oldest.remove();
        }
    }

    static String key(String stamp) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(stamp.getBytes(StandardCharsets.UTF_8));
            return PREFIX + String.format("%013d", issued(stamp).toEpochMilli()) + ":" + HexFormat.of().formatHex(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** When a genuine stamp was issued (its first eight bytes). */
    private static Instant issued(String stamp) {
        byte[] payload = Base64.getUrlDecoder().decode(stamp.substring(0, stamp.indexOf('.')));
        return Instant.ofEpochMilli(Math.max(0, ByteBuffer.wrap(payload).getLong()));
    }
}
