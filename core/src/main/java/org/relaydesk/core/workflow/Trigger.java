package org.relaydesk.core.workflow;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What makes a rule look at a ticket. */
public enum Trigger {
    TICKET_CREATED("Ticket created"),
    TICKET_UPDATED("Ticket updated"),
    CUSTOMER_REPLIED("Customer replied"),
    AGENT_REPLIED("Agent replied"),
    STATUS_CHANGED("Status changed"),
    SLA_AT_RISK("SLA at risk"),
    SLA_BREACHED("SLA breached"),
    /** Time-based: checked every minute by the TimedRules job. */
    HOURS_SINCE_CREATED("Hours since created"),
    HOURS_SINCE_UPDATED("Hours since last update");

    private final String label;

    Trigger(String label) {
        this.label = label;
    }

    public boolean timeBased() {
        return this == HOURS_SINCE_CREATED || this == HOURS_SINCE_UPDATED;
    }

    public String label() {
        return label;
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Trigger> fromApiName(String value) {
        return value == null ? Optional.empty()
                : Arrays.stream(values()).filter(t -> t.apiName().equals(value.trim().toLowerCase(Locale.ROOT))).findFirst();
    }
}
