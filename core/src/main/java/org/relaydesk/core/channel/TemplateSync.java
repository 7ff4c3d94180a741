package org.relaydesk.core.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.relaydesk.api.channel.Capability;
import org.relaydesk.core.job.ScheduledJob;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.plugin.ChannelKind;
import org.relaydesk.core.plugin.PluginHost;

/**
 * Hourly, on one node: every enabled messaging account whose channel has templates refreshes its copy
 * (a template approved or paused at the provider shows up within the hour). Each call goes through
 * the plugin guard; one account failing keeps its old copy and its error, and the others go on.
 */
@ApplicationScoped
public class TemplateSync implements ScheduledJob {
    private static final Logger LOG = Logger.getLogger(TemplateSync.class.getName());

    @Inject
    Tenancy tenancy;

    @Inject
    PluginHost plugins;

    @Inject
    TemplateService templates;

    @Override
    public String name() {
        return "channel.templates";
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public void run() {
        List<String> kinds = plugins.channelKinds().stream()
                .filter(k -> k.capabilities().contains(Capability.MESSAGING) && k.capabilities().contains(Capability.TEMPLATES))
                .map(ChannelKind::kind).toList();
        if (kinds.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> due = tenancy.sql("SELECT CAST(id AS text), CAST(workspace_id AS text) FROM channel_accounts WHERE enabled "
                        + "AND kind = ANY (CAST(?1 AS text[])) AND (templates_synced_at IS NULL OR templates_synced_at < now() - interval '55 minutes')")
                .setParameter(1, "{" + String.join(",", kinds) + "}").getResultList();
        for (Object[] account : due) {
            UUID id = UUID.fromString(account[0].toString());
            tenancy.actAs(UUID.fromString(account[1].toString()));
            try {
                TemplateService.Synced synced = templates.sync(id);
                if (synced.error() != null) {
                    LOG.info(() -> "Templates of channel account " + id + " not synced: " + synced.error());
                }
            } catch (RuntimeException e) {
                LOG.warning(() -> "Templates of channel account " + id + " not synced: " + org.relaydesk.core.job.OwnTransaction.reasonOf(e));
            }
        }
    }
}
