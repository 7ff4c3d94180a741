package org.relaydesk.core.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.relaydesk.api.host.HostServices;
import org.relaydesk.api.host.HttpClient;
import org.relaydesk.api.host.KeyValueStore;
import org.relaydesk.api.ticket.TicketStatus;

/**
 * The host's services for one plugin. Plugin code runs on the guard's plain threads, without the
 * container's context, so everything here works with plain JDBC (each statement on a connection of
 * the pool, given back at once) and the JDK's HTTP client.
 */
final class PluginHostServices implements HostServices {
    static final int MAX_KEY = 200;
    static final int MAX_VALUE = 64 * 1024;
    static final int MAX_ANSWER = 10 * 1024 * 1024;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final java.net.http.HttpClient CLIENT = java.net.http.HttpClient.newBuilder().connectTimeout(DEFAULT_TIMEOUT)
            .followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build();
    private final String pluginId;
    private final DataSource dataSource;
    private final Clock clock;
    private final java.util.function.Supplier<Map<String, String>> settings;

    PluginHostServices(String pluginId, DataSource dataSource, Clock clock, java.util.function.Supplier<Map<String, String>> settings) {
        this.pluginId = pluginId;
        this.dataSource = dataSource;
        this.clock = clock;
        this.settings = settings;
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
        return PluginHostServices::send;
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

    private static HttpClient.Answer send(HttpClient.Call call) throws HttpClient.HttpFailure {
        URI uri;
        try {
            uri = URI.create(call.url());
        } catch (IllegalArgumentException e) {
            throw new HttpClient.HttpFailure("not an address: " + call.url(), e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new HttpClient.HttpFailure("only http and https addresses: " + call.url(), null);
        }
        Duration timeout = call.timeout() == null ? DEFAULT_TIMEOUT : call.timeout().compareTo(HttpClient.LONGEST) > 0 ? HttpClient.LONGEST : call.timeout();
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(uri).timeout(timeout)
                .method(call.method(), call.body() == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofByteArray(call.body()));
        call.headers().forEach(request::header);
        try {
            java.net.http.HttpResponse<InputStream> response = CLIENT.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] bytes = body.readNBytes(MAX_ANSWER + 1);
                if (bytes.length > MAX_ANSWER) {
                    throw new HttpClient.HttpFailure("the answer of " + uri.getHost() + " is larger than 10 MB", null);
                }
                return new HttpClient.Answer(response.statusCode(), response.headers().map(), bytes);
            }
        } catch (IOException e) {
            throw new HttpClient.HttpFailure(uri.getHost() + " did not answer: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new HttpClient.HttpFailure("the request is not valid: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpClient.HttpFailure("interrupted", e);
        }
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
