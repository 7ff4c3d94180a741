package org.relaydesk.core.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.api.ticket.TicketStatus;

/**
 * What the queue shows: every component is optional. {@code unassigned} selects tickets without
 * an assignee (and excludes {@code assigneeId}).
 */
public record TicketFilter(Set<TicketStatus> statuses, Set<TicketPriority> priorities, UUID assigneeId, boolean unassigned,
        UUID categoryId, UUID requesterId, String tag, String query, Instant createdFrom, Instant createdTo,
        Sort sort, int page, int limit) {

    public static final int MAX_LIMIT = 100;

    /** Sort orders of the queue; ties are broken by ticket number so pages never overlap. */
    public enum Sort {
        NEWEST("t.created_at DESC, t.number DESC"),
        OLDEST("t.created_at ASC, t.number ASC"),
        UPDATED("t.updated_at DESC, t.number DESC"),
        PRIORITY("t.priority_rank DESC, t.created_at ASC, t.number ASC"),
        NUMBER("t.number DESC");

        final String orderBy;

        Sort(String orderBy) {
            this.orderBy = orderBy;
        }

        public static java.util.Optional<Sort> fromApiName(String value) {
            if (value == null || value.isBlank()) {
                return java.util.Optional.of(NEWEST);
            }
            return switch (value.trim()) {
                case "-created_at", "newest" -> java.util.Optional.of(NEWEST);
                case "created_at", "oldest" -> java.util.Optional.of(OLDEST);
                case "-updated_at", "updated_at", "updated" -> java.util.Optional.of(UPDATED);
                case "priority", "-priority" -> java.util.Optional.of(PRIORITY);
                case "number", "-number" -> java.util.Optional.of(NUMBER);
                default -> java.util.Optional.empty();
            };
        }
    }

    /** {@code totalCapped}: a text search found more than {@link TicketSearch#SEARCH_COUNT_CAP}; total is that cap. */
    public record Page(List<Ticket> tickets, long total, boolean totalCapped, int page, int limit) {
        public int totalPages() {
            return (int) ((total + limit - 1) / limit);
        }
    }
}
