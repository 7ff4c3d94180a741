package org.relaydesk.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.relaydesk.testing.TestDatabase;

class SchemaMigrationIT {
    @Test
    void migratesAFreshDatabaseAndIsIdempotent() throws Exception {
        try (TestDatabase database = TestDatabase.create()) {
            SchemaMigrator.migrate(dataSource(database));
            SchemaMigrator.migrate(dataSource(database));
            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
                assertThat(tables).contains("workspaces", "users", "tickets", "messages", "ticket_events", "ticket_categories",
                        "canned_responses", "contacts", "contact_identities", "outbox", "satisfaction_ratings");
                try (ResultSet rows = statement.executeQuery("SELECT count(*), count(DISTINCT id) FROM databasechangelog")) {
                    rows.next();
                    assertThat(rows.getInt(1)).as("each changeset applied once").isEqualTo(rows.getInt(2)).isGreaterThanOrEqualTo(2);
                }
                // the full-text index the queue's search relies on
                try (ResultSet rows = statement.executeQuery("SELECT indexdef FROM pg_indexes WHERE indexname = 'tickets_search_idx'")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).contains("gin");
                }
            }
        }
    }

    /** A node killed mid-migration leaves Liquibase's lock set: the next start clears it and carries on. */
    @Test
    void aLockLeftByAKilledNodeDoesNotStopTheNextStart() throws Exception {
        try (TestDatabase database = TestDatabase.create()) {
            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                SchemaMigrator.migrate(connection, 3);
                statement.execute("UPDATE databasechangeloglock SET locked = true, lockgranted = now(), lockedby = 'a node that died'");
                assertThat(applied(statement)).as("a restore's partial migration applies exactly what it is asked").isEqualTo(3);
            }
            SchemaMigrator.migrate(dataSource(database));
            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                assertThat(applied(statement)).isEqualTo(SchemaMigrator.changeSets(connection).size());
                try (ResultSet rows = statement.executeQuery("SELECT locked FROM databasechangeloglock")) {
                    rows.next();
                    assertThat(rows.getBoolean(1)).as("the lock is free again").isFalse();
                }
            }
        }
    }

    /** Old code on a schema it does not know could lose data: the start is refused and nothing changes. */
    @Test
    void refusesADatabaseMigratedByANewerVersion() throws Exception {
        try (TestDatabase database = TestDatabase.create()) {
            SchemaMigrator.migrate(dataSource(database));
            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                statement.execute("""
                        INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype, md5sum)
                        VALUES ('999-from-the-future', 'relaydesk', 'db/changelog/999-from-the-future.sql', now(), 999, 'EXECUTED', '9:0')""");
                int before = applied(statement);
                assertThatThrownBy(() -> SchemaMigrator.migrate(dataSource(database)))
                        .isInstanceOf(SchemaMigrator.NewerDatabaseException.class)
                        .hasMessageContaining("migrated by a newer Relaydesk")
                        .hasMessageContaining("999-from-the-future")
                        .hasMessageContaining("Nothing was changed");
                assertThat(applied(statement)).isEqualTo(before);
                try (ResultSet rows = statement.executeQuery("SELECT pg_try_advisory_lock(" + 0x52454C41_59444B31L + ")")) {
                    rows.next();
                    assertThat(rows.getBoolean(1)).as("the refused start let go of the migration lock").isTrue();
                }
            }
        }
    }

    private static int applied(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM databasechangelog")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** The conversation is searchable through its ticket, and follows messages that are edited, moved or deleted. */
    @Test
    void ticketSearchDocumentFollowsTheConversation() throws Exception {
        try (TestDatabase database = TestDatabase.create()) {
            SchemaMigrator.migrate(dataSource(database));
            try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
                sql.execute("""
                        INSERT INTO workspaces (id, name, slug) VALUES ('00000000-0000-0000-0000-000000000001', 'W', 'w');
                        INSERT INTO contacts (id, workspace_id, name) VALUES ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001', 'C');
                        INSERT INTO tickets (id, workspace_id, number, subject, description, status, priority, priority_rank, type,
                                             requester_id, source_channel, created_at, updated_at)
                        SELECT ('00000000-0000-0000-0000-00000000001' || n)::uuid, '00000000-0000-0000-0000-000000000001', 1000 + n,
                               'Printer trouble', 'It jams', 'OPEN', 'MEDIUM', 3, 'QUESTION', '00000000-0000-0000-0000-000000000002', 'api', now(), now()
                        FROM generate_series(1, 2) n;
                        INSERT INTO messages (id, workspace_id, ticket_id, kind, author_type, author_name, body_html, body_text, created_at)
                        VALUES ('00000000-0000-0000-0000-000000000021', '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000011',
                                'REPLY', 'CUSTOMER', 'C', '<p>The toner cartridge leaks</p>', 'The toner cartridge leaks', now()),
                               ('00000000-0000-0000-0000-000000000022', '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000011',
                                'NOTE', 'AGENT', 'A', '<p>Ordered a replacement drum</p>', 'Ordered a replacement drum', now());
                        """);
                assertThat(matching(sql, "cartridges")).as("a customer message, stemmed").containsExactly(1001);
                assertThat(matching(sql, "drum")).as("an internal note").containsExactly(1001);
                assertThat(matching(sql, "printer")).as("the subject still").containsExactly(1001, 1002);

                sql.execute("UPDATE messages SET body_text = 'The fuser overheats' WHERE id = '00000000-0000-0000-0000-000000000021'");
                assertThat(matching(sql, "cartridge")).as("an edit replaces the old words").isEmpty();
                assertThat(matching(sql, "fuser")).containsExactly(1001);

                sql.execute("UPDATE messages SET ticket_id = '00000000-0000-0000-0000-000000000012' WHERE id = '00000000-0000-0000-0000-000000000022'");
                assertThat(matching(sql, "drum")).as("a merge moves the words with the message").containsExactly(1002);

                sql.execute("DELETE FROM messages WHERE id = '00000000-0000-0000-0000-000000000021'");
                assertThat(matching(sql, "fuser")).as("a deleted message is no longer found").isEmpty();
            }
        }
    }

    private static List<Integer> matching(Statement sql, String word) throws SQLException {
        List<Integer> numbers = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery("SELECT number FROM tickets WHERE search_vector @@ websearch_to_tsquery('english', '"
                + word + "') ORDER BY number")) {
            while (rows.next()) {
                numbers.add(rows.getInt(1));
            }
        }
        return numbers;
    }

    private static PGSimpleDataSource dataSource(TestDatabase database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.url());
        dataSource.setUser(database.user());
        return dataSource;
    }
}
