package org.relaydesk.web.panel;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.core.ticket.TicketFilter;

/** The filters the dashboards use, named for what they show. */
public final class TicketLists {
    /** Counting a million tickets for a figure would cost more than the page: stop here. */
    public static final int COUNT_CAP = 9_999;

    private TicketLists() {
    }

    /** "1,234", or "9,999+" past the cap. */
    public static String capped(long count) {
        return count > COUNT_CAP ? String.format(java.util.Locale.ENGLISH, "%,d+", COUNT_CAP) : String.format(java.util.Locale.ENGLISH, "%,d", count);
    }

    public static EnumSet<TicketStatus> unresolved() {
        EnumSet<TicketStatus> statuses = EnumSet.noneOf(TicketStatus.class);
        Arrays.stream(TicketStatus.values()).filter(TicketStatus::isActive).forEach(statuses::add);
        return statuses;
    }

    public static TicketFilter unresolvedOf(UUID assignee, TicketFilter.Sort sort, int limit) {
        return TicketFilter.builder().statuses(unresolved()).assignee(assignee).sort(sort).page(1, limit).build();
    }

    public static TicketFilter unassigned(TicketFilter.Sort sort, int limit) {
        return TicketFilter.builder().statuses(unresolved()).unassigned(true).sort(sort).page(1, limit).build();
    }

    public static TicketFilter withStatuses(Set<TicketStatus> statuses, UUID assignee, int limit) {
        return TicketFilter.builder().statuses(statuses).assignee(assignee).sort(TicketFilter.Sort.PRIORITY).page(1, limit).build();
    }

    public static TicketFilter urgentUnresolved(int limit) {
        return TicketFilter.builder().statuses(unresolved()).priorities(EnumSet.of(TicketPriority.URGENT, TicketPriority.CRITICAL))
                .sort(TicketFilter.Sort.OLDEST).page(1, limit).build();
    }

    /** Unresolved tickets in an SLA state (breached, at_risk), the soonest due first. */
    public static TicketFilter slaUnresolved(String state, int limit) {
        return TicketFilter.builder().statuses(unresolved()).slaState(state).sort(TicketFilter.Sort.DUE).page(1, limit).build();
    }

    /** Unresolved tickets created before {@code before}: the old ones nobody finished. */
    public static TicketFilter unresolvedCreatedBefore(Instant before, int limit) {
        return TicketFilter.builder().statuses(unresolved()).createdTo(before).sort(TicketFilter.Sort.OLDEST).page(1, limit).build();
    }
}
