package org.relaydesk.core.channel;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.relaydesk.api.channel.Capability;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.core.job.ScheduledJob;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.plugin.ChannelKind;
import org.relaydesk.core.plugin.PluginHost;

/**
 * Every few seconds: each enabled account of a polling channel whose interval has passed is asked
 * for what arrived; the connector hands each message to an {@link InboundStore}. The account
 * records when it was fetched and the error, if any. Connectors are kept between runs and made
 * anew when the account's settings or the plugin change.
 */
@ApplicationScoped
public class ChannelPolling implements ScheduledJob {
    private static final Logger LOG = Logger.getLogger(ChannelPolling.class.getName());

    @Inject
    Tenancy tenancy;

    @Inject
    PluginHost plugins;

    @Inject
    ChannelAccounts accounts;

    @Resource(lookup = "java:app/jdbc/relaydesk")
    DataSource dataSource;

    private record Connection(ChannelKind kind, Instant accountUpdatedAt, ChannelKind.Connector connector) {
    }

    private final Map<UUID, Connection> connections = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "channel.polling";
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(2);
    }

    @Override
    public void run() {
        Instant now = Instant.now();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = tenancy.sql("SELECT CAST(id AS text), CAST(workspace_id AS text), kind, last_fetch_at, updated_at FROM channel_accounts "
                + "WHERE enabled").getResultList();
        java.util.Set<UUID> seen = new java.util.HashSet<>();
        for (Object[] row : rows) {
            UUID id = UUID.fromString(row[0].toString());
            seen.add(id);
            Optional<ChannelKind> kind = plugins.channelKind(row[2].toString());
            if (kind.isEmpty() || !kind.get().capabilities().contains(Capability.INBOUND_POLLING)) {
                continue; // its plugin is off: nothing to ask
            }
            Instant lastFetch = row[3] == null ? null : ((java.sql.Timestamp) row[3]).toInstant();
            Instant updatedAt = ((java.sql.Timestamp) row[4]).toInstant();
            UUID workspace = UUID.fromString(row[1].toString());
            tenancy.actAs(workspace);
            poll(id, workspace, kind.get(), updatedAt, lastFetch, now);
        }
        connections.keySet().removeIf(id -> {
            if (!seen.contains(id)) {
                connections.get(id).connector().close();
                return true;
            }
            return false;
        });
    }

    private void poll(UUID id, UUID workspace, ChannelKind kind, Instant updatedAt, Instant lastFetch, Instant now) {
        String error = null;
        InboundStore store = new InboundStore(dataSource, workspace, id);
        try {
            Connection connection = connections.get(id);
            if (connection == null || connection.kind() != kind || !connection.accountUpdatedAt().equals(updatedAt)) {
                if (connection != null) {
                    connection.connector().close();
                }
                connection = new Connection(kind, updatedAt, kind.connect(accounts.forConnector(id)));
                connections.put(id, connection);
            } else if (lastFetch != null && lastFetch.plus(connection.connector().pollInterval()).isAfter(now)) {
                return; // not yet
            }
            connection.connector().poll(store);
        } catch (ChannelException | IllegalStateException e) {
            error = e.getMessage();
            LOG.fine(() -> "Channel account " + id + ": " + e.getMessage());
        }
        accounts.fetched(id, Instant.now(), error);
        if (store.stored() > 0) {
            LOG.fine(() -> "Channel account " + id + ": " + store.stored() + " new messages");
        }
    }
}
