package org.relaydesk.core.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.relaydesk.core.job.ScheduledJob;
import org.relaydesk.core.persistence.Tenancy;

/**
 * Hourly: delivered and dead webhook deliveries older than the operator's retention
 * ({@code relaydesk.webhooks.log-days}, 30 by default) go, with their attempts and their outbox
 * entries. Their bodies hold customers' addresses and messages, which must not outlive the log's use.
 * A few thousand rows a run, so that a backlog never holds a long transaction.
 */
@ApplicationScoped
public class WebhookLogPurge implements ScheduledJob {
    private static final Logger LOG = Logger.getLogger(WebhookLogPurge.class.getName());
    static final int BATCH = 5_000;

    @Inject
    Tenancy tenancy;

    @Inject
    @ConfigProperty(name = "relaydesk.webhooks.log-days", defaultValue = "30")
    int days;

    @Override
    public String name() {
        return "webhook.log-purge";
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public void run() {
        int kept = Math.max(1, days);
        int deliveries = tenancy.sql("DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM webhook_deliveries WHERE status <> 'pending' "
                + "AND created_at < now() - make_interval(days => ?1) LIMIT " + BATCH + ")").setParameter(1, kept).executeUpdate();
        int entries = tenancy.sql("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE kind = ?1 AND status <> 'pending' "
                + "AND created_at < now() - make_interval(days => ?2) LIMIT " + BATCH + ")").setParameter(1, WebhookPublisher.OUTBOX_KIND)
                .setParameter(2, kept).executeUpdate();
        if (deliveries + entries > 0) {
            LOG.fine(() -> deliveries + " webhook deliveries and " + entries + " of their outbox entries older than " + kept + " days removed");
        }
    }
}
