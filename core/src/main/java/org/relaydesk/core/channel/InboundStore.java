package org.relaydesk.core.channel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.UUID;
import javax.sql.DataSource;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.InboundSink;
import org.relaydesk.api.channel.RawMessage;
import org.relaydesk.core.persistence.Ids;

/**
 * The sink a connector hands messages to during a poll. It runs on the plugin's call thread, outside
 * any transaction, so each message is committed on its own connection before accept returns: once
 * the connector marks a message as taken at its source, Relaydesk has it.
 */
final class InboundStore implements InboundSink {
    static final int MAX_BYTES = 30 * 1024 * 1024;
    private final DataSource dataSource;
    private final UUID workspaceId;
    private final UUID accountId;
    private final Runnable onStored;
    private int stored;

    InboundStore(DataSource dataSource, UUID workspaceId, UUID accountId) {
        this(dataSource, workspaceId, accountId, () -> { });
    }

    /** {@code onStored}: told after each new message is committed (a worker files it at once), on the caller's thread. */
    InboundStore(DataSource dataSource, UUID workspaceId, UUID accountId, Runnable onStored) {
        this.dataSource = dataSource;
        this.workspaceId = workspaceId;
        this.accountId = accountId;
        this.onStored = onStored;
    }

    int stored() {
        return stored;
    }

    @Override
    public synchronized boolean accept(RawMessage message) throws ChannelException {
        if (message.content().length > MAX_BYTES) {
            throw new ChannelException("a message of " + message.content().length / (1024 * 1024) + " MB is larger than the " + MAX_BYTES / (1024 * 1024)
                    + " MB Relaydesk takes");
        }
        String externalId = message.externalId().length() > 990 ? message.externalId().substring(0, 990) : message.externalId();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO inbound_messages (id, workspace_id, account_id, external_id, content_type, "
                     + "content, received_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, external_id) DO NOTHING")) {
            connection.setAutoCommit(true);
            insert.setObject(1, Ids.newId());
            insert.setObject(2, workspaceId);
            insert.setObject(3, accountId);
            insert.setString(4, externalId);
            insert.setString(5, message.contentType());
            insert.setBytes(6, message.content());
            insert.setTimestamp(7, Timestamp.from(message.receivedAt()));
            boolean added = insert.executeUpdate() == 1;
            if (added) {
                stored++;
                onStored.run();
            }
            return added;
        } catch (SQLException e) {
            throw new ChannelException("the message could not be stored: " + e.getMessage(), e);
        }
    }
}
