package org.relaydesk.core.routing;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a team's new tickets find their agent. */
public enum AssignmentStrategy {
    /** Nobody is chosen automatically. */
    MANUAL("Manual"),
    /** Whoever has waited longest since their last automatic assignment. */
    ROUND_ROBIN("Round robin"),
    /** Whoever has the fewest unresolved tickets. */
    LEAST_BUSY("Least busy"),
    /** Whoever has the skills the ticket needs, at the highest levels; then the least busy. */
    SKILLS("Skill-based");

    private final String label;

    AssignmentStrategy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AssignmentStrategy> fromApiName(String value) {
        return value == null ? Optional.empty()
                : Arrays.stream(values()).filter(s -> s.apiName().equals(value.trim().toLowerCase(Locale.ROOT))).findFirst();
    }
}
