package org.relaydesk.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
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
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(database.url());
            dataSource.setUser(database.user());
            SchemaMigrator.migrate(dataSource);
            SchemaMigrator.migrate(dataSource);
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
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM databasechangelog")) {
                    rows.next();
                    assertThat(rows.getInt(1)).isEqualTo(1);
                }
                // the full-text index the queue's search relies on
                try (ResultSet rows = statement.executeQuery("SELECT indexdef FROM pg_indexes WHERE indexname = 'tickets_search_idx'")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).contains("gin");
                }
            }
        }
    }
}
