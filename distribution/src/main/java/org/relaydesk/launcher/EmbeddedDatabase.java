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
 * last time when that is still free, with no Unix socket in the shared /tmp. Loopback is open to
 * every local user, so the cluster asks for a password (scram-sha-256): a random one, made on the
 * first start and kept in the data directory readable by its owner only (postgres.password). A
 * cluster made by an earlier version with "trust" is given the password on its next start.
 */
final class EmbeddedDatabase implements AutoCloseable {
    static final String DATABASE = "relaydesk";
    /** Only connections that give the password; initdb (run by the library) trusts every local user. */
    static final String PG_HBA = """
            # Written by Relaydesk start-dev: every connection gives the password in postgres.password.
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            local all all scram-sha-256
            """;
    private final EmbeddedPostgres postgres;
    private final String password;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.password = password;
    }

    /** The superuser's password, made on the first start (owner-only file). */
    static String password(Path dataDirectory) throws IOException {
        Path file = SecretKeyFile.ensure(dataDirectory.resolve("postgres.password"));
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }

    /** Sets the password and replaces initdb's "trust" rules, once; PostgreSQL rereads them at once. */
    private void requirePassword(Path hba) throws IOException, SQLException {
        if (Files.readString(hba, StandardCharsets.UTF_8).equals(PG_HBA)) {
            return;
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SET password_encryption = 'scram-sha-256'");
            // base64 characters only (SecretKeyFile), so the literal needs no escaping
            statement.execute("ALTER ROLE postgres PASSWORD '" + password + "'");
            Files.writeString(hba, PG_HBA, StandardCharsets.UTF_8);
            statement.execute("SELECT pg_reload_conf()");
        }
    }

    String password() {
        return password;
    }

    static EmbeddedDatabase start(Path dataDirectory) throws IOException, SQLException {
        Path cluster = dataDirectory.resolve("postgres");
        Path portFile = dataDirectory.resolve("postgres.port");
        Files.createDirectories(dataDirectory.resolve("postgres-binaries"));
        int port = choosePort(portFile);
        String password = password(dataDirectory);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(cluster)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(dataDirectory.resolve("postgres-binaries").toFile())
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("max_connections", "120")
                .setConnectConfig("password", password)
                .start();
        Files.writeString(portFile, Integer.toString(port), StandardCharsets.UTF_8);
        EmbeddedDatabase database = new EmbeddedDatabase(postgres, password);
        database.requirePassword(cluster.resolve("pg_hba.conf"));
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
