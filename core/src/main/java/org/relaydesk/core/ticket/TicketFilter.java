package org.relaydesk.core.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.api.ticket.TicketStatus;

/**
 * What the queue shows: every component is optional. {@code unassigned} selects tickets without
 * an assignee (and excludes {@code assigneeId}); {@code teamIds} tickets of any of those teams.
 */
public record TicketFilter(Set<TicketStatus> statuses, Set<TicketPriority> priorities, UUID assigneeId, boolean unassigned,
        UUID categoryId, UUID requesterId, String tag, String query, Instant createdFrom, Instant createdTo,
        String channel, Set<UUID> teamIds, String slaState, Sort sort, int page, int limit) {

    /** The same filter narrowed to tickets of these teams (a supervisor's scope); empty leaves it as it is. */
    public TicketFilter inTeams(Set<UUID> teams) {
        if (teams == null || teams.isEmpty()) {
            return this;
        }
        return new TicketFilter(statuses, priorities, assigneeId, unassigned, categoryId, requesterId, tag, query, createdFrom, createdTo,
                channel, Set.copyOf(teams), slaState, sort, page, limit);
    }

    public static final int MAX_LIMIT = 100;

    /** Every ticket, newest first, first page of 20; each call narrows it. */
    public static Builder builder() {
        return new Builder();
    }

    /** Names what each part of a filter is, where the record's fifteen positions would not. */
    public static final class Builder {
        private Set<TicketStatus> statuses;
        private Set<TicketPriority> priorities;
        private UUID assigneeId;
        private boolean unassigned;
        private UUID categoryId;
        private UUID requesterId;
        private String tag;
        private String query;
        private Instant createdFrom;
        private Instant createdTo;
        private String channel;
        private String slaState;
        private Set<UUID> teamIds;
        private Sort sort = Sort.NEWEST;
        private int page = 1;
        private int limit = 20;

        private Builder() {
        }

        public Builder statuses(Set<TicketStatus> value) {
            statuses = value == null || value.isEmpty() ? null : value;
            return this;
        }

        public Builder priorities(Set<TicketPriority> value) {
            priorities = value == null || value.isEmpty() ? null : value;
            return this;
        }

        public Builder assignee(UUID value) {
            assigneeId = value;
            return this;
        }

        /** Only tickets nobody has (an assignee given as well is then ignored). */
        public Builder unassigned(boolean value) {
            unassigned = value;
            return this;
        }

        public Builder category(UUID value) {
            categoryId = value;
            return this;
        }

        public Builder requester(UUID value) {
            requesterId = value;
            return this;
        }

        public Builder tag(String value) {
            tag = blankToNull(value);
            return this;
        }

        public Builder query(String value) {
            query = blankToNull(value);
            return this;
        }

        public Builder createdFrom(Instant value) {
            createdFrom = value;
            return this;
        }

        public Builder createdTo(Instant value) {
            createdTo = value;
            return this;
        }

        /** on_track, at_risk, breached, met or paused (as last computed). */
        public Builder slaState(String value) {
            slaState = blankToNull(value);
            return this;
        }

        public Builder channel(String value) {
            channel = blankToNull(value);
            return this;
        }

        public Builder team(UUID value) {
            teamIds = value == null ? null : Set.of(value);
            return this;
        }

        /** Tickets of any of these teams (a supervisor's scope); empty or null: every team. */
        public Builder teams(Set<UUID> values) {
            teamIds = values == null || values.isEmpty() ? null : Set.copyOf(values);
            return this;
        }

        public Builder sort(Sort value) {
            sort = value;
            return this;
        }

        public Builder page(int number, int size) {
            page = number;
            limit = size;
            return this;
        }

        public TicketFilter build() {
            return new TicketFilter(statuses, priorities, unassigned ? null : assigneeId, unassigned, categoryId, requesterId, tag, query,
                    createdFrom, createdTo, channel, teamIds, slaState, sort, page, limit);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }
    }

    /** Sort orders of the queue; ties are broken by ticket number so pages never overlap. */
    public enum Sort {
        NEWEST("t.created_at DESC, t.number DESC"),
        OLDEST("t.created_at ASC, t.number ASC"),
        UPDATED("t.updated_at DESC, t.number DESC"),
        PRIORITY("t.priority_rank DESC, t.created_at ASC, t.number ASC"),
        NUMBER("t.number DESC"),
        /** The soonest SLA due time first; tickets without a running clock last. */
        DUE("t.sla_due_at ASC NULLS LAST, t.priority_rank DESC, t.number ASC");

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
                case "due", "sla_due_at", "due_soonest" -> java.util.Optional.of(DUE);
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
