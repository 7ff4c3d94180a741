package org.relaydesk.web.startup;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each background job last ran on this node, how long it took, and how often it failed: the
 * operator's view of job lag (a job whose last run is much older than its interval is stuck or
 * keeps losing its lock to another node).
 */
@ApplicationScoped
public class JobTimes {
    /** One job's record. {@code lastEnd} null: it has not finished a run on this node yet. */
    public record Times(Duration interval, Instant lastEnd, Duration lastDuration, long runs, long failures) {
    }

    private final Map<String, Times> times = new ConcurrentHashMap<>();

    void scheduled(String job, Duration interval) {
        times.putIfAbsent(job, new Times(interval, null, Duration.ZERO, 0, 0));
    }

    void ran(String job, Instant start, Instant end, boolean failed) {
        times.compute(job, (name, before) -> {
            Times known = before == null ? new Times(Duration.ZERO, null, Duration.ZERO, 0, 0) : before;
            return new Times(known.interval(), end, Duration.between(start, end), known.runs() + 1, known.failures() + (failed ? 1 : 0));
        });
    }

    public Map<String, Times> all() {
        return Map.copyOf(times);
    }
}
