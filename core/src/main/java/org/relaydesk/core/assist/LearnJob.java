package org.relaydesk.core.assist;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.relaydesk.core.job.OwnTransaction;
import org.relaydesk.core.job.ScheduledJob;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.plugin.PluginAssistant;
import org.relaydesk.core.plugin.PluginGuard;
import org.relaydesk.core.plugin.PluginHost;

/**
 * The assistant learns every workspace's articles and solved tickets again, on a schedule (hourly by
 * default), so that a workspace nobody asked about lately is ready when someone does. One workspace's
 * failure is logged and the others go on.
 */
@ApplicationScoped
public class LearnJob implements ScheduledJob {
    private static final Logger LOG = Logger.getLogger(LearnJob.class.getName());

    @Inject
    Tenancy tenancy;

    @Inject
    OwnTransaction own;

    @Inject
    PluginHost plugins;

    @Override
    public String name() {
        return "assist.learn";
    }

    @Override
    public Duration interval() {
        int minutes = ConfigProvider.getConfig().getOptionalValue("relaydesk.assist.learn-minutes", Integer.class).orElse(60);
        return Duration.ofMinutes(Math.max(1, minutes));
    }

    @Override
    public void run() {
        Optional<PluginAssistant> assistant = plugins.assistant();
        if (assistant.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object> workspaces = own.call(() -> tenancy.sql("SELECT CAST(id AS text) FROM workspaces ORDER BY created_at").getResultList());
        for (Object workspace : workspaces) {
            UUID id = UUID.fromString(workspace.toString());
            try {
                String learnt = assistant.get().retrain(id);
                LOG.fine(() -> "Workspace " + id + ": " + learnt);
            } catch (PluginGuard.CallFailed e) {
                LOG.warning(() -> "Workspace " + id + " could not be learnt: " + e.getMessage());
            }
        }
    }
}
