package org.relaydesk.api.ticket;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The statuses a ticket can be in, each mapped to the category that drives SLA and reports. */
public enum TicketStatus {
    NEW(StatusCategory.NEW, "New"),
    OPEN(StatusCategory.OPEN, "Open"),
    IN_PROGRESS(StatusCategory.OPEN, "In progress"),
    WAITING_ON_CUSTOMER(StatusCategory.PENDING, "Waiting on customer"),
    WAITING_ON_THIRD_PARTY(StatusCategory.PENDING, "Waiting on third party"),
    RESOLVED(StatusCategory.SOLVED, "Resolved"),
    CLOSED(StatusCategory.CLOSED, "Closed"),
    CANCELLED(StatusCategory.CLOSED, "Cancelled");

    private final StatusCategory category;
    private final String label;

    TicketStatus(StatusCategory category, String label) {
        this.category = category;
        this.label = label;
    }

    public StatusCategory category() {
        return category;
    }

    public String label() {
        return label;
    }

    /** Still being worked: new, open, in progress or waiting. */
    public boolean isActive() {
        return category == StatusCategory.NEW || category == StatusCategory.OPEN || category == StatusCategory.PENDING;
    }

    /** The snake_case name used on the wire, e.g. {@code waiting_on_customer}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TicketStatus> fromApiName(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String normalized = value.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.name().equals(normalized)).findFirst();
    }
}
