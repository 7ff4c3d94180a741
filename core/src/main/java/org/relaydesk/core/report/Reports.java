package org.relaydesk.core.report;

/** Small arithmetic the reports share. */
public final class Reports {
    private Reports() {
    }

    /** {@code part} of {@code whole} in percent with one decimal; null when the whole is zero (nothing to judge). */
    public static Double percent(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
    }
}
