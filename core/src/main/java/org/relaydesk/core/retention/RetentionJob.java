package org.relaydesk.core.retention;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.relaydesk.core.job.ScheduledJob;
import org.relaydesk.core.ticket.Actor;

/**
 * Hourly (`relaydesk.retention.check-seconds`): every enabled retention policy of every workspace,
 * applied (one policy's failure does not stop the others).
 */
@ApplicationScoped
public class RetentionJob implements ScheduledJob {
    private static final Logger LOG = Logger.getLogger(RetentionJob.class.getName());

    @Inject
    RetentionPolicies policies;

    @Override
    public String name() {
        return "retention.policies";
    }

    @Override
    public Duration interval() {
        int seconds = org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue(
                org.relaydesk.core.config.Setting.RETENTION_CHECK_SECONDS.key(), Integer.class).orElse(3600);
        return Duration.ofSeconds(Math.max(1, seconds));
    }

    @Override
    public void run() {
        for (UUID workspace : policies.workspacesWithPolicies()) {
            for (RetentionPolicy policy : policies.listIn(workspace)) {
                if (!policy.enabled()) {
                    continue;
                }
                try {
                    policies.apply(workspace, policy, Actor.SYSTEM);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Retention policy " + policy.id() + " of workspace " + workspace + " failed; the others go on", e);
                }
            }
        }
    }
}
