package org.relaydesk.web.startup;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.relaydesk.core.job.JobRunner;
import org.relaydesk.core.job.ScheduledJob;

/**
 * Runs every {@link ScheduledJob} bean at its interval on the container's managed scheduler. A run
 * that fails is logged and the job runs again next time (an exception must not end its schedule).
 * The first run waits one interval, so that nothing slows the start.
 */
@ApplicationScoped
public class JobScheduler {
    private static final Logger LOG = Logger.getLogger(JobScheduler.class.getName());

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    Instance<ScheduledJob> jobs;

    @Inject
    JobRunner runner;

    @Inject
    Instance<JobScheduler> self;

    @Inject
    JobTimes times;

    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();

    synchronized void start() {
        for (ScheduledJob job : jobs) {
            long every = job.interval().toMillis();
            times.scheduled(job.name(), job.interval());
            JobScheduler proxy = self.get();
            scheduled.add(executor.scheduleWithFixedDelay(() -> proxy.runOnce(job), every, every, TimeUnit.MILLISECONDS));
            LOG.fine(() -> "Scheduled " + job.name() + " every " + job.interval());
        }
    }

    @Inject
    org.relaydesk.core.access.Caller caller;

    /** One run with a request context of its own, as a job may act in a workspace. */
    @ActivateRequestContext
    public void runOnce(ScheduledJob job) {
        caller.actAsSystem(); // a job acts for nobody outside
        java.time.Instant start = java.time.Instant.now();
        boolean failed = false;
        try {
            runner.runExclusively(job);
        } catch (RuntimeException e) {
            failed = true;
            LOG.log(Level.WARNING, "Job " + job.name() + " failed; it runs again in " + job.interval(), e);
        } finally {
            times.ran(job.name(), start, java.time.Instant.now(), failed);
        }
    }

    /** Runs a job now, on the managed executor, when some work for it has just arrived. */
    void runSoon(@jakarta.enterprise.event.Observes org.relaydesk.core.job.JobWanted wanted) {
        for (ScheduledJob job : jobs) {
            if (job.name().equals(wanted.name())) {
                JobScheduler proxy = self.get();
                executor.execute(() -> proxy.runOnce(job));
            }
        }
    }

    @PreDestroy
    synchronized void stop() {
        scheduled.forEach(future -> future.cancel(false));
        scheduled.clear();
    }
}
