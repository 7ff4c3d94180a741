package org.relaydesk.api.ticket;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Ticket priorities, lowest first: the ordinal orders them. */
public enum TicketPriority {
    LOW("Low"), MEDIUM("Medium"), HIGH("High"), URGENT("Urgent"), CRITICAL("Critical");

    private final String label;

    TicketPriority(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** 1 (low) to 5 (critical): stored so that SQL can sort by it. */
    public int rank() {
        return ordinal() + 1;
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TicketPriority> fromApiName(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String normalized = value.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.name().equals(normalized)).findFirst();
    }

    public static TicketPriority fromRank(int rank) {
        return values()[rank - 1];
    }
}
