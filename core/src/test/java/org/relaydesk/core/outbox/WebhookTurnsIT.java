package org.relaydesk.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.relaydesk.core.persistence.SchemaMigrator;
import org.relaydesk.testing.TestDatabase;

/**
 * The webhook lane takes receivers in turns, on PostgreSQL: a workspace whose receiver has a
 * backlog of 200 due deliveries (older than anything else) does not hold up another workspace's
 * single delivery, nor a second webhook of its own.
 */
class WebhookTurnsIT {
    private static TestDatabase database;
    private static Connection connection;
    private static final UUID BUSY_DESK = UUID.randomUUID();
    private static final UUID QUIET_DESK = UUID.randomUUID();
    private static final UUID BACKLOGGED = UUID.randomUUID();
    private static final UUID SECOND_OF_BUSY = UUID.randomUUID();
    private static final UUID QUIET = UUID.randomUUID();

    @BeforeAll
    static void backlog() throws Exception {
        database = TestDatabase.create();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.url());
        dataSource.setUser(database.user());
        SchemaMigrator.migrate(dataSource);
        connection = database.connect();
        try (Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO workspaces (id, name, slug, time_zone) VALUES ('%s', 'Busy', 'busy', 'UTC'), ('%s', 'Quiet', 'quiet', 'UTC')"
                    .formatted(BUSY_DESK, QUIET_DESK));
        }
        webhook(BACKLOGGED, BUSY_DESK);
        webhook(SECOND_OF_BUSY, BUSY_DESK);
        webhook(QUIET, QUIET_DESK);
        for (int i = 0; i < 200; i++) {
            due(BACKLOGGED, BUSY_DESK, 3600 - i); // an hour of retries, the oldest first
        }
        due(SECOND_OF_BUSY, BUSY_DESK, 5);
        due(QUIET, QUIET_DESK, 1);
        try (Statement sql = connection.createStatement()) {
            // another kind and a delivery not yet due are not this run's
            sql.execute("INSERT INTO outbox (id, workspace_id, kind, payload, status, next_attempt_at) VALUES ('%s', '%s', 'email.notice', '{}', "
                    .formatted(UUID.randomUUID(), QUIET_DESK) + "'pending', now() - interval '2 hours')");
        }
        UUID later = UUID.randomUUID();
        delivery(later, QUIET, QUIET_DESK);
        try (Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO outbox (id, workspace_id, kind, payload, status, next_attempt_at) VALUES ('%s', '%s', 'webhook', '{\"delivery_id\": \"%s\"}', "
                    .formatted(UUID.randomUUID(), QUIET_DESK, later) + "'pending', now() + interval '10 minutes')");
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

    @Test
    void everyReceiverHasItsTurnBeforeABackloggedOneHasItsSecond() throws Exception {
        List<String> receivers = new ArrayList<>();
        try (PreparedStatement due = connection.prepareStatement(OutboxDelivery.Webhooks.DUE_IN_TURNS.replace("?1", "?"))) {
            due.setString(1, "{webhook}");
            try (ResultSet rows = due.executeQuery()) {
                while (rows.next()) {
                    assertThat(rows.getString(3)).isEqualTo("webhook");
                    receivers.add(rows.getString(4));
                }
            }
        }
        assertThat(receivers).as("one run's batch").hasSize(OutboxDelivery.Webhooks.PER_RECEIVER + 2);
        assertThat(receivers.subList(0, 3)).as("the first turn: the oldest of each receiver, the backlogged one's first")
                .containsExactly(BACKLOGGED.toString(), SECOND_OF_BUSY.toString(), QUIET.toString());
        assertThat(receivers).filteredOn(BACKLOGGED.toString()::equals).hasSize(OutboxDelivery.Webhooks.PER_RECEIVER);
        assertThat(receivers).filteredOn(QUIET.toString()::equals).as("not the delivery due in ten minutes").hasSize(1);
    }

    private static void webhook(UUID id, UUID workspace) throws Exception {
        try (Statement sql = connection.createStatement()) {
            sql.execute(("INSERT INTO webhooks (id, workspace_id, url, events, secret, created_at, updated_at) VALUES ('%s', '%s', "
                    + "'https://hooks.example.com/%s', 'ticket.created', 'secret', now(), now())").formatted(id, workspace, id));
        }
    }

    private static void delivery(UUID id, UUID webhook, UUID workspace) throws Exception {
        try (Statement sql = connection.createStatement()) {
            sql.execute(("INSERT INTO webhook_deliveries (id, workspace_id, webhook_id, event, body, status, created_at) VALUES ('%s', '%s', '%s', "
                    + "'ticket.created', '{}', 'pending', now())").formatted(id, workspace, webhook));
        }
    }

    /** A delivery of the webhook queued and due since {@code secondsAgo}. */
    private static void due(UUID webhook, UUID workspace, int secondsAgo) throws Exception {
        UUID delivery = UUID.randomUUID();
        delivery(delivery, webhook, workspace);
        try (Statement sql = connection.createStatement()) {
            sql.execute(("INSERT INTO outbox (id, workspace_id, kind, payload, status, next_attempt_at) VALUES ('%s', '%s', 'webhook', "
                    + "'{\"delivery_id\": \"%s\"}', 'pending', now() - make_interval(secs => %d))").formatted(UUID.randomUUID(), workspace, delivery,
                    secondsAgo));
        }
    }
}
