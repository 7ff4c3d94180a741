package org.relaydesk.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Reserves a block of ticket numbers in a workspace. The app numbers tickets from a per-workspace
 * sequence; moving that sequence past the block before inserting means tickets created through
 * the API meanwhile (or afterwards) can never get a number the seeder used.
 */
final class TicketNumbers {
    private TicketNumbers() {
    }

    /** The sequence name the app derives from the workspace id. */
    static String sequenceName(UUID workspaceId) {
        return "ticket_number_" + workspaceId.toString().replace("-", "");
    }

    /** Returns the first number of a block of {@code count}; the sequence continues after the block. */
    static long reserve(Connection connection, UUID workspaceId, int count) throws SQLException {
        String sequence = sequenceName(workspaceId);
        requireSequence(connection, sequence);
        // Past both the highest number in use and whatever the sequence already handed out.
        String sql = "SELECT setval('" + sequence + "', greatest("
                + "(SELECT coalesce(max(number), 1000) FROM tickets WHERE workspace_id = ?), "
                + "(SELECT last_value FROM " + sequence + ")) + ?)";
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, workspaceId);
            statement.setLong(2, count);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1) - count + 1;
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void requireSequence(Connection connection, String sequence) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            query.setString(1, sequence);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                if (!rows.getBoolean(1)) {
                    throw new IllegalStateException("sequence " + sequence + " is missing: was the workspace created by Relaydesk?");
                }
            }
        }
    }
}
