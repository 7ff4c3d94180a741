package org.relaydesk.api.assist;

import java.util.List;

/**
 * How the customer sounds. {@code frustration} in [0, 1]; {@code frustrated} when it passes the
 * provider's line; {@code aggressive} for insults and threats; {@code signals} says why, in words an
 * agent can check against the thread ("three messages without an answer", "'third time I ask'").
 */
public record Mood(double frustration, boolean frustrated, boolean aggressive, List<String> signals) {
    public static final Mood CALM = new Mood(0, false, false, List.of());

    public Mood {
        if (!(frustration >= 0 && frustration <= 1)) {
            throw new IllegalArgumentException("frustration is between 0 and 1, not " + frustration);
        }
        signals = signals == null ? List.of() : List.copyOf(signals);
    }
}
