package org.relaydesk.core.plugin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every call into a plugin goes through here: it runs on a thread of its own with a time limit;
 * an exception or a hang is caught and counted for that plugin, and after {@link #TRIP_AFTER}
 * failures in a row the plugin is paused (calls are refused at once) for a cool-down, after which
 * one call is let through to see whether it works again. The core and the other plugins never wait
 * longer than the limit, whatever a plugin does.
 */
public final class PluginGuard {
    static final int TRIP_AFTER = 5;
    private final Duration timeout;
    private final Duration coolDown;
    private final Clock clock;
    private final Map<String, Health> health = new ConcurrentHashMap<>();
    // Plain daemon threads, not the server's managed executor: a plugin's code must not run with the
    // container's transaction or security context, and a hung call must not hold a server thread.
    private final ExecutorService threads = Executors.newCachedThreadPool(new java.util.concurrent.ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        public Thread newThread(Runnable r) {
            Thread thread = new Thread(r, "relaydesk-plugin-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    });

    /** What a plugin's calls have done lately. */
    public static final class Health {
        private long calls;
        private long failures;
        private int failuresInARow;
        private String lastError;
        private Instant lastErrorAt;
        private Instant pausedUntil;

        public synchronized long calls() {
            return calls;
        }

        public synchronized long failures() {
            return failures;
        }

        public synchronized String lastError() {
            return lastError;
        }

        public synchronized Instant lastErrorAt() {
            return lastErrorAt;
        }

        public synchronized Instant pausedUntil() {
            return pausedUntil;
        }

        /** ok, failing (its last call failed) or paused (the circuit is open). */
        public synchronized String state(Instant now) {
            if (pausedUntil != null && now.isBefore(pausedUntil)) {
                return "paused";
            }
            return failuresInARow > 0 ? "failing" : "ok";
        }
    }

    /** A call that failed, timed out or was refused because the plugin is paused. */
    public static final class CallFailed extends Exception {
        private static final long serialVersionUID = 1L;

        CallFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An exception the plugin throws on purpose (a refusal it explains, not a malfunction): passed through, not counted. */
    public interface Expected {
        boolean test(Throwable thrown);
    }

    public PluginGuard(Duration timeout, Duration coolDown, Clock clock) {
        this.timeout = timeout;
        this.coolDown = coolDown;
        this.clock = clock;
    }

    public Health health(String pluginId) {
        return health.computeIfAbsent(pluginId, id -> new Health());
    }

    public void forget(String pluginId) {
        health.remove(pluginId);
    }

    public <T> T call(String pluginId, Callable<T> work, Expected expected) throws Exception {
        return call(pluginId, work, expected, timeout);
    }

    /** With a limit of its own (a poll of a mail server may take longer than an action). */
    public <T> T call(String pluginId, Callable<T> work, Expected expected, Duration limit) throws Exception {
        Health h = health(pluginId);
        Instant now = clock.instant();
        synchronized (h) {
            if (h.pausedUntil != null && now.isBefore(h.pausedUntil)) {
                throw new CallFailed(pluginId + " is paused after " + TRIP_AFTER + " failures in a row (until " + h.pausedUntil + ")", null);
            }
            h.calls++;
        }
        Future<T> future = threads.submit(work);
        try {
            T result = future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            succeeded(h);
            return result;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw failed(h, pluginId + " did not answer within " + limit.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (expected != null && expected.test(cause)) {
                succeeded(h);
                throw (Exception) cause;
            }
            throw failed(h, pluginId + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new CallFailed("interrupted while waiting for " + pluginId, e);
        }
    }

    private static void succeeded(Health h) {
        synchronized (h) {
            h.failuresInARow = 0;
            h.pausedUntil = null;
        }
    }

    private CallFailed failed(Health h, String message, Throwable cause) {
        synchronized (h) {
            h.failures++;
            h.failuresInARow++;
            h.lastError = message;
            h.lastErrorAt = clock.instant();
            if (h.failuresInARow >= TRIP_AFTER) {
                h.pausedUntil = clock.instant().plus(coolDown);
            }
        }
        return new CallFailed(message, cause);
    }
}
