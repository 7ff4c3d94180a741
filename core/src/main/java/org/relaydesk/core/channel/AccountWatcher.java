package org.relaydesk.core.channel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.relaydesk.api.channel.Capability;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.core.plugin.ChannelKind;

/**
 * The thread that fetches one channel account's messages: it polls, then waits the account's
 * interval, or, when the channel can be told of arrivals, until the source announces one; and
 * records on the account when it fetched and what went wrong; when it stored mail, the filing job
 * is asked to run at once. An account that fails waits at least
 * {@link #AFTER_FAILURE} before the next try, so a server that is down is not hammered. A node
 * watches an account only while it holds the account's lease ({@link #LEASE}), so in a cluster
 * each account is watched by one node at a time.
 */
final class AccountWatcher {
    private static final Logger LOG = Logger.getLogger(AccountWatcher.class.getName());
    static final Duration AFTER_FAILURE = Duration.ofSeconds(10);
    /** How often a node that does not hold the account's lease asks for it again. */
    static final Duration LOCK_RETRY = Duration.ofSeconds(10);
    /**
     * How long a lease lasts unless renewed: longer than a poll and a wait together (60 s and 25 s
     * at most), so the watching node keeps it, and another takes over within this time of its going.
     */
    static final Duration LEASE = Duration.ofSeconds(120);
    /** This node, for the leases it holds. */
    static final String NODE = java.util.UUID.randomUUID().toString();
    private final UUID workspaceId;
    private final UUID accountId;
    private final ChannelKind kind;
    private final Instant accountUpdatedAt;
    private final ChannelAccounts accounts;
    private final DataSource dataSource;
    private final Runnable stored;
    private final Object pause = new Object();
    private volatile boolean stopped;
    private volatile ChannelKind.Connector connector;
    private Thread thread;

    AccountWatcher(UUID workspaceId, UUID accountId, ChannelKind kind, Instant accountUpdatedAt, ChannelAccounts accounts, DataSource dataSource,
            Runnable stored) {
        this.workspaceId = workspaceId;
        this.accountId = accountId;
        this.kind = kind;
        this.accountUpdatedAt = accountUpdatedAt;
        this.accounts = accounts;
        this.dataSource = dataSource;
        this.stored = stored;
    }

    boolean serves(ChannelKind kind, Instant accountUpdatedAt) {
        return this.kind == kind && this.accountUpdatedAt.equals(accountUpdatedAt) && !stopped;
    }

    void start(ThreadFactory threads) {
        thread = threads.newThread(this::run);
        thread.setName("relaydesk-channel-" + kind.kind() + "-" + accountId.toString().substring(0, 8));
        thread.setDaemon(true);
        thread.start();
    }

    /** Ends the watch: a poll in progress finishes, a wait ends now (closing the connector ends a server-side wait too). */
    void stop() {
        stopped = true;
        synchronized (pause) {
            pause.notifyAll();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        while (!stopped) {
            try {
                if (lease()) {
                    try {
                        watch();
                    } finally {
                        release();
                    }
                } else {
                    pause(LOCK_RETRY); // another node watches this account
                }
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.WARNING, "Watching channel account " + accountId + " failed; it is tried again", e);
                pause(AFTER_FAILURE);
            }
        }
    }

    /**
     * Takes or renews this node's lease on the account (free, expired, or already ours). A short
     * statement on a connection of the pool, given back at once: no connection is held between
     * polls, and a node that dies simply stops renewing.
     */
    private boolean lease() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE channel_accounts SET watcher_node = ?, watcher_until = now() + ? * interval '1 second' "
                     + "WHERE id = ? AND (watcher_node IS NULL OR watcher_node = ? OR watcher_until < now())")) {
            connection.setAutoCommit(true);
            update.setString(1, NODE);
            update.setLong(2, longer(LEASE, connectorInterval().multipliedBy(2)).toSeconds()); // a long poll interval keeps its lease too
            update.setObject(3, accountId);
            update.setString(4, NODE);
            return update.executeUpdate() == 1;
        }
    }

    private void release() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE channel_accounts SET watcher_node = NULL, watcher_until = NULL "
                     + "WHERE id = ? AND watcher_node = ?")) {
            connection.setAutoCommit(true);
            update.setObject(1, accountId);
            update.setString(2, NODE);
            update.executeUpdate();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "The lease on channel account " + accountId + " expires by itself", e);
        }
    }

    private void watch() {
        boolean notifies = kind.capabilities().contains(Capability.INBOUND_NOTIFY);
        try {
            while (!stopped) {
                if (!renewed()) {
                    return; // the lease went to another node meanwhile (this one stalled): it watches now
                }
                String error = null;
                InboundStore store = new InboundStore(dataSource, workspaceId, accountId);
                try {
                    if (connector == null) {
                        connector = kind.connect(accounts.forConnector(workspaceId, accountId));
                    }
                    connector.poll(store);
                } catch (ChannelException e) {
                    error = org.relaydesk.core.net.ConnectionErrors.forAdmin(e, "Channel account " + accountId);
                } catch (IllegalStateException e) {
                    error = e.getMessage() == null ? e.toString() : e.getMessage();
                    LOG.fine(() -> "Channel account " + accountId + ": " + e.getMessage());
                }
                if (stopped) {
                    return;
                }
                if (store.stored() > 0) {
                    stored.run(); // filed now, not at the filing job's next interval
                }
                accounts.fetched(workspaceId, accountId, Instant.now(), error);
                if (error != null) {
                    drop();
                    pause(longer(connectorInterval(), AFTER_FAILURE));
                } else if (notifies) {
                    awaitArrival();
                } else {
                    pause(connector.pollInterval());
                }
            }
        } finally {
            drop();
        }
    }

    private boolean renewed() {
        try {
            return lease();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "The lease on channel account " + accountId + " could not be renewed", e);
            return false;
        }
    }

    private void awaitArrival() {
        try {
            connector.awaitArrival(connector.pollInterval());
        } catch (ChannelException e) {
            if (!stopped) {
                accounts.fetched(workspaceId, accountId, Instant.now(), org.relaydesk.core.net.ConnectionErrors.forAdmin(e, "Channel account " + accountId));
                drop();
                pause(AFTER_FAILURE);
            }
        }
    }

    private Duration connectorInterval() {
        ChannelKind.Connector open = connector;
        return open == null ? AFTER_FAILURE : open.pollInterval();
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private void drop() {
        Thread.interrupted(); // a stop's interrupt has done its part; the close must still reach the plugin
        ChannelKind.Connector open = connector;
        connector = null;
        if (open != null) {
            open.close();
        }
    }

    private void pause(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        synchronized (pause) {
            long left;
            while (!stopped && (left = until - System.nanoTime()) > 0) {
                try {
                    pause.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    if (stopped) {
                        return;
                    }
                }
            }
        }
    }
}
