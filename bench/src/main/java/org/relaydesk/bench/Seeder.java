package org.relaydesk.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The {@code seed} command: adds N tickets with their customers, conversations, tags and
 * "created" events to an existing workspace, loading them with COPY in committed chunks.
 * Running it again adds more (100k, then 900k more for 1M).
 */
final class Seeder {
    static final Set<String> OPTIONS = union(Database.OPTIONS, Set.of("workspace-slug", "tickets", "contacts", "chunk", "seed"));
    private static final int PROGRESS_EVERY_TICKETS = 50_000;

    private Seeder() {
    }

    static void run(Options options) throws SQLException {
        String slug = options.required("workspace-slug");
        int tickets = options.integer("tickets", 100_000);
        int contactCount = options.integer("contacts", Math.max(1, tickets / 5));
        int chunk = options.integer("chunk", 2_000);
        SplittableRandom random = new SplittableRandom(options.seed("seed"));

        try (Connection connection = Database.connect(options)) {
            WorkspaceFixture workspace = WorkspaceFixture.load(connection, slug);
            System.out.println("seeding " + workspace.describe());
            if (workspace.agents().isEmpty()) {
                System.out.println("warning: the workspace has no active users, so seeded tickets stay unassigned");
            }
            long firstNumber = TicketNumbers.reserve(connection, workspace.id(), tickets);
            connection.setAutoCommit(false);
            CopyLoader loader = new CopyLoader(connection);
            Instant now = Instant.now();
            long started = System.nanoTime();

            SeedBatch batch = new SeedBatch();
            List<SeedContact> contacts = new ContactGenerator(random, now).generate(contactCount, workspace.id(), batch);
            long rows = batch.rowCount();
            loader.load(batch);
            connection.commit();
            batch.clear();
            System.out.printf("  %,d contacts in %.1f s%n", contactCount, seconds(started));

            TicketGenerator generator = new TicketGenerator(workspace, contacts, now, random, true);
            for (int i = 0; i < tickets; i++) {
                generator.generate(firstNumber + i, batch);
                if (batch.tickets() == chunk || i == tickets - 1) {
                    rows += batch.rowCount();
                    loader.load(batch);
                    connection.commit();
                    batch.clear();
                }
                if ((i + 1) % PROGRESS_EVERY_TICKETS == 0 && i + 1 < tickets) {
                    System.out.printf("  %,d / %,d tickets, %,.0f tickets/s%n", i + 1, tickets, (i + 1) / seconds(started));
                }
            }
            double loadSeconds = seconds(started);
            connection.setAutoCommit(true);
            analyze(connection);
            double totalSeconds = seconds(started);

            System.out.printf("seeded %,d tickets (numbers %d to %d) and %,d rows in all in %.1f s: %,.0f tickets/s, %,.0f rows/s"
                            + " (COPY only); %.1f s with VACUUM ANALYZE%n",
                    tickets, firstNumber, firstNumber + tickets - 1, rows, loadSeconds, tickets / loadSeconds, rows / loadSeconds,
                    totalSeconds);
            System.out.printf("workspace %s now holds %,d tickets%n", slug, workspace.ticketCount(connection));
        }
    }

    /**
     * Fresh statistics, or the planner would still think the tables are as small as before seeding;
     * and a vacuum, which a live database gets from autovacuum in time: without the visibility map
     * it sets, index-only scans (the queue's counts) read the heap for every row.
     */
    private static void analyze(Connection connection) throws SQLException {
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            statement.execute("VACUUM ANALYZE");
        }
        System.out.printf("  VACUUM ANALYZE in %.1f s%n", seconds(started));
    }

    static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> all = new HashSet<>(first);
        all.addAll(second);
        return Set.copyOf(all);
    }
}
