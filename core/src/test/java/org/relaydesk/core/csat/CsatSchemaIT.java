package org.relaydesk.core.csat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.relaydesk.core.persistence.SchemaMigrator;
import org.relaydesk.testing.TestDatabase;

/** On PostgreSQL: the database itself keeps one survey per resolution, one rating per survey, one survey per token. */
class CsatSchemaIT {
    private static final String W = "00000000-0000-0000-0000-0000000000c1";
    private static final String T = "00000000-0000-0000-0000-0000000000c3";
    private static TestDatabase database;
    private static Connection connection;

    @BeforeAll
    static void migrate() throws Exception {
        database = TestDatabase.create();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.url());
        dataSource.setUser(database.user());
        SchemaMigrator.migrate(dataSource);
        connection = database.connect();
        connection.setAutoCommit(true);
        try (Statement sql = connection.createStatement()) {
            sql.execute("""
                    INSERT INTO workspaces (id, name, slug) VALUES ('%1$s', 'W', 'w');
                    INSERT INTO contacts (id, workspace_id, name) VALUES ('00000000-0000-0000-0000-0000000000c2', '%1$s', 'C');
                    INSERT INTO tickets (id, workspace_id, number, subject, description, status, priority, priority_rank, type,
                                         requester_id, source_channel, created_at, updated_at, resolved_at)
                    VALUES ('%2$s', '%1$s', 1001, 'Printer', 'It jams', 'RESOLVED', 'MEDIUM', 3, 'QUESTION', '00000000-0000-0000-0000-0000000000c2',
                            'api', now(), now(), '2026-03-02T09:00:00Z');
                    """.formatted(W, T));
        }
    }

    @AfterAll
    static void drop() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private static int schedule(String id, String resolvedAt) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            return sql.executeUpdate(("INSERT INTO csat_surveys (id, workspace_id, ticket_id, resolved_at, status, due_at) VALUES ('%s', '%s', '%s', '%s', "
                    + "'scheduled', now()) ON CONFLICT (ticket_id, resolved_at) DO NOTHING").formatted(id, W, T, resolvedAt));
        }
    }

    @Test
    void oneSurveyPerResolutionAndOneRatingPerSurveyButARatingPerResolution() throws Exception {
        assertThat(schedule("00000000-0000-0000-0000-0000000000d1", "2026-03-02T09:00:00Z")).isEqualTo(1);
        assertThat(schedule("00000000-0000-0000-0000-0000000000d2", "2026-03-02T09:00:00Z")).as("the same resolution again").isZero();
        assertThat(schedule("00000000-0000-0000-0000-0000000000d3", "2026-03-05T10:00:00Z")).as("reopened and solved again").isEqualTo(1);
        try (Statement sql = connection.createStatement()) {
            sql.execute(("INSERT INTO satisfaction_ratings (id, workspace_id, ticket_id, rating, survey_id, channel) VALUES "
                    + "('00000000-0000-0000-0000-0000000000e1', '%1$s', '%2$s', 4, '00000000-0000-0000-0000-0000000000d1', 'email'), "
                    + "('00000000-0000-0000-0000-0000000000e2', '%1$s', '%2$s', 2, '00000000-0000-0000-0000-0000000000d3', 'email')").formatted(W, T));
            try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM satisfaction_ratings WHERE ticket_id = '" + T + "'")) {
                rows.next();
                assertThat(rows.getInt(1)).as("a ticket solved twice, rated twice").isEqualTo(2);
            }
            assertThatThrownBy(() -> sql.execute(("INSERT INTO satisfaction_ratings (id, workspace_id, ticket_id, rating, survey_id) VALUES "
                    + "('00000000-0000-0000-0000-0000000000e3', '%s', '%s', 5, '00000000-0000-0000-0000-0000000000d1')").formatted(W, T)))
                    .as("a survey answered twice").hasMessageContaining("survey_id");
            assertThatThrownBy(() -> sql.execute("INSERT INTO satisfaction_ratings (id, workspace_id, ticket_id, rating) VALUES "
                    + "('00000000-0000-0000-0000-0000000000e4', '%s', '%s', 6)".formatted(W, T))).as("a score beyond 5").isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aTokenHashOpensOneSurveyOnly() throws Exception {
        assertThat(schedule("00000000-0000-0000-0000-0000000000d7", "2026-04-01T00:00:00Z")).isEqualTo(1);
        assertThat(schedule("00000000-0000-0000-0000-0000000000d8", "2026-04-02T00:00:00Z")).isEqualTo(1);
        try (Statement sql = connection.createStatement()) {
            sql.execute("UPDATE csat_surveys SET token_hash = 'abc' WHERE id = '00000000-0000-0000-0000-0000000000d7'");
            assertThatThrownBy(() -> sql.execute("UPDATE csat_surveys SET token_hash = 'abc' WHERE id = '00000000-0000-0000-0000-0000000000d8'"))
                    .hasMessageContaining("token_hash");
        }
    }
}
