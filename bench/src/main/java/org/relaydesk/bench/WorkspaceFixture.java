package org.relaydesk.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What seeded tickets refer to in an existing workspace: its id, staff and categories. */
record WorkspaceFixture(UUID id, String slug, List<Agent> agents, List<UUID> categoryIds) {

    static WorkspaceFixture load(Connection connection, String slug) throws SQLException {
        UUID id = workspaceId(connection, slug);
        if (id == null) {
            throw new UsageException("no workspace with slug '" + slug + "' in this database");
        }
        List<Agent> agents = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id, name FROM users WHERE workspace_id = ? AND active ORDER BY created_at, id")) {
            query.setObject(1, id);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    agents.add(new Agent(rows.getObject(1, UUID.class), rows.getString(2)));
                }
            }
        }
        List<UUID> categories = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id FROM ticket_categories WHERE workspace_id = ? ORDER BY created_at, id")) {
            query.setObject(1, id);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    categories.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return new WorkspaceFixture(id, slug, List.copyOf(agents), List.copyOf(categories));
    }

    static UUID workspaceId(Connection connection, String slug) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT id FROM workspaces WHERE slug = ?")) {
            query.setString(1, slug);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getObject(1, UUID.class) : null;
            }
        }
    }

    long ticketCount(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM tickets WHERE workspace_id = ?")) {
            query.setObject(1, id);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    String describe() {
        return "workspace " + slug + " (" + id + "): " + agents.size() + " staff users, " + categoryIds.size() + " categories";
    }
}
