package org.relaydesk.core.report;

import java.util.List;

/**
 * A prediction about the desk with what led to it, in plain words, and what to do about it.
 * {@code key} names it stably (the same situation is the same key on the next look), so that what
 * was done about it can be shown beside it.
 */
public record Insight(String key, Kind kind, String title, String explanation, List<Action> actions) {
    public enum Kind {
        LIKELY_BREACH, BACKLOG_RISK, VOLUME_ANOMALY
    }

    /** A button: {@code id} is what {@link Insights#act} carries out (checked again then), {@code label} what it says. */
    public record Action(String id, String label) {
    }
}
