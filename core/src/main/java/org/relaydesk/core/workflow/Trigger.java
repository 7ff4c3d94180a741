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
    SLA_BREACHED("SLA breached");

    private final String label;

    Trigger(String label) {
        this.label = label;
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
