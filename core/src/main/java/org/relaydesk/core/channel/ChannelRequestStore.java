package org.relaydesk.core.channel;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The SQL of the channel request log, on a connection the caller gives: a write is one insert, and
 * every read names its workspace (the log is read across accounts, beside JPA's tenant filter).
 */
public final class ChannelRequestStore {
    /** Lines older than the parameter go; used by the daily purge. */
    static final String PURGE = "DELETE FROM channel_requests WHERE at < ?";

    /** What the log page asks; every part optional ({@code accounts} null: any; empty: none). {@code address} and {@code messageId} as typed. */
    public record Filter(List<UUID> accounts, String direction, String outcome, String address, String messageId, Instant from, Instant to) {
        public static Filter none() {
            return new Filter(null, null, null, null, null, null, null);
        }
    }

    /** One page of lines, newest first, and whether there are more. */
    public record Page(List<ChannelRequest> lines, boolean more) {
    }

    private ChannelRequestStore() {
    }

    static void insert(Connection connection, ChannelRequest line) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO channel_requests (id, workspace_id, account_id, direction, at, method, "
                + "path, http_status, outcome, message_ids, addresses, error_code, error, body_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, line.id());
            insert.setObject(2, line.workspaceId());
            insert.setObject(3, line.accountId());
            insert.setString(4, line.direction());
            insert.setTimestamp(5, Timestamp.from(line.at()));
            insert.setString(6, line.method());
            insert.setString(7, line.path());
            insert.setObject(8, line.httpStatus());
            insert.setString(9, line.outcome());
            insert.setArray(10, connection.createArrayOf("text", line.messageIds().toArray()));
            insert.setArray(11, connection.createArrayOf("text", line.addresses().toArray()));
            insert.setString(12, line.errorCode());
            insert.setString(13, line.error());
            insert.setInt(14, line.bodyBytes());
            insert.executeUpdate();
        }
    }

    /** The workspace's lines matching the filter, newest first: {@code limit} of them after {@code offset}. */
    public static Page search(Connection connection, UUID workspaceId, Filter filter, int offset, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT id, account_id, direction, at, method, path, http_status, outcome, message_ids, addresses, "
                + "error_code, error, body_bytes FROM channel_requests WHERE workspace_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(workspaceId));
        if (filter.accounts() != null) {
            sql.append(" AND account_id = ANY (?)");
            parameters.add(connection.createArrayOf("uuid", filter.accounts().toArray()));
        }
        if (filter.direction() != null) {
            sql.append(" AND direction = ?");
            parameters.add(filter.direction());
        }
        if (filter.outcome() != null) {
            sql.append(" AND outcome = ?");
            parameters.add(filter.outcome());
        }
        if (filter.address() != null) {
            sql.append(" AND addresses @> ARRAY[?]::text[]");
            parameters.add(ChannelRequest.normalizedAddress(filter.address()));
        }
        if (filter.messageId() != null) {
            // a status about a message carries its id inside a longer one ("status:<id>:read")
            sql.append(" AND EXISTS (SELECT 1 FROM unnest(message_ids) AS m(id) WHERE strpos(m.id, ?) > 0)");
            parameters.add(filter.messageId().trim());
        }
        if (filter.from() != null) {
            sql.append(" AND at >= ?");
            parameters.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND at < ?");
            parameters.add(Timestamp.from(filter.to()));
        }
        sql.append(" ORDER BY at DESC, id LIMIT ? OFFSET ?");
        parameters.add(limit + 1);
        parameters.add(offset);
        try (PreparedStatement query = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                query.setObject(i + 1, parameters.get(i));
            }
            List<ChannelRequest> lines = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    lines.add(new ChannelRequest(rows.getObject(1, UUID.class), workspaceId, rows.getObject(2, UUID.class), rows.getString(3),
                            rows.getTimestamp(4).toInstant(), rows.getString(5), rows.getString(6), (Integer) rows.getObject(7), rows.getString(8),
                            strings(rows.getArray(9)), strings(rows.getArray(10)), rows.getString(11), rows.getString(12), rows.getInt(13)));
                }
            }
            boolean more = lines.size() > limit;
            return new Page(more ? lines.subList(0, limit) : lines, more);
        }
    }

    /** Removes the lines older than {@code before}, of every workspace; how many went. */
    static int purge(Connection connection, Instant before) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(PURGE)) {
            delete.setTimestamp(1, Timestamp.from(before));
            return delete.executeUpdate();
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(Object::toString).toList();
    }
}
