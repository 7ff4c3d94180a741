package org.relaydesk.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * start-dev's PostgreSQL: real PostgreSQL binaries shipped in a jar, their cluster kept under the
 * data directory so that data survives restarts. It listens on loopback only, on the port it used
 * last time when that is still free.
 */
final class EmbeddedDatabase implements AutoCloseable {
    static final String DATABASE = "relaydesk";
    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedDatabase start(Path dataDirectory) throws IOException, SQLException {
        Path cluster = dataDirectory.resolve("postgres");
        Path portFile = dataDirectory.resolve("postgres.port");
        Files.createDirectories(dataDirectory.resolve("postgres-binaries"));
        int port = choosePort(portFile);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(cluster)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(dataDirectory.resolve("postgres-binaries").toFile())
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "120")
                .start();
        Files.writeString(portFile, Integer.toString(port), StandardCharsets.UTF_8);
        EmbeddedDatabase database = new EmbeddedDatabase(postgres);
        database.createDatabaseIfMissing();
        return database;
    }

    private static int choosePort(Path portFile) throws IOException {
        if (Files.exists(portFile)) {
            int previous = Integer.parseInt(Files.readString(portFile, StandardCharsets.UTF_8).trim());
            if (isFree(previous)) {
                return previous;
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (rows.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE " + DATABASE);
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", DATABASE);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
