package org.relaydesk.web.panel.supervisor;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketFilter;
import org.relaydesk.core.ticket.TicketSearch;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.user.User;
import org.relaydesk.core.user.UserService;
import org.relaydesk.web.panel.PanelActions;
import org.relaydesk.web.panel.PanelSession;
import org.relaydesk.web.panel.TicketLists;

/**
 * /supervisor/assignments: pick an agent (or "unassigned"), check some or all of their unresolved
 * tickets and hand them to someone else, e.g. before a holiday. Each move is on the ticket's timeline.
 */
@Named
@ViewScoped
public class ReassignView implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String UNASSIGNED = "none";
    private static final int MAX = 100;

    @Inject
    TicketSearch search;

    @Inject
    TicketService tickets;

    @Inject
    UserService users;

    @Inject
    PanelSession session;

    private String from;
    private String to;
    private List<Ticket> listed = new ArrayList<>();
    private List<Ticket> selected = new ArrayList<>();
    private List<User> agents;

    public void load() {
        selected = new ArrayList<>();
        if (from == null || from.isBlank()) {
            listed = new ArrayList<>();
            return;
        }
        TicketFilter filter = UNASSIGNED.equals(from) ? TicketLists.unassigned(TicketFilter.Sort.PRIORITY, MAX)
                : TicketLists.unresolvedOf(UUID.fromString(from), TicketFilter.Sort.PRIORITY, MAX);
        listed = new ArrayList<>(search.page(filter));
    }

    public void move() {
        if (to == null || to.isBlank()) {
            PanelActions.error("Choose who gets the tickets.");
            return;
        }
        if (selected.isEmpty()) {
            PanelActions.error("Check the tickets to move first.");
            return;
        }
        Actor actor = Actor.of(session.getUser());
        int moved = 0;
        for (Ticket ticket : selected) {
            UUID target = UNASSIGNED.equals(to) ? null : UUID.fromString(to);
            if (PanelActions.attempt(() -> {
                if (target == null) {
                    tickets.unassign(ticket.id(), actor);
                } else {
                    tickets.assign(ticket.id(), target, actor);
                }
            }, null)) {
                moved++;
            }
        }
        PanelActions.info(moved + (moved == 1 ? " ticket" : " tickets") + " reassigned");
        load();
    }

    public List<User> getAgents() {
        if (agents == null) {
            agents = users.list().stream().filter(User::active).toList();
        }
        return agents;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public List<Ticket> getListed() {
        return listed;
    }

    public List<Ticket> getSelected() {
        return selected;
    }

    public void setSelected(List<Ticket> selected) {
        this.selected = selected == null ? new ArrayList<>() : new ArrayList<>(selected);
    }
}
