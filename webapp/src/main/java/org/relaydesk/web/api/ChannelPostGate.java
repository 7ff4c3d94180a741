package org.relaydesk.web.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.relaydesk.web.error.ServerBusyException;

/**
 * How many posts to channels' public addresses are being read at once, so that bodies held in
 * memory stay bounded whoever sends them: each client address may have a few in flight, and all of
 * them together may hold at most a budget of bytes. A post reserves the most it may bring (its
 * declared length, else its channel's limit) before a byte of it is read; when either bound is
 * reached it is refused at once, never queued (a queue would hold connections just the same).
 */
final class ChannelPostGate {
    /** Seconds a refused sender is asked to wait: posts are short, a slot frees within moments. */
    static final long RETRY_AFTER_SECONDS = 5;
    private final int perAddress;
    private final Semaphore kilobytes;
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();

    ChannelPostGate(int perAddress, long budgetBytes) {
        this.perAddress = perAddress;
        this.kilobytes = new Semaphore((int) Math.min(Integer.MAX_VALUE, Math.max(1, budgetBytes / 1024)));
    }

    /** A place for one post of at most {@code bytes} from {@code address}; close it when the post is answered. */
    Pass admit(String address, long bytes) {
        boolean[] taken = {false};
        inFlight.compute(address, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= perAddress) {
                return count;
            }
            taken[0] = true;
            return now + 1;
        });
        if (!taken[0]) {
            throw new ServerBusyException("Too many requests from this address are being received at once", RETRY_AFTER_SECONDS);
        }
        int reserved = (int) Math.min(Integer.MAX_VALUE, bytes / 1024 + 1);
        if (!kilobytes.tryAcquire(reserved)) {
            leave(address);
            throw new ServerBusyException("The server is receiving too much at once", RETRY_AFTER_SECONDS);
        }
        return new Pass(address, reserved);
    }

    private void leave(String address) {
        // the entry goes with its last post: addresses that come and go leave nothing behind
        inFlight.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
    }

    /** One admitted post; closing it gives its place and its bytes back (once). */
    final class Pass implements AutoCloseable {
        private final String address;
        private final int reserved;
        private boolean closed;

        private Pass(String address, int reserved) {
            this.address = address;
            this.reserved = reserved;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                kilobytes.release(reserved);
                leave(address);
            }
        }
    }
}
