package org.relaydesk.core.job;

import java.time.Duration;

/**
 * Periodic background work (clean-ups, SLA due checks, time-based rules). Implementations are CDI
 * beans; the scheduler finds them all and runs each one on one node of a cluster at a time
 * ({@link JobRunner}).
 */
public interface ScheduledJob {
    /** Stable and unique: it names the job's lock and its log lines. */
    String name();

    /** The pause between the end of one run and the start of the next. */
    Duration interval();

    /** One run, inside a transaction that holds the job's lock. */
    void run();
}
