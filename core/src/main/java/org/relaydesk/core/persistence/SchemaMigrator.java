package org.relaydesk.core.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Brings the schema up to date with Liquibase. Several nodes starting at once take turns on a
 * PostgreSQL advisory lock, which the database releases when a node dies; Liquibase's own lock row
 * is not released by a node killed mid-migration, so whoever holds the advisory lock clears it, and
 * the interrupted changeset (each runs in its own transaction) is simply run again. A database
 * migrated by a newer Relaydesk is refused with a message saying so, before anything is changed.
 */
public final class SchemaMigrator {
    public static final String CHANGELOG = "db/changelog/db.changelog-master.xml";
    /** Any constant shared by every node: the key of the advisory lock migrations take turns on. */
    private static final long MIGRATION_LOCK = 0x52454C41_59444B31L;
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(SchemaMigrator.class.getName());

    private SchemaMigrator() {
    }

    /** A changeset as the changelog and the DATABASECHANGELOG table name it. */
    public record ChangeSetId(String id, String author) {
        @Override
        public String toString() {
            return id + " (" + author + ")";
        }
    }

    public static void migrate(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            migrate(connection, Integer.MAX_VALUE);
        } catch (SQLException e) {
            throw new IllegalStateException("Database migration failed: " + e.getMessage(), e);
        }
    }

    /**
     * Applies the changelog's changesets not yet applied, at most {@code limit} of them (a restore
     * brings a database to exactly the changesets of its backup). Closes nothing: the caller owns the
     * connection, which comes back with its session settings reset.
     */
    public static void migrate(Connection connection, int limit) {
        System.setProperty("liquibase.analytics.enabled", "false");
        System.setProperty("liquibase.showBanner", "false");
        System.setProperty("liquibase.command.showSummaryOutput", "LOG");
        try {
            try (Statement statement = connection.createStatement()) {
                // Requests run under a statement timeout; a migration rewriting a large table must not.
                statement.execute("SET statement_timeout = 0");
            }
            lock(connection);
            try {
                Liquibase liquibase = liquibase(connection);
                refuseNewerDatabase(liquibase);
                // what Liquibase says goes to the log, not to whoever's console runs it (the server's, a
                // restore's): there it keeps the log's format (one JSON object per line, when asked for)
                Scope.child(Scope.Attr.ui, new LoggerUIService(), () -> {
                    // the advisory lock is ours: a Liquibase lock still set was left by a node that died
                    liquibase.forceReleaseLocks();
                    if (limit == Integer.MAX_VALUE) {
                        liquibase.update(new Contexts(), new LabelExpression());
                    } else {
                        liquibase.update(limit, new Contexts(), new LabelExpression());
                    }
                });
            } finally {
                // Liquibase leaves the connection in a transaction: ended first, so that the unlock and
                // the reset take effect on a pooled connection that goes back to the pool
                try {
                    if (!connection.getAutoCommit()) {
                        connection.commit();
                        connection.setAutoCommit(true);
                    }
                } finally {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
                        statement.execute("RESET statement_timeout");
                    }
                }
            }
        } catch (NewerDatabaseException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Database migration failed: " + e.getMessage(), e);
        }
    }

    /**
     * Takes the migration lock, saying so in the log while another session holds it (a node that is
     * migrating, or one hung in the middle: the lock goes with its connection only when it dies).
     * Session-level: the same session may take it again (a restore holds it around its migration).
     */
    public static void lock(Connection connection) throws SQLException, InterruptedException {
        long started = System.nanoTime();
        long lastSaid = started;
        while (true) {
            try (Statement statement = connection.createStatement();
                    java.sql.ResultSet taken = statement.executeQuery("SELECT pg_try_advisory_lock(" + MIGRATION_LOCK + ")")) {
                taken.next();
                if (taken.getBoolean(1)) {
                    return;
                }
            }
            if (System.nanoTime() - lastSaid > 30_000_000_000L) {
                lastSaid = System.nanoTime();
                LOG.warning(() -> "Waiting " + (System.nanoTime() - started) / 1_000_000_000L
                        + " s for another node's database migration to finish (PostgreSQL advisory lock " + MIGRATION_LOCK + ")");
            }
            Thread.sleep(500);
        }
    }

    public static void unlock(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
        }
    }

    /** The changelog's changesets, in the order they are applied. */
    public static List<ChangeSetId> changeSets(Connection connection) {
        try {
            List<ChangeSetId> ids = new ArrayList<>();
            for (ChangeSet changeSet : liquibase(connection).getDatabaseChangeLog().getChangeSets()) {
                ids.add(new ChangeSetId(changeSet.getId(), changeSet.getAuthor()));
            }
            return ids;
        } catch (Exception e) {
            throw new IllegalStateException("The changelog cannot be read: " + e.getMessage(), e);
        }
    }

    private static Liquibase liquibase(Connection connection) throws Exception {
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection) {
            @Override
            public void close() {
                // the caller's connection: Liquibase must not close it
            }
        });
        return new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(SchemaMigrator.class.getClassLoader()), database);
    }

    private static void refuseNewerDatabase(Liquibase liquibase) throws Exception {
        Collection<RanChangeSet> unknown = liquibase.listUnexpectedChangeSets(new Contexts(), new LabelExpression());
        if (!unknown.isEmpty()) {
            List<String> names = unknown.stream().map(c -> c.getId() + " (" + c.getAuthor() + ")").limit(5).toList();
            throw new NewerDatabaseException("This database was migrated by a newer Relaydesk: it holds " + unknown.size()
                    + " schema change(s) this version does not know (" + String.join(", ", names) + (unknown.size() > 5 ? ", …" : "")
                    + "). Start the newer version again, or restore a backup made by this version onto an empty database."
                    + " Nothing was changed.");
        }
    }

    /** The database is ahead of this build: starting would run old code on a schema it does not know. */
    public static final class NewerDatabaseException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        NewerDatabaseException(String message) {
            super(message);
        }
    }
}
