package org.relaydesk.web.panel;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.core.ticket.Category;
import org.relaydesk.core.ticket.CategoryService;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketFilter;
import org.relaydesk.core.ticket.TicketSearch;
import org.relaydesk.core.user.User;
import org.relaydesk.core.user.UserService;

/**
 * The agent's queue: built-in views, filters and sort, paged on the server (only the visible page
 * is ever loaded). The view and filters live in the URL's query string so a queue can be bookmarked.
 */
@Named
@ViewScoped
public class QueueView implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The built-in views of the queue. */
    public enum BuiltIn {
        MINE("My tickets"), UNASSIGNED("Unassigned"), OPEN("All open"), RECENT("Recently updated"), ALL("All tickets");

        private final String label;

        BuiltIn(String label) {
            this.label = label;
        }

        public String getLabel() {
            return label;
        }

        public String getKey() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Inject
    TicketSearch search;

    @Inject
    UserService users;

    @Inject
    CategoryService categories;

    @Inject
    PanelSession session;

    @Inject
    org.relaydesk.web.api.Workspaces workspaces;

    private String view = "mine";
    private List<String> statuses = new ArrayList<>();
    private List<String> priorities = new ArrayList<>();
    private String assignee;
    private String category;
    private String tag;
    private String query;
    private String sort = "priority";
    private final LazyDataModel<Ticket> tickets = new TicketPage();
    private List<User> agents;
    private List<Category> categoryOptions;

    /** The current view with the filters chosen on top of it. */
    TicketFilter filter(int page, int limit) {
        return filter(builtIn(), true, page, limit);
    }

    private TicketFilter filter(BuiltIn builtIn, boolean withFilters, int page, int limit) {
        List<String> statuses = withFilters ? this.statuses : List.of();
        List<String> priorities = withFilters ? this.priorities : List.of();
        String assignee = withFilters ? this.assignee : null;
        String category = withFilters ? this.category : null;
        String tag = withFilters ? this.tag : null;
        String query = withFilters ? this.query : null;
        Set<TicketStatus> chosen = EnumSet.noneOf(TicketStatus.class);
        statuses.forEach(s -> TicketStatus.fromApiName(s).ifPresent(chosen::add));
        if (chosen.isEmpty() && builtIn != BuiltIn.RECENT && builtIn != BuiltIn.ALL) {
            Arrays.stream(TicketStatus.values()).filter(TicketStatus::isActive).forEach(chosen::add);
        }
        Set<TicketPriority> chosenPriorities = EnumSet.noneOf(TicketPriority.class);
        priorities.forEach(p -> TicketPriority.fromApiName(p).ifPresent(chosenPriorities::add));
        UUID assigneeId = builtIn == BuiltIn.MINE ? session.getUser().id() : parse(assignee);
        boolean unassigned = builtIn == BuiltIn.UNASSIGNED || "none".equals(assignee);
        TicketFilter.Sort order = builtIn == BuiltIn.RECENT ? TicketFilter.Sort.UPDATED
                : TicketFilter.Sort.fromApiName(sort).orElse(TicketFilter.Sort.PRIORITY);
        return new TicketFilter(chosen.isEmpty() ? null : chosen, chosenPriorities.isEmpty() ? null : chosenPriorities,
                unassigned ? null : assigneeId, unassigned, parse(category), null, blankToNull(tag), blankToNull(query), null, null,
                order, page, limit);
    }

    private final class TicketPage extends LazyDataModel<Ticket> {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, search.countUpToCap(filter(1, 1)));
        }

        @Override
        public List<Ticket> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            int limit = Math.max(1, Math.min(pageSize, TicketFilter.MAX_LIMIT));
            return search.page(filter(first / limit + 1, limit));
        }

        @Override
        public String getRowKey(Ticket ticket) {
            return ticket.id().toString();
        }

        @Override
        public Ticket getRowData(String rowKey) {
            return getWrappedData() == null ? null
                    : getWrappedData().stream().filter(t -> t.id().toString().equals(rowKey)).findFirst().orElse(null);
        }
    }

    public BuiltIn builtIn() {
        return Arrays.stream(BuiltIn.values()).filter(b -> b.getKey().equals(view)).findFirst().orElse(BuiltIn.MINE);
    }

    public List<BuiltIn> getBuiltIns() {
        return List.of(BuiltIn.values());
    }

    /** How many tickets each built-in view holds, for the sidebar's badges. */
    public String countOf(BuiltIn builtIn) {
        return TicketLists.capped(search.countUpTo(filter(builtIn, false, 1, 1), TicketLists.COUNT_CAP));
    }

    public void clearFilters() {
        statuses = new ArrayList<>();
        priorities = new ArrayList<>();
        assignee = null;
        category = null;
        tag = null;
        query = null;
    }

    public List<TicketStatus> getStatusOptions() {
        return List.of(TicketStatus.values());
    }

    public List<TicketPriority> getPriorityOptions() {
        return List.of(TicketPriority.values());
    }

    // Menus are read once per page view, not at every evaluation during rendering.
    public List<User> getAgents() {
        if (agents == null) {
            agents = users.list().stream().filter(User::active).toList();
        }
        return agents;
    }

    public List<Category> getCategories() {
        if (categoryOptions == null) {
            categoryOptions = categories.list();
        }
        return categoryOptions;
    }

    private static UUID parse(String id) {
        try {
            return id == null || id.isBlank() || "none".equals(id) ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The workspace's ticket number prefix, e.g. "#". */
    public String getPrefix() {
        return workspaces.prefix();
    }

    public LazyDataModel<Ticket> getTickets() {
        return tickets;
    }

    public String getView() {
        return view;
    }

    public void setView(String view) {
        this.view = view == null ? "mine" : view;
    }

    public List<String> getStatuses() {
        return statuses;
    }

    public void setStatuses(List<String> statuses) {
        this.statuses = statuses == null ? new ArrayList<>() : new ArrayList<>(statuses);
    }

    public List<String> getPriorities() {
        return priorities;
    }

    public void setPriorities(List<String> priorities) {
        this.priorities = priorities == null ? new ArrayList<>() : new ArrayList<>(priorities);
    }

    public String getAssignee() {
        return assignee;
    }

    public void setAssignee(String assignee) {
        this.assignee = assignee;
    }

    public String getCategory() {
        return category;
    }

    public void setCategory(String category) {
        this.category = category;
    }

    public String getTag() {
        return tag;
    }

    public void setTag(String tag) {
        this.tag = tag;
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }

    public String getSort() {
        return sort;
    }

    public void setSort(String sort) {
        this.sort = sort;
    }
}
