package org.relaydesk.core.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.relaydesk.core.job.ScheduledJob;

/** Hourly, on one node: the channel request log keeps relaydesk.channels.request-log-days (30) days, so it stays small and holds no old numbers. */
@ApplicationScoped
public class ChannelRequestPurge implements ScheduledJob {
    private static final Logger LOG = Logger.getLogger(ChannelRequestPurge.class.getName());

    @Inject
    ChannelRequestLog log;

    @Inject
    @ConfigProperty(name = "relaydesk.channels.request-log-days", defaultValue = "30")
    int days;

    @Override
    public String name() {
        return "channel.request-log-purge";
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public void run() {
        int kept = Math.max(1, days);
        int removed = log.purge(Instant.now().minus(Duration.ofDays(kept)));
        if (removed > 0) {
            LOG.fine(() -> removed + " channel request log lines older than " + kept + " days removed");
        }
    }
}
