package org.relaydesk.web.panel.report;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.core.ticket.TicketFilter;
import org.relaydesk.core.ticket.TicketSearch;
import org.relaydesk.web.panel.TicketLists;

/**
 * The dashboards' SLA cards: open tickets whose SLA is breached, and those at risk, counted through
 * the SLA state index (capped like every badge). Each card opens the queue of those tickets.
 */
@Named("slaKpi")
@RequestScoped
public class SlaKpiView {
    @Inject
    TicketSearch search;

    /** "12", "9,999+": open tickets past an SLA target. */
    public String breached(Set<UUID> teams) {
        return count("breached", teams);
    }

    /** Open tickets about to miss a target. */
    public String atRisk(Set<UUID> teams) {
        return count("at_risk", teams);
    }

    private String count(String state, Set<UUID> teams) {
        Set<TicketStatus> open = EnumSet.noneOf(TicketStatus.class);
        Arrays.stream(TicketStatus.values()).filter(TicketStatus::isActive).forEach(open::add);
        TicketFilter.Builder filter = TicketFilter.builder().statuses(open).slaState(state).page(1, 1);
        if (teams != null && !teams.isEmpty()) {
            filter.teams(teams);
        }
        return TicketLists.capped(search.countUpTo(filter.build(), TicketLists.COUNT_CAP));
    }
}
