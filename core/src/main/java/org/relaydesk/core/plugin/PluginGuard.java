package org.relaydesk.core.plugin;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.internal.CircuitBreakerStateMachine;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every call into a plugin goes through here: on a thread of its own with a time limit
 * (resilience4j's TimeLimiter), a bounded number at once (its Bulkhead), and behind a circuit
 * breaker (its CircuitBreaker): after {@link #TRIP_AFTER} failures in a row the calls are refused
 * at once for a cool-down, after which only {@code halfOpenTrials} calls are let through to see
 * whether the plugin works again. The core and the other plugins never wait longer than the limit,
 * whatever a plugin does.
 * <p>
 * Breakers, bulkheads and counts are kept per <em>scope</em>: a plugin as a whole (its workflow
 * actions, listeners, start), or one channel account of a channel plugin. So a mailbox that a burst
 * of crafted mail makes fail pauses that mailbox, not the channel for every workspace.
 */
public final class PluginGuard {
    static final int TRIP_AFTER = 5;
    /** Calls of one scope under way at once; a plugin whose calls hang cannot hold more threads than this. */
    static final int MAX_CONCURRENT_CALLS = 16;
    /** The default of {@link #webRequestCalls}: as many as the posts one client address may have in flight. */
    public static final int DEFAULT_WEB_REQUEST_CALLS = 64;
    /**
     * Calls under way at once answering one account's web requests (a provider's webhooks): a lane of
     * its own, so that filing and sending (media downloads, a slow provider) never take the places a
     * webhook needs to be stored and answered, nor the other way round. Each of these calls holds a
     * request thread already, and the posts in flight are bounded before they get here.
     */
    private final int webRequestCalls;
    private final Duration timeout;
    private final Duration coolDown;
    private final CircuitBreakerConfig breakerConfig;
    private final Clock clock;
    private final Map<Scope, Guarded> scopes = new ConcurrentHashMap<>();
    private final Map<String, Health> health = new ConcurrentHashMap<>();
    // Plain daemon threads, not the server's managed executor: a plugin's code must not run with the
    // container's transaction or security context, and a hung call must not hold a server thread.
    // The bulkhead bounds how many of them one scope can take.
    private final ExecutorService threads = Executors.newCachedThreadPool(new java.util.concurrent.ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        public Thread newThread(Runnable r) {
            Thread thread = new Thread(r, "relaydesk-plugin-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    });

    /**
     * Whose calls are counted together: a plugin (account null), one channel account of it, or the
     * web requests to one account's public address ({@code webRequests}), which have their own
     * places and their own breaker.
     */
    public record Scope(String pluginId, UUID accountId, boolean webRequests) {
        public static Scope plugin(String pluginId) {
            return new Scope(pluginId, null, false);
        }

        public static Scope account(String pluginId, UUID accountId) {
            return new Scope(pluginId, accountId, false);
        }

        public static Scope webRequests(String pluginId, UUID accountId) {
            return new Scope(pluginId, accountId, true);
        }

        @Override
        public String toString() {
            return accountId == null ? pluginId : pluginId + " (account " + accountId + (webRequests ? ", web requests" : "") + ")";
        }
    }

    /** A scope's breaker and bulkhead, and whether its last call failed. */
    private record Guarded(CircuitBreaker breaker, Bulkhead bulkhead, AtomicReference<Instant> pausedUntil, java.util.concurrent.atomic.AtomicBoolean lastFailed) {
    }

    /** What a plugin's calls (over all its scopes) have done lately, for the admin panel and /health. */
    public final class Health {
        private final String pluginId;
        private final AtomicLong calls = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();
        private final AtomicReference<String> lastError = new AtomicReference<>();
        private final AtomicReference<Instant> lastErrorAt = new AtomicReference<>();

        private Health(String pluginId) {
            this.pluginId = pluginId;
        }

        public long calls() {
            return calls.get();
        }

        public long failures() {
            return failures.get();
        }

        public String lastError() {
            return lastError.get();
        }

        public Instant lastErrorAt() {
            return lastErrorAt.get();
        }

        /** Until when the plugin as a whole is paused, or null. */
        public Instant pausedUntil() {
            Guarded guarded = scopes.get(Scope.plugin(pluginId));
            return guarded == null ? null : guarded.pausedUntil().get();
        }

        /** The channel accounts of the plugin whose calls are paused now. */
        public java.util.Set<UUID> pausedAccounts(Instant now) {
            java.util.Set<UUID> paused = new java.util.TreeSet<>();
            scopes.forEach((scope, guarded) -> {
                if (scope.pluginId().equals(pluginId) && scope.accountId() != null && isPaused(guarded, now)) {
                    paused.add(scope.accountId());
                }
            });
            return paused;
        }

        /**
         * ok; failing (a last call failed, of the plugin or of one of its accounts, or an account is
         * paused); or paused (the plugin as a whole: its circuit is open).
         */
        public String state(Instant now) {
            boolean failing = false;
            for (Map.Entry<Scope, Guarded> entry : scopes.entrySet()) {
                if (!entry.getKey().pluginId().equals(pluginId)) {
                    continue;
                }
                Guarded guarded = entry.getValue();
                if (entry.getKey().accountId() == null && isPaused(guarded, now)) {
                    return "paused";
                }
                failing |= guarded.lastFailed().get() || isPaused(guarded, now);
            }
            return failing ? "failing" : "ok";
        }
    }

    /** A call that failed, timed out or was refused because the plugin (or the account) is paused or busy. */
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

    /** One trial call after the cool-down. */
    public PluginGuard(Duration timeout, Duration coolDown, Clock clock) {
        this(timeout, coolDown, 1, clock);
    }

    public PluginGuard(Duration timeout, Duration coolDown, int halfOpenTrials, Clock clock) {
        this(timeout, coolDown, halfOpenTrials, DEFAULT_WEB_REQUEST_CALLS, clock);
    }

    /** {@code webRequestCalls}: how many web requests to one account its plugin may be answering at once. */
    public PluginGuard(Duration timeout, Duration coolDown, int halfOpenTrials, int webRequestCalls, Clock clock) {
        if (webRequestCalls < 1) {
            throw new IllegalArgumentException("webRequestCalls must be at least 1, not " + webRequestCalls);
        }
        this.webRequestCalls = webRequestCalls;
        this.timeout = timeout;
        this.coolDown = coolDown;
        this.clock = clock;
        this.breakerConfig = CircuitBreakerConfig.custom()
                // TRIP_AFTER failures in a row: a window of that many calls, all of which failed
                .slidingWindow(TRIP_AFTER, TRIP_AFTER, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(100)
                .waitDurationInOpenState(coolDown)
                .permittedNumberOfCallsInHalfOpenState(halfOpenTrials)
                .automaticTransitionFromOpenToHalfOpenEnabled(false) // on the next call, by the injected clock: no timer thread
                .writableStackTraceEnabled(false)
                .build();
    }

    /** The limit of a call that names none. */
    public Duration timeout() {
        return timeout;
    }

    public Health health(String pluginId) {
        return health.computeIfAbsent(pluginId, Health::new);
    }

    /** Drops a plugin's counts and breakers (removed, or replaced by a new version). */
    public void forget(String pluginId) {
        health.remove(pluginId);
        scopes.keySet().removeIf(scope -> scope.pluginId().equals(pluginId));
    }

    public <T> T call(String pluginId, Callable<T> work, Expected expected) throws Exception {
        return call(Scope.plugin(pluginId), work, expected, timeout);
    }

    /** With a limit of its own (a poll of a mail server may take longer than an action). */
    public <T> T call(String pluginId, Callable<T> work, Expected expected, Duration limit) throws Exception {
        return call(Scope.plugin(pluginId), work, expected, limit);
    }

    public <T> T call(Scope scope, Callable<T> work, Expected expected, Duration limit) throws Exception {
        Guarded guarded = guarded(scope);
        Health h = health(scope.pluginId());
        if (!guarded.breaker().tryAcquirePermission()) {
            Instant until = guarded.pausedUntil().get();
            throw new CallFailed(scope + " is paused after " + TRIP_AFTER + " failures in a row"
                    + (until == null || !clock.instant().isBefore(until) ? " (a trial call is under way)" : " (until " + until + ")"), null);
        }
        if (!guarded.bulkhead().tryAcquirePermission()) {
            guarded.breaker().releasePermission();
            throw new CallFailed(scope + " has " + limitOf(scope) + " calls under way already; this one is refused", null);
        }
        h.calls.incrementAndGet();
        long start = System.nanoTime();
        TimeLimiter limiter = TimeLimiter.of(TimeLimiterConfig.custom().timeoutDuration(limit).cancelRunningFuture(true).build());
        Future<T>[] submitted = newFutureHolder();
        try {
            T result = limiter.executeFutureSupplier(() -> {
                // the bulkhead's place is freed when the plugin's code really ends, not when we stop waiting for it
                submitted[0] = threads.submit(() -> {
                    try {
                        return work.call();
                    } finally {
                        guarded.bulkhead().onComplete();
                    }
                });
                return submitted[0];
            });
            succeeded(guarded, start);
            return result;
        } catch (TimeoutException e) {
            throw failed(scope, guarded, h, start, scope + " did not answer within " + limit.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            if (submitted[0] != null) {
                submitted[0].cancel(true);
            }
            guarded.breaker().releasePermission();
            Thread.currentThread().interrupt();
            throw new CallFailed("interrupted while waiting for " + scope, e);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            guarded.bulkhead().onComplete();
            guarded.breaker().releasePermission();
            throw new CallFailed("the plugin threads are shut down", e);
        } catch (Exception | Error thrown) {
            // the plugin's own exception (the time limiter unwraps it), or an Error from its code
            if (expected != null && expected.test(thrown) && thrown instanceof Exception meant) {
                succeeded(guarded, start);
                throw meant;
            }
            throw failed(scope, guarded, h, start, scope + " failed: " + thrown, thrown);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> Future<T>[] newFutureHolder() {
        return new Future[1];
    }

    private Guarded guarded(Scope scope) {
        return scopes.computeIfAbsent(scope, s -> {
            CircuitBreaker breaker = new CircuitBreakerStateMachine(s.toString(), breakerConfig, clock);
            AtomicReference<Instant> pausedUntil = new AtomicReference<>();
            breaker.getEventPublisher().onStateTransition(event -> pausedUntil.set(
                    event.getStateTransition().getToState() == CircuitBreaker.State.OPEN
                            ? clock.instant().plus(coolDown) : null));
            Bulkhead bulkhead = Bulkhead.of(s.toString(), BulkheadConfig.custom().maxConcurrentCalls(limitOf(s))
                    .maxWaitDuration(Duration.ZERO).build());
            return new Guarded(breaker, bulkhead, pausedUntil, new java.util.concurrent.atomic.AtomicBoolean());
        });
    }

    private int limitOf(Scope scope) {
        return scope.webRequests() ? webRequestCalls : MAX_CONCURRENT_CALLS;
    }

    private boolean isPaused(Guarded guarded, Instant now) {
        CircuitBreaker.State state = guarded.breaker().getState();
        if (state == CircuitBreaker.State.FORCED_OPEN) {
            return true;
        }
        Instant until = guarded.pausedUntil().get();
        return state == CircuitBreaker.State.OPEN && until != null && now.isBefore(until);
    }

    private static void succeeded(Guarded guarded, long start) {
        guarded.breaker().onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        guarded.lastFailed().set(false);
    }

    private CallFailed failed(Scope scope, Guarded guarded, Health h, long start, String message, Throwable cause) {
        guarded.breaker().onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, cause);
        guarded.lastFailed().set(true);
        h.failures.incrementAndGet();
        h.lastError.set(message);
        h.lastErrorAt.set(clock.instant());
        return new CallFailed(message, cause);
    }
}
