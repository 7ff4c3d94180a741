package org.relaydesk.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * A connection to this installation's database for backup and restore: the PostgreSQL configured
 * for {@code start}, or else start-dev's embedded one: reached on its port while the server runs,
 * started for the command's duration (and stopped after) while it does not.
 */
final class DatabaseSession implements AutoCloseable {
    private final Connection connection;
    private final EmbeddedDatabase startedHere;
    private final String description;

    private DatabaseSession(Connection connection, EmbeddedDatabase startedHere, String description) {
        this.connection = connection;
        this.startedHere = startedHere;
        this.description = description;
    }

    static DatabaseSession open(Settings settings, Path data) throws IOException, SQLException {
        Optional<String> url = settings.get("relaydesk.db.url");
        if (url.isPresent()) {
            if (!url.get().startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("relaydesk.db.url must be a jdbc:postgresql: URL, not '" + withoutQuery(url.get()) + "'");
            }
            Properties login = new Properties();
            login.setProperty("user", settings.get("relaydesk.db.user", "relaydesk"));
            login.setProperty("password", settings.get("relaydesk.db.password", ""));
            return new DatabaseSession(DriverManager.getConnection(url.get(), login), null, withoutQuery(url.get()));
        }
        Properties login = new Properties();
        login.setProperty("user", "postgres");
        if (PidFile.running(data).isPresent()) {
            Path portFile = data.resolve("postgres.port");
            if (!Files.exists(portFile)) {
                throw new IllegalStateException("Relaydesk runs, but not on start-dev's embedded database, and relaydesk.db.url is not set");
            }
            int port = Integer.parseInt(Files.readString(portFile, StandardCharsets.UTF_8).trim());
            login.setProperty("password", EmbeddedDatabase.password(data));
            String jdbc = "jdbc:postgresql://127.0.0.1:" + port + "/" + EmbeddedDatabase.DATABASE;
            return new DatabaseSession(DriverManager.getConnection(jdbc, login), null, "the embedded database (running)");
        }
        EmbeddedDatabase embedded = EmbeddedDatabase.start(data);
        try {
            login.setProperty("password", embedded.password());
            return new DatabaseSession(DriverManager.getConnection(embedded.jdbcUrl(), login), embedded, "the embedded database in " + data);
        } catch (SQLException | RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    /** A JDBC URL may carry a password in its query: never printed. */
    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    Connection connection() {
        return connection;
    }

    String description() {
        return description;
    }

    @Override
    public void close() throws IOException {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing a connection that failed: nothing to save
        } finally {
            if (startedHere != null) {
                startedHere.close();
            }
        }
    }
}
