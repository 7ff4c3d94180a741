package org.relaydesk.web.panel.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.relaydesk.core.report.Workload;
import org.relaydesk.core.ticket.TicketFilter;
import org.relaydesk.core.ticket.TicketSearch;
import org.relaydesk.core.user.User;
import org.relaydesk.core.user.UserService;
import org.relaydesk.web.panel.TicketLists;

/** /admin/dashboard: the state of the help desk at a glance, each figure a link to the list behind it. */
@Named
@RequestScoped
public class AdminDashboardView {

    @Inject
    TicketSearch search;

    @Inject
    UserService users;

    @Inject
    Workload workload;

    public String getOpen() {
        return count(TicketLists.unresolvedOf(null, TicketFilter.Sort.NEWEST, 1));
    }

    public String getUnassigned() {
        return count(TicketLists.unassigned(TicketFilter.Sort.NEWEST, 1));
    }

    public String getCreatedThisWeek() {
        return count(TicketFilter.builder().createdFrom(Instant.now().minus(Duration.ofDays(7))).page(1, 1).build());
    }

    public long getActiveStaff() {
        return users.list().stream().filter(User::active).count();
    }

    public List<Workload.AgentLoad> getLoad() {
        return workload.perAgent();
    }

    private String count(TicketFilter filter) {
        return TicketLists.capped(search.countUpTo(filter, TicketLists.COUNT_CAP));
    }
}
