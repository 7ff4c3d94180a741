package org.relaydesk.web.panel;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jsoup.nodes.Entities;
import org.primefaces.PrimeFaces;
import org.relaydesk.api.ticket.MessageAuthorType;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.core.canned.CannedResponse;
import org.relaydesk.core.canned.CannedResponseService;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.text.MessageSanitizer;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.CategoryService;
import org.relaydesk.core.ticket.Message;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketEvent;
import org.relaydesk.core.ticket.TicketPatch;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.user.User;
import org.relaydesk.core.user.UserService;
import org.relaydesk.web.api.Workspaces;

/**
 * The ticket page: header, conversation, reply box and the properties column. Every action goes
 * through TicketService, which checks the rules; a refused action shows its reason and keeps what
 * the agent typed.
 */
@Named
@ViewScoped
public class TicketView implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Timeline entries already visible as a message in the thread. */
    private static final Set<String> SHOWN_AS_MESSAGES = Set.of("comment_added", "note_added", "replied", "customer_replied", "first_response", "created");

    @Inject
    org.relaydesk.web.panel.images.RemoteImageProxy remoteImageProxy;

    @Inject
    org.relaydesk.core.channel.ChannelDeliveries channelDeliveries;

    @Inject
    org.relaydesk.core.notice.AgentNotices agentNotices;

    private List<org.relaydesk.core.notice.AgentNotices.Mentionable> mentionable;

    @Inject
    org.relaydesk.core.channel.TicketOriginals ticketOriginals;

    @Inject
    TicketService tickets;

    @Inject
    org.relaydesk.core.sla.SlaService slaService;

    @Inject
    UserService users;

    @Inject
    CategoryService categories;

    @Inject
    CannedResponseService canned;

    @Inject
    Workspaces workspaces;

    @Inject
    PanelSession session;

    @Inject
    Presence presence;

    @Inject
    PanelFormat format;

    @Inject
    org.relaydesk.core.team.TeamService teamService;

    @Inject
    org.relaydesk.core.field.CustomFieldService customFields;

    @Inject
    org.relaydesk.core.ticket.AttachmentService attachments;

    @Inject
    org.relaydesk.core.ticket.TicketSearch search;

    @Inject
    org.relaydesk.web.panel.messaging.MessagingReply messaging;

    @Inject
    org.relaydesk.web.panel.messaging.ContactCard contactCard;

    @Inject
    org.relaydesk.web.panel.messaging.MessageMarks marks;

    private Long number;
    private UUID ticketId;
    private Ticket ticket;
    private List<ThreadItem> thread;
    private List<TicketEvent> activities;
    private String reply;
    private boolean internal;
    private String subject;
    private String newTag;
    private String cannedId;
    private String mergeTarget;
    private String status;
    private String priority;
    private String categoryId;
    private String assigneeId;
    private List<Ticket> otherTickets;
    private List<User> agents;
    private List<org.relaydesk.core.ticket.CategoryTree.Node> categoryOptions;
    private List<org.relaydesk.core.team.Team> teamOptions;
    private List<org.relaydesk.core.team.Department> departmentOptions;
    private String teamId;
    /** Files uploaded for the reply being written; they go out with it. */
    private List<org.relaydesk.core.ticket.Attachment> pending = new ArrayList<>();
    private List<org.relaydesk.core.ticket.Attachment> descriptionFiles = List.of();
    private List<org.relaydesk.core.channel.TicketOriginals.Original> originals = List.of();
    private List<org.relaydesk.core.field.CustomField> fields;
    private java.util.Map<String, Object> customValues = new java.util.HashMap<>();
    private String departmentId;
    private List<CannedResponse> cannedOptions;
    /** What the page shows: its ticket as of this time, and the timeline entries already on it. */
    private Instant shownUpdatedAt;
    private Set<UUID> shownEvents = Set.of();

    /** One entry of the conversation: a message or a change, in time order. */
    /** {@code delivery}: how a reply fared on its way out through the ticket's channel, in words, or null. */
    /** {@code remoteImages}: how many remote images of the message wait for "Load images" (see RemoteImages). */
    /** {@code marks}: where it came from or went out through, and its delivery ticks (MessageMarks). */
    public record ThreadItem(String kind, String author, String html, Instant at, boolean edited,
            List<org.relaydesk.core.ticket.Attachment> files, String delivery, int remoteImages,
            org.relaydesk.web.panel.messaging.MessageMarks.Marks marks, String anchor) {
        public org.relaydesk.web.panel.messaging.MessageMarks.Marks getMarks() {
            return marks;
        }

        public int getRemoteImages() {
            return remoteImages;
        }

        public String getDelivery() {
            return delivery;
        }

        public List<org.relaydesk.core.ticket.Attachment> getFiles() {
            return files;
        }

        public String getKind() {
            return kind;
        }

        public String getAuthor() {
            return author;
        }

        public String getHtml() {
            return html;
        }

        public Instant getAt() {
            return at;
        }

        public boolean isEdited() {
            return edited;
        }

        /** The element id a mention notice links to (#note-N). */
        public String getAnchor() {
            return anchor;
        }
    }

    /** View action: the ticket of the URL's number in the caller's workspace, or 404. */
    public void load() throws IOException {
        try {
            ticket = tickets.getByNumber(number == null ? -1 : number);
        } catch (NotFoundException e) {
            FacesContext faces = FacesContext.getCurrentInstance();
            faces.getExternalContext().responseSendError(HttpServletResponse.SC_NOT_FOUND, "No such ticket");
            faces.responseComplete();
            return;
        }
        ticketId = ticket.id();
        refreshProperties();
        refreshConversation();
        refreshSla();
    }

    /** The page reports that its agent is here, and whether they are writing a reply. */
    public void reportPresence() {
        if (ticketId != null) {
            String replying = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("replying");
            presence.report(session.getUser(), ticketId, "true".equals(replying));
        }
    }

    /** Realtime: someone else changed this ticket; show the current state (the reply box is left alone). */
    public void reload() {
        try {
            refresh();
        } catch (NotFoundException deleted) {
            error("This ticket was deleted or merged away.");
        }
    }

    private void refresh() {
        ticket = tickets.get(ticketId);
        refreshProperties();
        refreshConversation();
        refreshSla();
    }

    /** One SLA clock as the side column shows it; {@code due} only while it runs. */
    public record SlaClockRow(String label, String state, Instant due, String text) implements Serializable {
        public String getLabel() {
            return label;
        }

        public String getState() {
            return state;
        }

        public String getDueIso() {
            return due == null ? "" : due.toString();
        }

        public String getText() {
            return text;
        }
    }

    private String slaPolicyName;
    private List<SlaClockRow> slaClocks = List.of();

    private void refreshSla() {
        var sla = slaService.of(ticketId);
        slaPolicyName = sla.policy() == null ? "Standard" : sla.policy().name();
        List<SlaClockRow> rows = new ArrayList<>();
        for (var m : java.util.Arrays.asList(sla.result().firstResponse(), sla.result().nextResponse(), sla.result().resolution())) {
            if (m == null) {
                continue;
            }
            String label = Character.toUpperCase(m.metric().label().charAt(0)) + m.metric().label().substring(1);
            boolean running = sla.active() && m.stoppedAt() == null && m.dueAt() != null;
            String text = switch (m.state()) {
                case MET -> "met";
                case PAUSED -> "paused · " + PanelFormat.span(m.remaining()) + " left";
                case BREACHED -> m.stoppedAt() == null ? "breached" : "breached, then " + (m.metric() == org.relaydesk.core.sla.SlaMetric.RESOLUTION ? "resolved" : "answered");
                default -> "";
            };
            rows.add(new SlaClockRow(label, m.state().apiName(), running ? m.dueAt() : null, text));
        }
        slaClocks = rows;
    }

    public String getSlaPolicyName() {
        return slaPolicyName;
    }

    public List<SlaClockRow> getSlaClocks() {
        return slaClocks;
    }

    private void refreshProperties() {
        subject = ticket.subject();
        status = ticket.status().apiName();
        priority = ticket.priority().apiName();
        categoryId = ticket.categoryId() == null ? "" : ticket.categoryId().toString();
        assigneeId = ticket.assignee() == null ? "" : ticket.assignee().id().toString();
        teamId = ticket.teamId() == null ? "" : ticket.teamId().toString();
        departmentId = ticket.departmentId() == null ? "" : ticket.departmentId().toString();
        customValues = new java.util.HashMap<>(org.relaydesk.core.field.CustomFieldService.valuesOf(ticket.customFields(), getFields()));
    }

    /** An upload for the reply: checked (size, real type) and kept on the ticket until the reply is sent. */
    public void upload(org.primefaces.event.FileUploadEvent event) {
        var file = event.getFile();
        if (pending.size() >= org.relaydesk.core.ticket.AttachmentService.MAX_FILES_PER_MESSAGE) {
            error("At most " + org.relaydesk.core.ticket.AttachmentService.MAX_FILES_PER_MESSAGE + " files per message.");
            return;
        }
        PanelActions.attempt(() -> pending.add(attachments.upload(ticketId, file.getFileName(), file.getContent(), session.getUser().id())),
                null);
    }

    public void discard(String attachmentId) {
        pending.removeIf(a -> {
            if (a.id().toString().equals(attachmentId)) {
                attachments.discard(ticketId, a.id());
                return true;
            }
            return false;
        });
    }

    /** The ticket's messages as they arrived through its channel (an email's full source, quotes included). */
    public List<org.relaydesk.core.channel.TicketOriginals.Original> getOriginals() {
        return originals;
    }

    public List<org.relaydesk.core.ticket.Attachment> getDescriptionFiles() {
        return descriptionFiles;
    }

    public List<org.relaydesk.core.ticket.Attachment> getPending() {
        return pending;
    }

    public List<org.relaydesk.core.field.CustomField> getFields() {
        if (fields == null) {
            fields = customFields.list();
        }
        return fields;
    }

    public java.util.Map<String, Object> getCustomValues() {
        return customValues;
    }

    /** The custom fields as edited in the properties column, checked against their types and rules. */
    public void saveFields() {
        // on a refusal the fields keep what the agent entered
        java.util.Map<String, Object> typed = new java.util.HashMap<>(customValues);
        if (!act(() -> {
            String json = customFields.merge(ticket.customFields(), typed, true);
            tickets.update(ticketId, new TicketPatch(null, null, null, null, null, null, null, null, null, null, json), actor());
        }, "Fields saved")) {
            customValues = typed;
        }
    }

    private void refreshConversation() {
        otherTickets = tickets.otherTicketsOf(ticket.requester().id(), ticketId, 5);
        var files = attachments.filesOf(ticketId);
        descriptionFiles = files.withDescription();
        originals = ticketOriginals.of(ticketId);
        List<ThreadItem> items = new ArrayList<>();
        var deliveries = channelDeliveries.ofTicket(ticketId);
        Instant now = Instant.now();
        for (Message m : tickets.messages(ticketId, true)) {
            String kind = m.isInternal() ? "note" : m.authorType() == MessageAuthorType.CUSTOMER ? "customer"
                    : m.authorType() == MessageAuthorType.SYSTEM ? "system" : "agent";
            var delivery = deliveries.get(m.id());
            var shown = org.relaydesk.web.panel.images.RemoteImages.block(m.bodyHtml(), remoteImageProxy::proxied);
            var mark = marks.of(m.isInternal() ? "note" : m.source(), m.authorType() == MessageAuthorType.CUSTOMER ? ticket.sourceChannel() : null,
                    delivery, now);
            items.add(new ThreadItem(kind, m.authorName(), shown.html(), m.createdAt(), m.editedAt() != null, files.byMessage().getOrDefault(m.id(), List.of()),
                    delivery == null ? null : delivery.describe(now), shown.count(), mark, "message-" + m.id()));
        }
        activities = tickets.activities(ticketId);
        shownUpdatedAt = ticket.updatedAt();
        shownEvents = activities.stream().map(TicketEvent::id).collect(java.util.stream.Collectors.toSet());
        for (TicketEvent e : activities) {
            if (!SHOWN_AS_MESSAGES.contains(e.action())) {
                items.add(new ThreadItem("system", e.actorName(), Entities.escape(describe(e)), e.createdAt(), false, List.of(), null, 0, null, null));
            }
        }
        items.sort(Comparator.comparing(ThreadItem::at));
        thread = items;
        messaging.load(ticketId);
    }

    /** Where the ticket's first message came from (its source channel), as an icon and words. */
    public String[] getDescriptionSource() {
        return marks.where(ticket.sourceChannel());
    }

    /** The template picker's send: the template goes out on this ticket through the chosen route. */
    public void sendTemplate() {
        if (messaging.sendTemplate()) {
            refresh();
        }
    }

    /** Contacts to merge the requester with (ids; the card labels them). */
    public List<String> completeContact(String query) {
        return contactCard.complete(query, ticket.requester());
    }

    /** "Merge with another contact": the requester and the chosen contact become one; the timeline says so. */
    public void mergeContact() {
        if (contactCard.merge(ticket.requester())) {
            PrimeFaces.current().ajax().addCallbackParam("merged", true);
            refresh();
        }
    }

    /** "Alice changed status from New to Open", as a sentence for the thread and the timeline. */
    public String describe(TicketEvent e) {
        return format.describe(e);
    }

    public void send() {
        post(false);
    }

    public void sendAndResolve() {
        if (post(false)) {
            act(() -> tickets.resolve(ticketId, actor()), "Sent and resolved");
        }
    }

    public void resolve() {
        act(() -> tickets.resolve(ticketId, actor()), "Resolved");
    }

    public void addNote() {
        post(true);
    }

    /**
     * Posts the reply box (rich text: the HTML is sanitized by TicketService like every message);
     * on a refusal the text stays in the box.
     */
    private boolean post(boolean asNote) {
        if (reply == null || MessageSanitizer.htmlToText(reply).isBlank()) {
            error("Write a message first.");
            return false;
        }
        boolean note = asNote || internal;
        try {
            tickets.addStaffMessage(ticketId, reply, note, session.getUser(), pending.stream().map(a -> a.id()).toList(),
                    note ? null : messaging.getViaId());
        } catch (InvalidInputException | ConflictException | PermissionDeniedException | NotFoundException e) {
            error(reason(e));
            return false;
        } catch (RuntimeException e) {
            if (!org.relaydesk.web.error.ConcurrentChange.isConflict(e)) {
                throw e;
            }
            error("Someone changed this ticket at the same moment, so your message was not sent; it is still in the box. Send it again.");
            return false;
        }
        reply = null;
        internal = false;
        pending = new ArrayList<>();
        info(note ? "Internal note added" : "Reply sent");
        refresh();
        return true;
    }

    public void statusChanged() {
        changeStatus(status);
    }

    public void priorityChanged() {
        changePriority(priority);
    }

    public void categoryChanged() {
        changeCategory(categoryId);
    }

    public void assigneeChanged() {
        assignTo(assigneeId);
    }

    public void changeStatus(String status) {
        act(() -> tickets.update(ticketId, patch(null, status, null, null, null, null), actor()), "Status changed");
    }

    public void changePriority(String priority) {
        act(() -> tickets.update(ticketId, patch(null, null, priority, null, null, null), actor()), "Priority changed");
    }

    public void saveSubject() {
        act(() -> tickets.update(ticketId, patch(subject, null, null, null, null, null), actor()), "Subject saved");
    }

    public void changeCategory(String categoryId) {
        Optional<UUID> category = categoryId == null || categoryId.isBlank() ? Optional.empty() : Optional.of(UUID.fromString(categoryId));
        act(() -> tickets.update(ticketId, patch(null, null, null, category, null, null), actor()), "Category changed");
    }

    public void assignTo(String userId) {
        if (userId == null || userId.isBlank()) {
            act(() -> tickets.unassign(ticketId, actor()), "Unassigned");
        } else {
            act(() -> tickets.assign(ticketId, UUID.fromString(userId), actor()), "Assigned");
        }
    }

    public void assignToMe() {
        assignTo(session.getUser().id().toString());
    }

    public void addTag() {
        if (newTag == null || newTag.isBlank()) {
            return;
        }
        Set<String> tags = new LinkedHashSet<>(ticket.tags());
        tags.add(newTag.trim());
        if (act(() -> tickets.update(ticketId, patch(null, null, null, null, null, tags), actor()), "Tag added")) {
            newTag = null;
        }
    }

    public void removeTag(String tag) {
        Set<String> tags = new LinkedHashSet<>(ticket.tags());
        tags.remove(tag);
        act(() -> tickets.update(ticketId, patch(null, null, null, null, null, tags), actor()), "Tag removed");
    }

    /**
     * The canned response picked, rendered for this ticket, goes into the reply box where the caret
     * is: the page's editor inserts the HTML handed back as the callback parameter "canned", so the
     * box (and what is being typed in it) is never re-rendered.
     */
    public void insertCanned() {
        if (cannedId == null || cannedId.isBlank()) {
            return;
        }
        try {
            handBack(canned.use(UUID.fromString(cannedId), ticketId, session.getUser()).content());
        } catch (NotFoundException e) {
            error(reason(e));
        }
        cannedId = null;
    }

    /** "/" + shortcut typed in the reply box: the page removed what was typed and inserts the response there. */
    public void insertCannedByShortcut() {
        String shortcut = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap()
                .getOrDefault("shortcut", "").trim().toLowerCase(java.util.Locale.ROOT);
        Optional<CannedResponse> match = getCannedResponses().stream().filter(c -> shortcut.equals(c.shortcut())).findFirst();
        if (match.isEmpty()) {
            error("No canned response has the shortcut /" + shortcut + ".");
            return;
        }
        try {
            handBack(canned.use(match.get().id(), ticketId, session.getUser()).content());
        } catch (NotFoundException e) {
            error(reason(e));
        }
    }

    /** Canned text may be plain or HTML; the editor gets safe HTML either way. */
    private static void handBack(String content) {
        PrimeFaces.current().ajax().addCallbackParam("canned", MessageSanitizer.sanitize(content).html());
    }

    /** Suggestions for the merge dialog: other tickets by number or words, "#1002 · Subject". */
    public List<String> completeMergeTarget(String query) {
        if (query == null || query.isBlank()) {
            return List.of();
        }
        String prefix = workspaces.prefix();
        // a bare number or "#1002" also matches the ticket number (TicketSearch)
        var filter = org.relaydesk.core.ticket.TicketFilter.builder().query(query)
                .sort(org.relaydesk.core.ticket.TicketFilter.Sort.UPDATED).page(1, 8).build();
        return search.page(filter).stream().filter(t -> !t.id().equals(ticketId) && t.mergedIntoId() == null)
                .map(t -> prefix + t.number() + " · " + t.subject()).toList();
    }

    /** Merges this ticket into the chosen one and goes there; the conversation moves along. */
    public void merge() throws IOException {
        Long target = leadingNumber(mergeTarget);
        if (target == null) {
            error("Choose the ticket to merge into, by its number.");
            return;
        }
        Ticket into;
        try {
            into = tickets.getByNumber(target);
            tickets.merge(ticketId, into.id(), actor());
        } catch (InvalidInputException | ConflictException | PermissionDeniedException | NotFoundException e) {
            error(e instanceof NotFoundException ? "There is no ticket " + workspaces.prefix() + target + "." : reason(e));
            return;
        }
        redirectWithMessage("/agent/tickets/" + into.number(), getDisplayNumber() + " was merged into this ticket");
    }

    static Long leadingNumber(String choice) {
        if (choice == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\D*(\\d{1,18})").matcher(choice.trim());
        return m.find() ? Long.parseLong(m.group(1)) : null;
    }

    /** Admins only (TicketService checks again): the ticket and its conversation are gone for good. */
    public void delete() throws IOException {
        String number = getDisplayNumber();
        try {
            tickets.delete(ticketId, session.getUser());
        } catch (PermissionDeniedException | NotFoundException e) {
            error(reason(e));
            return;
        }
        redirectWithMessage("/agent/tickets", "Ticket " + number + " deleted");
    }

    private static void redirectWithMessage(String path, String message) throws IOException {
        PanelActions.infoAfterRedirect(message);
        var external = FacesContext.getCurrentInstance().getExternalContext();
        external.redirect(external.getRequestContextPath() + path);
    }

    public boolean isMayDelete() {
        return session.getUser().may(org.relaydesk.core.user.Role.ADMIN);
    }

    /** Who had the ticket when: the assignment changes of the timeline, newest first. */
    public List<TicketEvent> getAssignmentHistory() {
        List<TicketEvent> changes = new ArrayList<>(activities.stream()
                .filter(e -> "assigned".equals(e.action()) || "unassigned".equals(e.action())).toList());
        java.util.Collections.reverse(changes);
        return changes;
    }

    private TicketPatch patch(String newSubject, String status, String priority, Optional<UUID> category, Optional<UUID> assignee, Set<String> tags) {
        return new TicketPatch(newSubject, null, status, priority, null, category, assignee, null, null, tags, null);
    }

    /**
     * A change of the ticket's properties, made only on the state this page shows: when someone else
     * changed the ticket since (seen here, or as an optimistic-lock conflict when both saved at the
     * same moment) nothing is saved; the page shows the ticket as it is now, says what the other
     * person changed, and keeps what this agent typed so they can save again.
     */
    private boolean act(Runnable action, String done) {
        List<String> changedMeanwhile = changesByOthers();
        if (!changedMeanwhile.isEmpty()) {
            conflict(changedMeanwhile);
            return false;
        }
        boolean succeeded;
        try {
            succeeded = PanelActions.attempt(action, done);
        } catch (RuntimeException e) {
            if (!org.relaydesk.web.error.ConcurrentChange.isConflict(e)) {
                throw e;
            }
            List<String> changes = changesByOthers();
            conflict(changes.isEmpty() ? List.of("someone saved a change to it at the same moment") : changes);
            return false;
        }
        refresh();
        return succeeded;
    }

    /** The property changes made by others since the page last showed the ticket, in words; empty when none. */
    private List<String> changesByOthers() {
        Ticket current;
        try {
            current = tickets.get(ticketId);
        } catch (NotFoundException deleted) {
            return List.of("it was deleted or merged away");
        }
        if (current.updatedAt().equals(shownUpdatedAt)) {
            return List.of();
        }
        // Messages added meanwhile show in the thread, and entries without a field (SLA warnings) change
        // nothing the agent edits: neither is a conflict.
        return tickets.activities(ticketId).stream().filter(e -> !shownEvents.contains(e.id()) && !SHOWN_AS_MESSAGES.contains(e.action())
                        && e.field() != null && !"comment".equals(e.field()))
                .map(this::describe).toList();
    }

    private void conflict(List<String> changes) {
        String typedSubject = subject;
        java.util.Map<String, Object> typedFields = new java.util.HashMap<>(customValues);
        String typedTag = newTag;
        try {
            refresh();
        } catch (NotFoundException deleted) {
            // the message below says so
        }
        subject = typedSubject;
        customValues = typedFields;
        newTag = typedTag;
        error("This ticket was changed while you were editing it: " + String.join("; ", changes)
                + ". Your change was not saved: check the ticket as it is now and make your change again (what you typed is kept).");
    }

    private Actor actor() {
        return Actor.of(session.getUser());
    }

    private static String reason(RuntimeException e) {
        return PanelActions.reason(e);
    }

    private static void info(String text) {
        PanelActions.info(text);
    }

    private static void error(String text) {
        PanelActions.error(text);
    }

    public String getDisplayNumber() {
        return workspaces.current().displayNumber(ticket.number());
    }

    public String getTimeZone() {
        return workspaces.current().timeZone();
    }

    // Menus are read once per page view, not at every evaluation during rendering.
    public List<User> getAgents() {
        if (agents == null) {
            agents = users.list().stream().filter(User::active).toList();
        }
        return agents;
    }

    public List<org.relaydesk.core.ticket.CategoryTree.Node> getCategories() {
        if (categoryOptions == null) {
            categoryOptions = org.relaydesk.core.ticket.CategoryTree.of(categories.list());
        }
        return categoryOptions;
    }

    public List<org.relaydesk.core.team.Team> getTeams() {
        if (teamOptions == null) {
            teamOptions = teamService.teams();
        }
        return teamOptions;
    }

    public List<org.relaydesk.core.team.Department> getDepartments() {
        if (departmentOptions == null) {
            departmentOptions = teamService.departments();
        }
        return departmentOptions;
    }

    public String getTeamId() {
        return teamId;
    }

    public void setTeamId(String teamId) {
        this.teamId = teamId;
    }

    public String getDepartmentId() {
        return departmentId;
    }

    public void setDepartmentId(String departmentId) {
        this.departmentId = departmentId;
    }

    public void teamChanged() {
        Optional<UUID> team = teamId == null || teamId.isBlank() ? Optional.empty() : Optional.of(UUID.fromString(teamId));
        act(() -> tickets.update(ticketId, new TicketPatch(null, null, null, null, null, null, null, team, null, null, null), actor()), "Team changed");
    }

    public void departmentChanged() {
        Optional<UUID> department = departmentId == null || departmentId.isBlank() ? Optional.empty() : Optional.of(UUID.fromString(departmentId));
        act(() -> tickets.update(ticketId, new TicketPatch(null, null, null, null, null, null, null, null, department, null, null), actor()),
                "Department changed");
    }

    /** The colleagues a note on this ticket can @mention, for the reply box's list. */
    public List<org.relaydesk.core.notice.AgentNotices.Mentionable> getMentionable() {
        if (mentionable == null) {
            mentionable = agentNotices.mentionable(ticketId, null, 500);
        }
        return mentionable;
    }

    public List<CannedResponse> getCannedResponses() {
        if (cannedOptions == null) {
            cannedOptions = canned.list();
        }
        return cannedOptions;
    }

    public List<TicketStatus> getStatusOptions() {
        return List.of(TicketStatus.values());
    }

    public List<TicketPriority> getPriorityOptions() {
        return List.of(TicketPriority.values());
    }

    public List<Ticket> getOtherTicketsOfRequester() {
        return otherTickets;
    }

    public Long getNumber() {
        return number;
    }

    public void setNumber(Long number) {
        if (number != null) {
            this.number = number;
        }
    }

    public Ticket getTicket() {
        return ticket;
    }

    public List<ThreadItem> getThread() {
        return thread;
    }

    public List<TicketEvent> getActivities() {
        return activities;
    }

    public String getReply() {
        return reply;
    }

    public void setReply(String reply) {
        this.reply = reply;
    }

    public boolean isInternal() {
        return internal;
    }

    public void setInternal(boolean internal) {
        this.internal = internal;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getPriority() {
        return priority;
    }

    public void setPriority(String priority) {
        this.priority = priority;
    }

    public String getCategoryId() {
        return categoryId;
    }

    public void setCategoryId(String categoryId) {
        this.categoryId = categoryId;
    }

    public String getAssigneeId() {
        return assigneeId;
    }

    public void setAssigneeId(String assigneeId) {
        this.assigneeId = assigneeId;
    }

    public String getNewTag() {
        return newTag;
    }

    public void setNewTag(String newTag) {
        this.newTag = newTag;
    }

    public String getMergeTarget() {
        return mergeTarget;
    }

    public void setMergeTarget(String mergeTarget) {
        this.mergeTarget = mergeTarget;
    }

    public String getCannedId() {
        return cannedId;
    }

    public void setCannedId(String cannedId) {
        this.cannedId = cannedId;
    }
}
