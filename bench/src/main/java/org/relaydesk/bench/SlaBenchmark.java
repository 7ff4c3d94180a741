package org.relaydesk.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code sla} command, against a running Relaydesk and its database: marks every unresolved
 * ticket of a workspace as due for an SLA check (what migration 010 does on an upgrade, and a policy
 * change does), then watches the server's SLA watcher work them off and reports tickets per second.
 * Afterwards it times the watcher's own query (the due-time scan) at steady state and prints its plan.
 */
final class SlaBenchmark {
    static final Set<String> OPTIONS = Seeder.union(Database.OPTIONS, Set.of("workspace-slug", "timeout-seconds", "scans"));
    private static final String OPEN = "status NOT IN ('RESOLVED', 'CLOSED', 'CANCELLED')";
    /** The watcher's query, as SlaWatch runs it. */
    private static final String SCAN = "SELECT CAST(id AS text), CAST(workspace_id AS text) FROM tickets WHERE sla_next_check_at <= now() "
            + "ORDER BY sla_next_check_at LIMIT 500";

    private SlaBenchmark() {
    }

    static void run(Options options) throws Exception {
        String slug = options.required("workspace-slug");
        int timeoutSeconds = options.integer("timeout-seconds", 3600);
        int scans = options.integer("scans", 500);
        try (Connection connection = Database.connect(options)) {
            UUID workspace = WorkspaceFixture.load(connection, slug).id();
            long tickets = count(connection, "SELECT count(*) FROM tickets WHERE workspace_id = ?", workspace);
            long open;
            java.sql.Timestamp marked;
            try (Statement sql = connection.createStatement(); ResultSet now = sql.executeQuery("SELECT now()")) {
                now.next();
                marked = now.getTimestamp(1);
            }
            // as the upgrade to migration 010 does: due now, current breaches taken as known ('*')
            try (PreparedStatement mark = connection.prepareStatement(
                    "UPDATE tickets SET sla_next_check_at = ?, sla_announced = '*' WHERE workspace_id = ? AND " + OPEN)) {
                mark.setTimestamp(1, marked);
                mark.setObject(2, workspace);
                open = mark.executeUpdate();
            }
            System.out.printf("%,d tickets, %,d unresolved marked for an SLA check%n", tickets, open);
            long started = System.nanoTime();
            long deadline = started + timeoutSeconds * 1_000_000_000L;
            long remaining = open;
            while (remaining > 0 && System.nanoTime() < deadline) {
                Thread.sleep(1000); // polling the database for progress
                remaining = countMarked(connection, workspace, marked);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("SLA computed for %,d tickets in %.1f s: %.0f tickets/s (%,d left)%n", open - remaining, seconds,
                    (open - remaining) / seconds, remaining);
            try (Statement sql = connection.createStatement()) {
                sql.execute("ANALYZE tickets");
            }
            Latencies scan = new Latencies();
            for (int i = 0; i < scans; i++) {
                long before = System.nanoTime();
                try (Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery(SCAN)) {
                    while (rows.next()) {
                        rows.getString(1);
                    }
                }
                scan.recordSince(before);
            }
            System.out.printf("due-time scan (%d runs): p50 %s ms, p95 %s ms, max %s ms; tickets with a future check: %,d%n", scans,
                    scan.percentileMillis(50), scan.percentileMillis(95), scan.maxMillis(),
                    count(connection, "SELECT count(*) FROM tickets WHERE workspace_id = ? AND sla_next_check_at > now()", workspace));
            try (Statement sql = connection.createStatement(); ResultSet plan = sql.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + SCAN)) {
                while (plan.next()) {
                    System.out.println("  " + plan.getString(1));
                }
            }
        }
    }

    /** Recomputed tickets get a next check after the mark (or none): what is left still has the mark. */
    private static long countMarked(Connection connection, UUID workspace, java.sql.Timestamp marked) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM tickets WHERE workspace_id = ? AND sla_next_check_at <= ?")) {
            statement.setObject(1, workspace);
            statement.setTimestamp(2, marked);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static long count(Connection connection, String sql, UUID workspace) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, workspace);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
