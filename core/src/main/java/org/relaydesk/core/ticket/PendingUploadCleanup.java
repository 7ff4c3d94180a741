package org.relaydesk.core.ticket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.relaydesk.core.job.ScheduledJob;
import org.relaydesk.core.persistence.Tenancy;

/**
 * Files uploaded for a reply that was never sent (the tab was closed, the agent gave up) are removed
 * a day after their upload, in every workspace; files sent with a message or a ticket stay.
 */
@ApplicationScoped
public class PendingUploadCleanup implements ScheduledJob {
    static final Duration KEPT_FOR = Duration.ofHours(24);
    private static final Logger LOG = Logger.getLogger(PendingUploadCleanup.class.getName());

    @Inject
    Tenancy tenancy;

    @Override
    public String name() {
        return "attachments.pending-cleanup";
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public void run() {
        // across workspaces on purpose: the rule is the same for all
        int removed = tenancy.sql("DELETE FROM attachments WHERE message_id IS NULL AND NOT on_description AND created_at < ?")
                .setParameter(1, Timestamp.from(Instant.now().minus(KEPT_FOR))).executeUpdate();
        if (removed > 0) {
            LOG.info(() -> "Removed " + removed + " unsent uploads older than " + KEPT_FOR.toHours() + " h");
        }
    }
}
