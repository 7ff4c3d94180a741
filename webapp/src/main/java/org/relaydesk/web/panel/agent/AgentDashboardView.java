package org.relaydesk.web.panel.agent;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketFilter;
import org.relaydesk.core.ticket.TicketSearch;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.web.panel.PanelSession;
import org.relaydesk.web.panel.TicketLists;

/** /agent/dashboard: my counts, my most pressing tickets, and what happened lately on mine. */
@Named
@RequestScoped
public class AgentDashboardView {
    @Inject
    TicketSearch search;

    @Inject
    TicketService tickets;

    @Inject
    PanelSession session;

    private UUID me() {
        return session.getUser().id();
    }

    public String getMyOpen() {
        return TicketLists.capped(search.countUpTo(TicketLists.unresolvedOf(me(), TicketFilter.Sort.PRIORITY, 1), TicketLists.COUNT_CAP));
    }

    public String getMyWaiting() {
        EnumSet<TicketStatus> waiting = EnumSet.of(TicketStatus.WAITING_ON_CUSTOMER, TicketStatus.WAITING_ON_THIRD_PARTY);
        return TicketLists.capped(search.countUpTo(TicketLists.withStatuses(waiting, me(), 1), TicketLists.COUNT_CAP));
    }

    public String getUnassigned() {
        return TicketLists.capped(search.countUpTo(TicketLists.unassigned(TicketFilter.Sort.PRIORITY, 1), TicketLists.COUNT_CAP));
    }

    /** Until SLA due times exist, "due soon" is the highest priority first, then the oldest. */
    public List<Ticket> getDueSoon() {
        return search.page(TicketLists.unresolvedOf(me(), TicketFilter.Sort.PRIORITY, 8));
    }

    public List<TicketService.Activity> getRecentActivity() {
        return tickets.recentActivityOn(me(), 12);
    }
}
