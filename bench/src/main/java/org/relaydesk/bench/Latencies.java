package org.relaydesk.bench;

import org.HdrHistogram.Histogram;

/**
 * Response times of one kind of request, kept in an HdrHistogram (microsecond resolution, three
 * significant digits) so that percentiles stay exact enough without storing every sample.
 * Not thread-safe: each client thread keeps its own and they are merged afterwards.
 */
final class Latencies {
    private final Histogram histogram = new Histogram(3);

    void recordSince(long startedNanos) {
        histogram.recordValue(Math.max(1, (System.nanoTime() - startedNanos) / 1_000));
    }

    /** A delay measured elsewhere, e.g. between two wall-clock readings. */
    void recordMillis(long millis) {
        histogram.recordValue(Math.max(1, millis * 1_000));
    }

    void add(Latencies other) {
        histogram.add(other.histogram);
    }

    long count() {
        return histogram.getTotalCount();
    }

    String percentileMillis(double percentile) {
        return millis(histogram.getValueAtPercentile(percentile));
    }

    String maxMillis() {
        return millis(histogram.getMaxValue());
    }

    private static String millis(long micros) {
        return String.format("%.1f", micros / 1000.0);
    }
}
