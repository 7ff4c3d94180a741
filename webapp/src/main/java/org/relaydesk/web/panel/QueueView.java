package org.relaydesk.web.panel;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.core.contact.ContactService;
import org.relaydesk.core.contact.IdentityKind;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.team.Team;
import org.relaydesk.core.team.TeamService;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.CategoryService;
import org.relaydesk.core.ticket.CategoryTree;
import org.relaydesk.core.ticket.SavedView;
import org.relaydesk.core.ticket.SavedViewService;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketFilter;
import org.relaydesk.core.ticket.TicketPatch;
import org.relaydesk.core.ticket.TicketSearch;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.user.User;
import org.relaydesk.core.user.UserService;

/**
 * The agent's queue: built-in and saved views, filters and sort, as a list paged on the server
 * (only the visible page is ever loaded) or as a board by status. The view and main filters live
 * in the URL so a queue can be bookmarked; a saved view stores the whole {@link QueueState}.
 */
@Named
@ViewScoped
public class QueueView implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Cards per board column: a board is for seeing the flow, the list for working through everything. */
    static final int BOARD_CARDS = 25;
    static final List<String> CHANNELS = List.of("email", "portal", "web", "api", "whatsapp", "chat", "phone");
    private static final List<TicketStatus> BOARD_COLUMNS = List.of(TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.IN_PROGRESS,
            TicketStatus.WAITING_ON_CUSTOMER, TicketStatus.WAITING_ON_THIRD_PARTY, TicketStatus.RESOLVED);

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
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One column of the board: a status, its first cards and how many there are in all. */
    public record BoardColumn(TicketStatus status, List<Ticket> cards, String count) {
        public TicketStatus getStatus() {
            return status;
        }

        public List<Ticket> getCards() {
            return cards;
        }

        public String getCount() {
            return count;
        }
    }

    @Inject
    TicketSearch search;

    @Inject
    TicketService ticketService;

    @Inject
    UserService users;

    @Inject
    CategoryService categories;

    @Inject
    TeamService teams;

    @Inject
    ContactService contacts;

    @Inject
    SavedViewService savedViews;

    @Inject
    PanelSession session;

    @Inject
    org.relaydesk.web.api.Workspaces workspaces;

    private QueueState state = new QueueState();
    private String layout = "list";
    private String savedId;
    private SavedView saved;
    private String newViewName;
    private boolean shareNewView;
    private final LazyDataModel<Ticket> tickets = new TicketPage();
    private List<User> agents;
    private List<CategoryTree.Node> categoryOptions;
    private List<Team> teamOptions;
    private List<SavedView> savedOptions;

    /** View action: a saved view given in the URL replaces the state (unknown or foreign ones are refused). */
    public void load() {
        if (savedId == null || savedId.isBlank()) {
            return;
        }
        try {
            saved = savedViews.get(UUID.fromString(savedId), session.getUser());
            state = QueueState.fromJson(SavedViewService.filtersOf(saved));
        } catch (IllegalArgumentException | NotFoundException e) {
            PanelActions.error("That saved view does not exist (any more).");
            savedId = null;
        }
    }

    /** The current view with the filters chosen on top of it. */
    TicketFilter filter(int page, int limit) {
        return filter(builtIn(), true, page, limit).build();
    }

    private TicketFilter.Builder filter(BuiltIn builtIn, boolean withFilters, int page, int limit) {
        QueueState s = withFilters ? state : new QueueState();
        Set<TicketStatus> chosen = EnumSet.noneOf(TicketStatus.class);
        s.getStatuses().forEach(v -> TicketStatus.fromApiName(v).ifPresent(chosen::add));
        if (chosen.isEmpty() && builtIn != BuiltIn.RECENT && builtIn != BuiltIn.ALL) {
            Arrays.stream(TicketStatus.values()).filter(TicketStatus::isActive).forEach(chosen::add);
        }
        Set<TicketPriority> chosenPriorities = EnumSet.noneOf(TicketPriority.class);
        s.getPriorities().forEach(p -> TicketPriority.fromApiName(p).ifPresent(chosenPriorities::add));
        UUID assigneeId = builtIn == BuiltIn.MINE ? session.getUser().id() : parse(s.getAssignee());
        boolean unassigned = builtIn == BuiltIn.UNASSIGNED || "none".equals(s.getAssignee());
        TicketFilter.Sort order = builtIn == BuiltIn.RECENT ? TicketFilter.Sort.UPDATED
                : TicketFilter.Sort.fromApiName(s.getSort()).orElse(TicketFilter.Sort.PRIORITY);
        TicketFilter.Builder filter = TicketFilter.builder().statuses(chosen).priorities(chosenPriorities).assignee(assigneeId)
                .unassigned(unassigned).category(parse(s.getCategory())).tag(s.getTag()).query(s.getQuery()).channel(s.getChannel()).slaState(s.getSlaState())
                .team(parse(s.getTeam())).sort(order).page(page, limit);
        if (s.getRequester() != null && !s.getRequester().isBlank()) {
            // a requester nobody knows matches no ticket, rather than every ticket
            filter.requester(requesterId(s.getRequester()).orElse(new UUID(0, 0)));
        }
        if (s.getCreated().size() == 2) {
            ZoneId zone = ZoneId.of(workspaces.current().timeZone());
            filter.createdFrom(s.getCreated().get(0).atStartOfDay(zone).toInstant())
                    .createdTo(s.getCreated().get(1).plusDays(1).atStartOfDay(zone).toInstant());
        }
        return filter;
    }

    private java.util.Optional<UUID> requesterId(String typed) {
        java.util.regex.Matcher named = java.util.regex.Pattern.compile("<([^<>]+)>").matcher(typed);
        String email = named.find() ? named.group(1) : typed;
        return contacts.findByIdentity(IdentityKind.EMAIL, email.trim()).map(c -> c.id());
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

    /** The board: one column per working status, each the first cards in the queue's order. */
    public List<BoardColumn> getBoardColumns() {
        return BOARD_COLUMNS.stream().map(status -> {
            TicketFilter column = filter(builtIn(), true, 1, BOARD_CARDS).statuses(EnumSet.of(status)).build();
            return new BoardColumn(status, search.page(column), TicketLists.capped(search.countUpTo(column, TicketLists.COUNT_CAP)));
        }).toList();
    }

    /** A card dropped on another column: the ticket moves to that status, by the ticket's own rules. */
    public void moveCard() {
        Map<String, String> params = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
        String status = params.get("status");
        UUID id;
        try {
            id = UUID.fromString(params.getOrDefault("ticket", ""));
        } catch (IllegalArgumentException e) {
            return;
        }
        PanelActions.attempt(() -> ticketService.update(id, new TicketPatch(null, null, status, null, null, null, null, null, null, null, null),
                Actor.of(session.getUser())), "Moved to " + TicketStatus.fromApiName(status).map(TicketStatus::label).orElse(status));
    }

    public void saveView() {
        PanelActions.attempt(() -> {
            SavedView view = savedViews.save(newViewName, state.toJson(), shareNewView, session.getUser());
            saved = view;
            savedId = view.id().toString();
        }, "View " + newViewName + " saved");
        newViewName = null;
        shareNewView = false;
        savedOptions = null;
    }

    public void deleteSavedView() {
        if (saved == null) {
            return;
        }
        String name = saved.name();
        if (PanelActions.attempt(() -> savedViews.delete(saved.id(), session.getUser()), "View " + name + " deleted")) {
            saved = null;
            savedId = null;
            savedOptions = null;
        }
    }

    public boolean isMayDeleteSaved() {
        return saved != null && (saved.isShared() ? session.isSupervisor() : session.getUser().id().equals(saved.ownerId()));
    }

    public BuiltIn builtIn() {
        return Arrays.stream(BuiltIn.values()).filter(b -> b.getKey().equals(state.getView())).findFirst().orElse(BuiltIn.MINE);
    }

    public String getTitle() {
        return saved != null ? saved.name() : builtIn().getLabel();
    }

    public List<BuiltIn> getBuiltIns() {
        return List.of(BuiltIn.values());
    }

    /** How many tickets each built-in view holds, for the sidebar's badges. */
    public String countOf(BuiltIn builtIn) {
        return TicketLists.capped(search.countUpTo(filter(builtIn, false, 1, 1).build(), TicketLists.COUNT_CAP));
    }

    public List<SavedView> getSavedViews() {
        if (savedOptions == null) {
            savedOptions = savedViews.visibleTo(session.getUser());
        }
        return savedOptions;
    }

    public List<String> completeRequester(String typed) {
        return contacts.searchByPrefix(typed, 10).stream().filter(c -> c.primaryEmail() != null)
                .map(c -> c.name() + " <" + c.primaryEmail() + ">").toList();
    }

    public List<TicketStatus> getStatusOptions() {
        return List.of(TicketStatus.values());
    }

    public List<TicketPriority> getPriorityOptions() {
        return List.of(TicketPriority.values());
    }

    public List<String> getChannelOptions() {
        return CHANNELS;
    }

    // Menus are read once per page view, not at every evaluation during rendering.
    public List<User> getAgents() {
        if (agents == null) {
            agents = users.list().stream().filter(User::active).toList();
        }
        return agents;
    }

    public List<CategoryTree.Node> getCategories() {
        if (categoryOptions == null) {
            categoryOptions = CategoryTree.of(categories.list());
        }
        return categoryOptions;
    }

    public List<Team> getTeams() {
        if (teamOptions == null) {
            teamOptions = teams.teams();
        }
        return teamOptions;
    }

    private static UUID parse(String id) {
        try {
            return id == null || id.isBlank() || "none".equals(id) ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The workspace's ticket number prefix, e.g. "#". */
    public String getPrefix() {
        return workspaces.prefix();
    }

    public LazyDataModel<Ticket> getTickets() {
        return tickets;
    }

    public QueueState getState() {
        return state;
    }

    public boolean isBoard() {
        return "board".equals(layout);
    }

    public String getLayout() {
        return layout;
    }

    public void setLayout(String layout) {
        this.layout = "board".equals(layout) ? "board" : "list";
    }

    public String getSavedId() {
        return savedId;
    }

    public void setSavedId(String savedId) {
        this.savedId = savedId;
    }

    public String getNewViewName() {
        return newViewName;
    }

    public void setNewViewName(String newViewName) {
        this.newViewName = newViewName;
    }

    public boolean isShareNewView() {
        return shareNewView;
    }

    public void setShareNewView(boolean shareNewView) {
        this.shareNewView = shareNewView;
    }
}
