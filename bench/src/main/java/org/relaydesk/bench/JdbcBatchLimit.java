package org.relaydesk.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The {@code jdbc-limit} command: inserts N tickets with plain JDBC batches, one transaction per
 * batch, and reports tickets per second: the most that any code creating tickets one by one over
 * JDBC could reach on this machine. Only insert and commit are timed; making the rows in Java
 * and the customers the tickets need are not.
 */
final class JdbcBatchLimit {
    static final Set<String> OPTIONS = Seeder.union(Database.OPTIONS,
            Set.of("workspace-slug", "tickets", "batch", "with-messages", "create-workspace", "seed"));

    private JdbcBatchLimit() {
    }

    static void run(Options options) throws SQLException {
        String slug = options.required("workspace-slug");
        int tickets = options.integer("tickets", 100_000);
        int batchSize = options.integer("batch", 500);
        boolean withMessages = options.flag("with-messages", true);
        SplittableRandom random = new SplittableRandom(options.seed("seed"));

        try (Connection connection = Database.connect(options)) {
            if (options.flag("create-workspace", false)) {
                ScratchWorkspace.createIfMissing(connection, slug);
            }
            WorkspaceFixture workspace = WorkspaceFixture.load(connection, slug);
            System.out.println("inserting into " + workspace.describe());
            long firstNumber = TicketNumbers.reserve(connection, workspace.id(), tickets);
            connection.setAutoCommit(false);
            Instant now = Instant.now();

            SeedBatch batch = new SeedBatch();
            List<SeedContact> contacts = new ContactGenerator(random, now).generate(Math.max(1, tickets / 5), workspace.id(), batch);
            new CopyLoader(connection).load(batch);
            connection.commit();
            batch.clear();

            TicketGenerator generator = new TicketGenerator(workspace, contacts, now, random, withMessages);
            long rows = 0;
            long databaseNanos = 0;
            long started = System.nanoTime();
            try (BatchInserter inserter = new BatchInserter(connection)) {
                for (int i = 0; i < tickets; i++) {
                    generator.generate(firstNumber + i, batch);
                    if (batch.tickets() == batchSize || i == tickets - 1) {
                        rows += batch.rowCount();
                        long before = System.nanoTime();
                        inserter.insert(batch);
                        connection.commit();
                        databaseNanos += System.nanoTime() - before;
                        batch.clear();
                    }
                }
            }
            double databaseSeconds = databaseNanos / 1e9;
            String shape = withMessages ? "ticket, 3-5 messages, tags, event" : "ticket and its event, as the API writes";
            System.out.printf("inserted %,d tickets (%s) as %,d rows in JDBC batches of %d tickets: %,.0f tickets/s, %,.0f rows/s"
                            + " (%.1f s in insert and commit, %.1f s in all)%n",
                    tickets, shape, rows, batchSize, tickets / databaseSeconds, rows / databaseSeconds, databaseSeconds,
                    Seeder.seconds(started));
            System.out.println();
            System.out.println(new MarkdownTable("Limit", "Rows per ticket", "Tickets", "Tickets/s")
                    .row("JDBC batches of " + batchSize + ", commit per batch", shape, String.format("%,d", tickets),
                            String.format("%,.0f", tickets / databaseSeconds)));
        }
    }
}
