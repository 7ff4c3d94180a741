package org.relaydesk.bench;

import java.io.IOException;

/** Response times of one client doing one thing after another: warm up, then time each interaction, into a table row. */
final class TimedRequests {
    private TimedRequests() {
    }

    /** One timed interaction; true when every response in it was 200. */
    @FunctionalInterface
    interface Interaction {
        boolean perform() throws IOException, InterruptedException;
    }

    static void measure(MarkdownTable table, String label, String name, int requests, int warmup, Interaction interaction)
            throws InterruptedException {
        for (int i = 0; i < warmup; i++) {
            performCountingFailures(interaction);
        }
        Latencies latencies = new Latencies();
        int errors = 0;
        for (int i = 0; i < requests; i++) {
            long started = System.nanoTime();
            if (performCountingFailures(interaction)) {
                latencies.recordSince(started);
            } else {
                errors++;
            }
        }
        System.out.printf("%s: p50 %s ms, p95 %s ms, p99 %s ms, max %s ms, %d errors%n", name, latencies.percentileMillis(50),
                latencies.percentileMillis(95), latencies.percentileMillis(99), latencies.maxMillis(), errors);
        table.row(label, name, String.format("%,d", requests), latencies.percentileMillis(50), latencies.percentileMillis(95),
                latencies.percentileMillis(99), latencies.maxMillis(), Integer.toString(errors));
    }

    /** A dropped connection or a timeout is one failed request, not the end of the run. */
    private static boolean performCountingFailures(Interaction interaction) throws InterruptedException {
        try {
            return interaction.perform();
        } catch (IOException e) {
            return false;
        }
    }
}
