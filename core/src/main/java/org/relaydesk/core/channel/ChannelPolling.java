package org.relaydesk.core.channel;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.relaydesk.api.channel.Capability;
import org.relaydesk.core.job.ScheduledJob;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.plugin.ChannelKind;
import org.relaydesk.core.plugin.PluginHost;

/**
 * Keeps one {@link AccountWatcher} running for each enabled account of a polling channel, and
 * replaces it when the account's settings or its plugin change. Each account has a thread of its
 * own, so a slow mail server, or a connector waiting for the server to announce mail (IMAP IDLE),
 * holds up nobody else. A watcher works only while it holds its account's lease (a row in the database), so in a
 * cluster each account is watched by one node, and another takes over when that node goes away.
 */
@ApplicationScoped
public class ChannelPolling implements ScheduledJob {
    @Inject
    Tenancy tenancy;

    @Inject
    PluginHost plugins;

    @Inject
    ChannelAccounts accounts;

    @Resource(lookup = "java:app/jdbc/relaydesk")
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    jakarta.enterprise.event.Event<org.relaydesk.core.job.JobWanted> jobWanted;

    private final Map<UUID, AccountWatcher> watchers = new ConcurrentHashMap<>();

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
        @SuppressWarnings("unchecked")
        List<Object[]> rows = tenancy.sql("SELECT CAST(id AS text), CAST(workspace_id AS text), kind, updated_at FROM channel_accounts WHERE enabled")
                .getResultList();
        Set<UUID> wanted = new HashSet<>();
        for (Object[] row : rows) {
            UUID id = UUID.fromString(row[0].toString());
            Optional<ChannelKind> kind = plugins.channelKind(row[2].toString());
            if (kind.isEmpty() || !kind.get().capabilities().contains(Capability.INBOUND_POLLING)) {
                continue; // its plugin is off: nothing to ask
            }
            wanted.add(id);
            Instant updatedAt = ((java.sql.Timestamp) row[3]).toInstant();
            AccountWatcher current = watchers.get(id);
            if (current != null && current.serves(kind.get(), updatedAt)) {
                continue;
            }
            if (current != null) {
                current.stop();
            }
            AccountWatcher watcher = new AccountWatcher(UUID.fromString(row[1].toString()), id, kind.get(), updatedAt, accounts, dataSource,
                    () -> jobWanted.fire(new org.relaydesk.core.job.JobWanted(InboundProcessing.NAME)));
            watchers.put(id, watcher);
            watcher.start(threads);
        }
        watchers.entrySet().removeIf(entry -> {
            if (!wanted.contains(entry.getKey())) {
                entry.getValue().stop();
                return true;
            }
            return false;
        });
    }

    @PreDestroy
    void stopAll() {
        watchers.values().forEach(AccountWatcher::stop);
        watchers.clear();
    }
}
