package org.relaydesk.web.panel.supervisor;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.relaydesk.core.report.Workload;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketFilter;
import org.relaydesk.core.ticket.TicketSearch;
import org.relaydesk.web.panel.TicketLists;

/**
 * The supervisor's dashboard, escalations and agents pages: who carries what, what nobody has
 * taken, and what is getting old or urgent, within the teams of the supervisor's scope. Each list
 * is one indexed page, never a full count.
 */
@Named
@RequestScoped
public class SupervisorView {
    private static final int LIST = 10;
    /** Unresolved for longer than this counts as an escalation. */
    static final Duration TOO_OLD = Duration.ofDays(3);

    @Inject
    Workload workload;

    @Inject
    TicketSearch search;

    @Inject
    SupervisorScope scope;

    private List<Workload.AgentLoad> load;

    public List<Workload.AgentLoad> getLoad() {
        if (load == null) {
            load = workload.perAgent(scope.teamIds(), scope.memberIds());
        }
        return load;
    }

    public String getUnassignedCount() {
        return TicketLists.capped(search.countUpTo(TicketLists.unassigned(TicketFilter.Sort.OLDEST, 1).inTeams(scope.teamIds()), TicketLists.COUNT_CAP));
    }

    public String getOpenCount() {
        return TicketLists.capped(search.countUpTo(TicketLists.unresolvedOf(null, TicketFilter.Sort.OLDEST, 1).inTeams(scope.teamIds()), TicketLists.COUNT_CAP));
    }

    public List<Ticket> getOldestOpen() {
        return search.page(TicketLists.unresolvedOf(null, TicketFilter.Sort.OLDEST, LIST).inTeams(scope.teamIds()));
    }

    public List<Ticket> getOldestUnassigned() {
        return search.page(TicketLists.unassigned(TicketFilter.Sort.OLDEST, LIST).inTeams(scope.teamIds()));
    }

    public List<Ticket> getUrgent() {
        return search.page(TicketLists.urgentUnresolved(50).inTeams(scope.teamIds()));
    }

    public List<Ticket> getTooOld() {
        return search.page(TicketLists.unresolvedCreatedBefore(Instant.now().minus(TOO_OLD), 50).inTeams(scope.teamIds()));
    }

    public List<Ticket> getSlaBreached() {
        return search.page(TicketLists.slaUnresolved("breached", 50).inTeams(scope.teamIds()));
    }

    public List<Ticket> getSlaAtRisk() {
        return search.page(TicketLists.slaUnresolved("at_risk", 50).inTeams(scope.teamIds()));
    }

    public long getTooOldDays() {
        return TOO_OLD.toDays();
    }
}
