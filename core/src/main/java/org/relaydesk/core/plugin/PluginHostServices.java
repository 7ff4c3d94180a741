package org.relaydesk.core.plugin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.relaydesk.api.host.HostServices;
import org.relaydesk.api.host.HttpClient;
import org.relaydesk.api.host.KeyValueStore;
import org.relaydesk.api.host.OutboundNetwork;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.core.net.OutboundAddressPolicy;

/**
 * The host's services for one plugin. Plugin code runs on the guard's plain threads, without the
 * container's context, so everything here works with plain JDBC (each statement on a connection of
 * the pool, given back at once) and a plain HTTP client ({@link PluginHttpClient}). Connections go
 * only where the outbound address rule allows.
 */
final class PluginHostServices implements HostServices {
    static final int MAX_KEY = 200;
    static final int MAX_VALUE = 64 * 1024;
    private final String pluginId;
    private final DataSource dataSource;
    private final Clock clock;
    private final java.util.function.Supplier<Map<String, String>> settings;
    private final OutboundAddressPolicy network;
    private final PluginHttpClient http;
    private final PluginKnowledgeSource knowledge;

    PluginHostServices(String pluginId, DataSource dataSource, Clock clock, java.util.function.Supplier<Map<String, String>> settings,
            OutboundAddressPolicy network, PluginHttpClient http, boolean readsKnowledge) {
        this.pluginId = pluginId;
        this.network = network;
        this.http = http;
        this.dataSource = dataSource;
        this.clock = clock;
        this.settings = settings;
        this.knowledge = readsKnowledge ? new PluginKnowledgeSource(dataSource) : null;
    }

    @Override
    public Map<String, String> settings() {
        return settings.get();
    }

    @Override
    public KeyValueStore store() {
        return store;
    }

    @Override
    public HttpClient http() {
        return http;
    }

    @Override
    public OutboundNetwork network() {
        return network;
    }

    @Override
    public org.relaydesk.api.assist.KnowledgeSource knowledge() {
        if (knowledge == null) {
            throw new UnsupportedOperationException("only a plugin that offers an assistant (an AssistProvider) reads the workspaces' knowledge");
        }
        return knowledge;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Optional<TicketRef> ticketByExternalReference(UUID workspaceId, String externalId) {
        return query("SELECT t.id, w.ticket_prefix || t.number, t.subject, t.status FROM message_references r JOIN tickets t ON t.id = r.ticket_id "
                + "JOIN workspaces w ON w.id = t.workspace_id WHERE r.workspace_id = ? AND r.external_id = ?", statement -> {
            statement.setObject(1, workspaceId);
            statement.setString(2, externalId);
        }, row -> new TicketRef((UUID) row.getObject(1), row.getString(2), row.getString(3), TicketStatus.valueOf(row.getString(4)).apiName()));
    }

    @Override
    public Optional<ContactRef> contactByIdentity(UUID workspaceId, String kind, String value) {
        return query("SELECT c.id, c.name, c.primary_email FROM contact_identities i JOIN contacts c ON c.id = i.contact_id "
                + "WHERE i.workspace_id = ? AND i.kind = upper(?) AND lower(i.value) = lower(?)", statement -> {
            statement.setObject(1, workspaceId);
            statement.setString(2, kind);
            statement.setString(3, value == null ? "" : value.trim());
        }, row -> new ContactRef((UUID) row.getObject(1), row.getString(2), row.getString(3)));
    }

    private final KeyValueStore store = new KeyValueStore() {
        public Optional<String> get(String key) {
            return query("SELECT value FROM plugin_store WHERE plugin_id = ? AND key = ?", statement -> {
                statement.setString(1, pluginId);
                statement.setString(2, checked(key));
            }, row -> row.getString(1));
        }

        public void put(String key, String value) {
            update("INSERT INTO plugin_store (plugin_id, key, value) VALUES (?, ?, ?) ON CONFLICT (plugin_id, key) DO UPDATE SET value = EXCLUDED.value, "
                    + "updated_at = now()", pluginId, checked(key), checkedValue(value));
        }

        public void remove(String key) {
            update("DELETE FROM plugin_store WHERE plugin_id = ? AND key = ?", pluginId, checked(key));
        }

        public Map<String, String> list(String prefix) {
            Map<String, String> found = new LinkedHashMap<>();
            String pattern = (prefix == null ? "" : prefix).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = connection.prepareStatement("SELECT key, value FROM plugin_store WHERE plugin_id = ? AND key LIKE ? "
                         + "ORDER BY key LIMIT 1000")) {
                statement.setString(1, pluginId);
                statement.setString(2, pattern);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.put(rows.getString(1), rows.getString(2));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("the plugin store cannot be read: " + e.getMessage(), e);
            }
            return found;
        }

        public boolean replace(String key, String expected, String value) {
            if (expected == null) {
                return update("INSERT INTO plugin_store (plugin_id, key, value) VALUES (?, ?, ?) ON CONFLICT (plugin_id, key) DO NOTHING",
                        pluginId, checked(key), checkedValue(value)) == 1;
            }
            return update("UPDATE plugin_store SET value = ?, updated_at = now() WHERE plugin_id = ? AND key = ? AND value = ?",
                    checkedValue(value), pluginId, checked(key), expected) == 1;
        }
    };

    private static String checked(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY) {
            throw new IllegalArgumentException("a key has 1 to " + MAX_KEY + " characters");
        }
        return key;
    }

    private static String checkedValue(String value) {
        if (value == null || value.length() > MAX_VALUE) {
            throw new IllegalArgumentException("a value is set and has at most " + MAX_VALUE + " characters");
        }
        return value;
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private <T> Optional<T> query(String sql, Binder binder, Row<T> reader) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(reader.read(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the host could not answer: " + e.getMessage(), e);
        }
    }

    private int update(String sql, String... values) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            connection.setAutoCommit(true);
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("the plugin store cannot be written: " + e.getMessage(), e);
        }
    }
}
