package org.relaydesk.e2e;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Waiting for a condition of the running desk (its jobs work in the background): polled, bounded, never a guessed sleep. */
final class Await {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private Await() {
    }

    /**
     * The first non-null answer, polled every 200 ms for at most 30 s. An answer that throws (an
     * assertion not yet true, a page half loaded) counts as not yet; the last such failure is reported.
     */
    static <T> T await(Callable<T> answer, String what) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            try {
                T value = answer.call();
                if (value != null) {
                    return value;
                }
            } catch (RuntimeException | AssertionError notYet) {
                last = notYet.toString();
            }
            Thread.sleep(200); // polling for the condition
        }
        throw new AssertionError("waited " + LIMIT.toSeconds() + " s for " + what + (last == null ? "" : "; last: " + last));
    }

    /** The first answer that is there and passes {@code also}. */
    static <T> T await(Callable<T> answer, Predicate<T> also, String what) throws Exception {
        return await(() -> {
            T value = answer.call();
            return value != null && also.test(value) ? value : null;
        }, what);
    }
}
