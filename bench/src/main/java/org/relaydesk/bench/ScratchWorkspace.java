package org.relaydesk.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An empty workspace for throughput runs that should not fill a real one. Made like the app makes
 * workspaces (row plus numbering sequence) but without users: its tickets are unassigned.
 */
final class ScratchWorkspace {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");
    private static final long FIRST_TICKET_NUMBER = 1001;

    private ScratchWorkspace() {
    }

    static void createIfMissing(Connection connection, String slug) throws SQLException {
        if (!SLUG.matcher(slug).matches()) {
            throw new UsageException("'" + slug + "' is not a workspace slug (lowercase letters, digits, dashes)");
        }
        if (WorkspaceFixture.workspaceId(connection, slug) != null) {
            return;
        }
        UUID id = UUID.randomUUID();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO workspaces (id, name, slug) VALUES (?, ?, ?)");
             Statement ddl = connection.createStatement()) {
            insert.setObject(1, id);
            insert.setString(2, "Benchmark scratch " + slug);
            insert.setString(3, slug);
            insert.executeUpdate();
            ddl.execute("CREATE SEQUENCE " + TicketNumbers.sequenceName(id) + " START WITH " + FIRST_TICKET_NUMBER);
            connection.commit();
            System.out.println("created scratch workspace " + slug + " (" + id + ")");
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
