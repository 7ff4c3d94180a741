package org.relaydesk.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh PostgreSQL database for one test run, dropped afterwards: on the server named by
 * RELAYDESK_TEST_DB_URL (e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres), otherwise
 * on an embedded PostgreSQL started for the run.
 */
public final class TestDatabase implements AutoCloseable {
    private final EmbeddedPostgres embedded;
    private final String adminUrl;
    private final String name;
    private final String user;

    private TestDatabase(EmbeddedPostgres embedded, String adminUrl, String user) throws SQLException {
        this.embedded = embedded;
        this.adminUrl = adminUrl;
        this.user = user;
        this.name = "relaydesk_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(adminUrl); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
    }

    public static TestDatabase create() throws IOException, SQLException {
        String server = System.getenv("RELAYDESK_TEST_DB_URL");
        if (server != null && !server.isBlank()) {
            return new TestDatabase(null, server, "postgres");
        }
        EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
        return new TestDatabase(embedded, embedded.getJdbcUrl("postgres", "postgres"), "postgres");
    }

    /** Creates a database on the machine's PostgreSQL (127.0.0.1:5432) or the server named by RELAYDESK_TEST_DB_URL. */
    public static TestDatabase onServer() throws SQLException {
        String server = System.getenv().getOrDefault("RELAYDESK_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        return new TestDatabase(null, server, "postgres");
    }

    /** JDBC URL of the fresh database, without credentials. */
    public String url() {
        int query = adminUrl.indexOf('?');
        String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
        return base.substring(0, base.lastIndexOf('/') + 1) + name;
    }

    public String user() {
        return user;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user, "");
    }

    @Override
    public void close() throws Exception {
        try (Connection connection = DriverManager.getConnection(adminUrl); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
