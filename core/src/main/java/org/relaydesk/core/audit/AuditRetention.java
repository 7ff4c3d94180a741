package org.relaydesk.core.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import org.relaydesk.core.job.ScheduledJob;

/**
 * Hourly: audit entries older than their workspace's retention (365 days unless an admin chose
 * 30 to 3,650 on /admin/settings/security) go, oldest first, 5,000 per transaction until none is
 * left. The chain's check then starts at the oldest entry kept (its signed tail moves with it).
 */
@ApplicationScoped
public class AuditRetention implements ScheduledJob {
    private static final Logger LOG = Logger.getLogger(AuditRetention.class.getName());

    @Inject
    AuditLog log;

    @Override
    public String name() {
        return "audit.retention";
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public void run() {
        int removed = 0;
        for (String workspace : log.workspacesWithExpired()) {
            int batch;
            do {
                batch = log.purgeBatch(workspace);
                removed += batch;
            } while (batch == AuditLog.PURGE_BATCH);
        }
        int total = removed;
        if (total > 0) {
            LOG.fine(() -> total + " audit entries past their workspace's retention removed");
        }
    }
}
