package org.relaydesk.core.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.relaydesk.core.job.ScheduledJob;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.plugin.ChannelKind;
import org.relaydesk.core.plugin.PluginHost;

/**
 * Every two seconds: the stored messages still pending, oldest first, each read and filed in a
 * transaction of its own by {@link InboundFiling}. One that fails is set aside with its error and
 * never holds up the ones behind it; messages of a channel whose plugin is off wait for it.
 */
@ApplicationScoped
public class InboundProcessing implements ScheduledJob {
    static final String NAME = "channel.inbound";

    static final int BATCH = 50;

    @Inject
    Tenancy tenancy;

    @Inject
    PluginHost plugins;

    @Inject
    InboundFiling filing;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(1);
    }

    @Override
    public void run() {
        List<String> kinds = plugins.channelKinds().stream().map(ChannelKind::kind).toList();
        if (kinds.isEmpty()) {
            return;
        }
        String list = "{" + String.join(",", kinds) + "}";
        @SuppressWarnings("unchecked")
        List<Object[]> pending = tenancy.sql("SELECT CAST(m.id AS text), CAST(m.workspace_id AS text) FROM inbound_messages m "
                        + "JOIN channel_accounts a ON a.id = m.account_id WHERE m.status = 'pending' AND a.kind = ANY (CAST(?1 AS text[])) "
                        + "ORDER BY m.received_at LIMIT " + BATCH)
                .setParameter(1, list).getResultList();
        for (Object[] row : pending) {
            UUID id = UUID.fromString(row[0].toString());
            tenancy.actAs(UUID.fromString(row[1].toString()));
            try {
                filing.file(id);
            } catch (org.relaydesk.core.error.InvalidInputException e) {
                setAside(id, "Relaydesk refused it: " + e.fieldErrors().entrySet().stream().map(f -> f.getKey() + " " + f.getValue())
                        .reduce((a, b) -> a + "; " + b).orElse(String.valueOf(e.getMessage())));
            } catch (RuntimeException e) {
                setAside(id, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
    }

    /** A message that cannot even be set aside (the database is failing) must not stop the ones behind it: the next run tries again. */
    private void setAside(UUID id, String reason) {
        try {
            filing.setAside(id, reason);
        } catch (RuntimeException e) {
            java.util.logging.Logger.getLogger(InboundProcessing.class.getName()).warning(() -> "Inbound message " + id + " could not be set aside: "
                    + org.relaydesk.core.job.OwnTransaction.reasonOf(e));
        }
    }
}
