package org.relaydesk.core.ticket;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What kind of request a ticket is. */
public enum TicketType {
    QUESTION, INCIDENT, PROBLEM, TASK;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TicketType> fromApiName(String value) {
        return value == null ? Optional.empty()
                : Arrays.stream(values()).filter(t -> t.name().equalsIgnoreCase(value.trim())).findFirst();
    }
}
