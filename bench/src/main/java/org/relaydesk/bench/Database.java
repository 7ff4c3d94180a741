package org.relaydesk.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;

/** The JDBC options every database command shares. */
final class Database {
    static final Set<String> OPTIONS = Set.of("db-url", "user", "password");

    private Database() {
    }

    static Connection connect(Options options) throws SQLException {
        String url = options.required("db-url");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new UsageException("--db-url must be a jdbc:postgresql: URL");
        }
        Loopback.requireLoopback(url);
        Properties properties = new Properties();
        properties.setProperty("user", options.text("user", "postgres"));
        properties.setProperty("password", options.text("password", ""));
        properties.setProperty("ApplicationName", "relaydesk-bench");
        return DriverManager.getConnection(url, properties);
    }
}
