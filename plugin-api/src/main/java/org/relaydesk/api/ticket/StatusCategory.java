package org.relaydesk.api.ticket;

/**
 * The coarse meaning of a status. SLA clocks pause in {@link #PENDING}, stop in {@link #SOLVED}
 * and {@link #CLOSED}; reporting groups by category.
 */
public enum StatusCategory {
    NEW, OPEN, PENDING, SOLVED, CLOSED;

    public String apiName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
