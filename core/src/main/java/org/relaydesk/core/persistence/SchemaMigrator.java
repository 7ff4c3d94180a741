package org.relaydesk.core.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;

/** Brings the schema up to date with Liquibase; several nodes starting at once wait for its lock. */
public final class SchemaMigrator {
    public static final String CHANGELOG = "db/changelog/db.changelog-master.xml";

    private SchemaMigrator() {
    }

    public static void migrate(DataSource dataSource) {
        System.setProperty("liquibase.analytics.enabled", "false");
        System.setProperty("liquibase.showBanner", "false");
        try (Connection connection = dataSource.getConnection()) {
            // Requests run under a statement timeout; a migration rewriting a large table must not.
            try (var statement = connection.createStatement()) {
                statement.execute("SET statement_timeout = 0");
            }
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            try (Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(SchemaMigrator.class.getClassLoader()), database)) {
                liquibase.update("");
                // Before Liquibase closes the connection: a pooled one goes back with this session's settings.
                try (var statement = connection.createStatement()) {
                    statement.execute("RESET statement_timeout");
                }
            }
        } catch (SQLException | LiquibaseException e) {
            throw new IllegalStateException("Database migration failed: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("Database migration failed: " + e.getMessage(), e);
        }
    }
}
