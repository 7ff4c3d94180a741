package org.relaydesk.core.ticket;

import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.text.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParsingException;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.api.ticket.MessageAuthorType;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.core.contact.Contact;
import org.relaydesk.core.contact.ContactService;
import org.relaydesk.core.contact.Identities;
import org.relaydesk.core.contact.IdentityKind;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.team.Department;
import org.relaydesk.core.team.Team;
import org.relaydesk.core.text.MessageSanitizer;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.user.User;
import org.relaydesk.core.user.UserService;
import org.relaydesk.core.workspace.WorkspaceService;

/** Everything that changes a ticket of the current workspace, each change on its timeline. */
@ApplicationScoped
public class TicketService {
    public static final int MAX_SUBJECT = 500;
    public static final int MAX_BODY = 200_000;

    @Inject
    Tenancy tenancy;

    @Inject
    WorkspaceService workspaces;

    @Inject
    ContactService contacts;

    @Inject
    Event<TicketChanged> changed;

    @Inject
    TicketVisibility visibility;

    @Inject
    TicketAccessTokens accessTokens;

    @Inject
    ReplyChannel replyChannel;

    @Inject
    Event<NoteAdded> notes;

    @Inject
    Event<AssignedToAgent> assignments;

    @Inject
    Event<CustomerReplied> customerReplies;

    private EntityManager em() {
        return tenancy.em();
    }

    @Transactional
    public Ticket create(NewTicket input, Actor actor) {
        return create(input, actor, List.of());
    }

    /** A new ticket with files that come with it (checked by {@link AttachmentService#check}), all in one transaction. */
    @Transactional
    public Ticket create(NewTicket input, Actor actor, List<AttachmentService.CheckedFile> files) {
        return create(input, null, actor, files);
    }

    /**
     * A new ticket for a contact found beforehand by another way to reach them (a widget visitor's
     * browser id): {@code input}'s requester addresses are not read.
     */
    @Transactional
    public Ticket createFor(Contact requester, NewTicket input, Actor actor) {
        return create(input, java.util.Objects.requireNonNull(requester), actor, List.of());
    }

    private Ticket create(NewTicket input, Contact knownRequester, Actor actor, List<AttachmentService.CheckedFile> files) {
        if (files.size() > AttachmentService.MAX_FILES_PER_MESSAGE) {
            throw new InvalidInputException("file", "at most " + AttachmentService.MAX_FILES_PER_MESSAGE + " files per ticket");
        }
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        errors.check(input.subject() != null && !input.subject().isBlank(), "subject", "is required")
                .check(input.subject() == null || input.subject().length() <= MAX_SUBJECT, "subject", "at most " + MAX_SUBJECT + " characters")
                .check(input.description() == null || input.description().length() <= MAX_BODY, "description", "is too long")
                .check(knownRequester != null || input.requesterEmail() != null || input.requesterPhone() != null || input.requesterWhatsapp() != null,
                        "requester_email", "is required (or requester_phone, or requester_whatsapp)")
                .check(input.requesterEmail() == null || UserService.EMAIL.matcher(input.requesterEmail().trim()).matches(),
                        "requester_email", "must be a valid email address")
                .check(input.requesterName() == null || input.requesterName().length() <= 200, "requester_name", "at most 200 characters")
                .check(input.priority() == null || TicketPriority.fromApiName(input.priority()).isPresent(), "priority",
                        "must be one of low, medium, high, urgent, critical")
                .check(input.type() == null || TicketType.fromApiName(input.type()).isPresent(), "type",
                        "must be one of question, incident, problem, task");
        errors.throwIfAny();
        Instant now = Instant.now();
        Contact requester = knownRequester != null ? knownRequester : requester(input);
        String description = input.description() == null ? null : MessageSanitizer.sanitize(input.description()).text();
        Ticket ticket = new Ticket(workspaces.nextTicketNumber(), input.subject().strip(), description, requester);
        TicketPriority.fromApiName(input.priority()).ifPresent(p -> ticket.changePriority(p, now));
        TicketType.fromApiName(input.type()).ifPresent(t -> ticket.changeType(t, now));
        if (input.categoryId() != null) {
            ticket.changeCategory(requireCategory(input.categoryId()).id(), now);
        }
        if (input.teamId() != null) {
            ticket.changeTeam(require(Team.class, input.teamId(), "team_id").id(), now);
        }
        if (input.departmentId() != null) {
            ticket.changeDepartment(require(Department.class, input.departmentId(), "department_id").id(), now);
        }
        if (input.assigneeId() != null) {
            ticket.assign(requireAssignee(input.assigneeId()), now);
        }
        ticket.replaceTags(Tags.normalize(input.tags()), now);
        if (input.requiredSkills() != null) {
            ticket.replaceRequiredSkills(validSkills(input.requiredSkills()), now);
        }
        if (input.customFieldsJson() != null) {
            ticket.replaceCustomFields(validCustomFields(input.customFieldsJson()), now);
        }
        ticket.setSourceChannel(input.sourceChannel() == null ? "api" : input.sourceChannel());
        em().persist(ticket);
        files.forEach(file -> em().persist(Attachment.onDescription(ticket.id(), file, actor.id())));
        record(ticket, "created", null, actor, now);
        if (ticket.assignee() != null) {
            record(ticket, "assigned", FieldChange.of("assignee", null, ticket.assignee().name()), actor, now);
        }
        fire(ticket, "created", actor);
        return ticket;
    }

    /**
     * The contact a new ticket is for: found (or made) by its email address, else its WhatsApp id,
     * else its phone number. The other addresses given are added only to a contact made just now, and
     * only those nobody has yet (nor their twin). A contact that already exists never gains them here:
     * whoever creates a ticket for someone's email address must not be able to give that person a
     * phone number of their own, and so receive the replies and write as them. Adding a way to reach
     * a known contact is {@link ContactService#addIdentity}, which refuses one someone else has.
     */
    private Contact requester(NewTicket input) {
        List<Object[]> given = new java.util.ArrayList<>();
        if (input.requesterEmail() != null) {
            given.add(new Object[] {IdentityKind.EMAIL, input.requesterEmail()});
        }
        if (input.requesterWhatsapp() != null) {
            given.add(new Object[] {IdentityKind.WHATSAPP, input.requesterWhatsapp()});
        }
        if (input.requesterPhone() != null) {
            given.add(new Object[] {IdentityKind.PHONE, input.requesterPhone()});
        }
        // every address checked before anything is made: a malformed second one changes nothing
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        for (Object[] identity : given) {
            try {
                identity[1] = Identities.normalize((IdentityKind) identity[0], (String) identity[1], "requester_" + ((IdentityKind) identity[0]).apiName());
            } catch (InvalidInputException e) {
                e.fieldErrors().forEach((field, message) -> errors.check(false, field, message));
            }
        }
        errors.throwIfAny();
        return contacts.findOrCreateWith(given.stream().map(identity -> Map.entry((IdentityKind) identity[0], (String) identity[1])).toList(),
                input.requesterName());
    }

    @Transactional
    public Ticket get(UUID id) {
        Ticket ticket = em().find(Ticket.class, id);
        // a ticket outside the caller's teams is answered like one that does not exist
        if (ticket == null || !visibility.allows(ticket)) {
            throw new NotFoundException("Ticket");
        }
        return ticket;
    }

    /** The requester's latest other tickets, for the customer card. */
    @Transactional
    public List<Ticket> otherTicketsOf(UUID contactId, UUID exceptTicketId, int limit) {
        return em().createQuery("SELECT t FROM Ticket t WHERE t.requester.id = :contact AND t.id <> :except ORDER BY t.createdAt DESC",
                        Ticket.class)
                .setParameter("contact", contactId).setParameter("except", exceptTicketId).setMaxResults(limit * 4).getResultStream()
                .filter(visibility::allows).limit(limit).toList();
    }

    /** The ticket with this number in the current workspace (the panels' URLs use numbers). */
    @Transactional
    public Ticket getByNumber(long number) {
        return em().createQuery("SELECT t FROM Ticket t WHERE t.number = :number", Ticket.class)
                .setParameter("number", number).getResultStream().findFirst().filter(visibility::allows)
                .orElseThrow(() -> new NotFoundException("Ticket"));
    }

    @Transactional
    public Ticket update(UUID id, TicketPatch patch, Actor actor) {
        Ticket ticket = get(id);
        Instant now = Instant.now();
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        errors.check(patch.subject() == null || (!patch.subject().isBlank() && patch.subject().length() <= MAX_SUBJECT),
                        "subject", "must be 1 to " + MAX_SUBJECT + " characters")
                .check(patch.description() == null || patch.description().length() <= MAX_BODY, "description", "is too long")
                .check(patch.status() == null || TicketStatus.fromApiName(patch.status()).isPresent(), "status",
                        "must be one of new, open, in_progress, waiting_on_customer, waiting_on_third_party, resolved, closed, cancelled")
                .check(patch.priority() == null || TicketPriority.fromApiName(patch.priority()).isPresent(), "priority",
                        "must be one of low, medium, high, urgent, critical")
                .check(patch.type() == null || TicketType.fromApiName(patch.type()).isPresent(), "type",
                        "must be one of question, incident, problem, task");
        errors.throwIfAny();
        // Resolve every reference before changing anything, so a bad one changes nothing.
        Optional<UUID> category = patch.categoryId() == null ? null : patch.categoryId().map(c -> requireCategory(c).id());
        Optional<User> assignee = patch.assigneeId() == null ? null : patch.assigneeId().map(this::requireAssignee);
        Optional<UUID> team = patch.teamId() == null ? null : patch.teamId().map(t -> require(Team.class, t, "team_id").id());
        Optional<UUID> department = patch.departmentId() == null ? null
                : patch.departmentId().map(d -> require(Department.class, d, "department_id").id());
        var tags = patch.tags() == null ? null : Tags.normalize(patch.tags());
        String customFields = patch.customFieldsJson() == null ? null : validCustomFields(patch.customFieldsJson());

        boolean statusChanged = false;
        if (patch.status() != null) {
            FieldChange status = ticket.changeStatus(TicketStatus.fromApiName(patch.status()).orElseThrow(), now);
            apply(ticket, "status_changed", status, actor, now);
            statusChanged = status.isChange();
        }
        if (patch.subject() != null) {
            apply(ticket, "updated", ticket.changeSubject(patch.subject().strip(), now), actor, now);
        }
        if (patch.description() != null) {
            apply(ticket, "updated", ticket.changeDescription(MessageSanitizer.sanitize(patch.description()).text(), now), actor, now);
        }
        if (patch.priority() != null) {
            apply(ticket, "priority_changed", ticket.changePriority(TicketPriority.fromApiName(patch.priority()).orElseThrow(), now), actor, now);
        }
        if (patch.type() != null) {
            apply(ticket, "updated", ticket.changeType(TicketType.fromApiName(patch.type()).orElseThrow(), now), actor, now);
        }
        if (category != null) {
            apply(ticket, "updated", ticket.changeCategory(category.orElse(null), now), actor, now);
        }
        if (assignee != null) {
            apply(ticket, assignee.isPresent() ? "assigned" : "unassigned", ticket.assign(assignee.orElse(null), now), actor, now);
        }
        if (team != null) {
            apply(ticket, "updated", ticket.changeTeam(team.orElse(null), now), actor, now);
        }
        if (department != null) {
            apply(ticket, "updated", ticket.changeDepartment(department.orElse(null), now), actor, now);
        }
        if (tags != null) {
            apply(ticket, "updated", ticket.replaceTags(tags, now), actor, now);
        }
        if (customFields != null) {
            apply(ticket, "updated", ticket.replaceCustomFields(customFields, now), actor, now);
        }
        if (patch.requiredSkills() != null) {
            apply(ticket, "updated", ticket.replaceRequiredSkills(validSkills(patch.requiredSkills()), now), actor, now);
        }
        fire(ticket, statusChanged ? "status_changed" : "updated", actor);
        return ticket;
    }

    @Transactional
    public Ticket resolve(UUID id, Actor actor) {
        Ticket ticket = get(id);
        Instant now = Instant.now();
        record(ticket, "resolved", ticket.resolve(now), actor, now);
        fire(ticket, "resolved", actor);
        return ticket;
    }

    @Transactional
    public Ticket close(UUID id, Actor actor) {
        Ticket ticket = get(id);
        Instant now = Instant.now();
        record(ticket, "closed", ticket.close(now), actor, now);
        fire(ticket, "closed", actor);
        return ticket;
    }

    @Transactional
    public Ticket reopen(UUID id, Actor actor) {
        Ticket ticket = get(id);
        Instant now = Instant.now();
        record(ticket, "reopened", ticket.reopen(now), actor, now);
        fire(ticket, "reopened", actor);
        return ticket;
    }

    @Transactional
    public Ticket assign(UUID id, UUID assigneeId, Actor actor) {
        if (assigneeId == null) {
            throw new InvalidInputException("assignee_id", "is required");
        }
        Ticket ticket = get(id);
        User agent = requireAssignee(assigneeId);
        Instant now = Instant.now();
        apply(ticket, "assigned", ticket.assign(agent, now), actor, now);
        fire(ticket, "assigned", actor);
        return ticket;
    }

    /**
     * Automatic assignment (core.routing): assigns the chosen agent, if any, and records why on the
     * ticket's timeline either way. Not visibility-checked: routing acts for the workspace.
     */
    @Transactional
    public void route(UUID id, UUID agentId, String reason) {
        Ticket ticket = em().find(Ticket.class, id);
        if (ticket == null) {
            throw new NotFoundException("Ticket");
        }
        Actor routing = new Actor("system", null, "Routing");
        Instant now = Instant.now();
        if (agentId != null) {
            apply(ticket, "assigned", ticket.assign(requireAssignee(agentId), now), routing, now);
        }
        record(ticket, agentId != null ? "auto_assigned" : "not_auto_assigned", FieldChange.of("routing", null, reason), routing, now);
        fire(ticket, agentId != null ? "auto_assigned" : "not_auto_assigned", routing);
    }

    @Transactional
    public Ticket unassign(UUID id, Actor actor) {
        Ticket ticket = get(id);
        Instant now = Instant.now();
        apply(ticket, "unassigned", ticket.assign(null, now), actor, now);
        fire(ticket, "unassigned", actor);
        return ticket;
    }

    /**
     * Closes {@code sourceId} as a duplicate and carries its conversation to {@code targetId}. The
     * messages keep the customer whose conversation they are, so when the two tickets have
     * different requesters, each customer's status page and emails still show only their own
     * conversation (and the agents' replies to them); the merge note is then internal, since it
     * names the other customer's request.
     */
    @Transactional
    public Ticket merge(UUID sourceId, UUID targetId, Actor actor) {
        if (targetId == null) {
            throw new InvalidInputException("into_ticket_id", "is required");
        }
        Ticket source = get(sourceId);
        Ticket target = em().find(Ticket.class, targetId);
        if (target == null || !visibility.allows(target)) {
            throw new InvalidInputException("into_ticket_id", "no such ticket");
        }
        Instant now = Instant.now();
        boolean sameCustomer = source.requester().id().equals(target.requester().id());
        for (FieldChange change : source.mergeInto(target, now)) {
            record(source, "merged", change, actor, now);
        }
        List<Message> moved = em().createQuery("SELECT m FROM Message m WHERE m.ticketId = :t", Message.class)
                .setParameter("t", source.id()).getResultList();
        for (Message message : moved) {
            if (message.conversationContactId() == null) {
                message.inConversationOf(source.requester().id());
            }
            message.moveTo(target.id());
        }
        Message note = new Message(target.id(), sameCustomer ? MessageKind.EVENT : MessageKind.NOTE, MessageAuthorType.SYSTEM, actor.name(),
                MessageSanitizer.sanitize("Ticket " + workspaces.get(tenancy.workspaceId()).displayNumber(source.number())
                        + " (" + source.subject() + ") was merged into this ticket."
                        + (sameCustomer ? "" : " It came from another customer (" + source.requester().name()
                                + "): each customer keeps seeing only their own messages, and replies here go to "
                                + target.requester().name() + " only.")))
                .inConversationOf(target.requester().id());
        em().persist(note);
        em().persist(new TicketLink(source.id(), target.id(), TicketLink.Kind.MERGED_INTO));
        target.touch(now);
        record(target, "merged_from", FieldChange.of("merged_from", null, source.number()), actor, now);
        fire(source, "merged", actor);
        fire(target, "updated", actor);
        return source;
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public void delete(UUID id, AuthenticatedUser caller) {
        if (!caller.may(Role.ADMIN)) {
            throw new PermissionDeniedException("Only admins can delete tickets");
        }
        Ticket ticket = get(id);
        if (!tenancy.sql("SELECT 1 FROM tickets WHERE id = CAST(?1 AS uuid) AND legal_hold_at IS NOT NULL").setParameter(1, id.toString())
                .getResultList().isEmpty()) {
            throw new org.relaydesk.core.error.ConflictException("This ticket is under legal hold: an admin lifts the hold before it can be deleted");
        }
        em().createQuery("UPDATE Ticket t SET t.mergedIntoId = NULL WHERE t.mergedIntoId = :id").setParameter("id", id).executeUpdate();
        em().remove(ticket);
        fire(ticket, "deleted", Actor.of(caller));
    }

    @Transactional
    public List<TicketEvent> activities(UUID ticketId) {
        get(ticketId);
        return em().createQuery("SELECT e FROM TicketEvent e WHERE e.ticketId = :t ORDER BY e.createdAt, e.id", TicketEvent.class)
                .setParameter("t", ticketId).getResultList();
    }

    /** A change on one of an agent's tickets, with the ticket's number and subject. */
    public record Activity(TicketEvent event, long number, String subject) {
        public TicketEvent getEvent() {
            return event;
        }

        public long getNumber() {
            return number;
        }

        public String getSubject() {
            return subject;
        }
    }

    /** The latest changes on the tickets assigned to {@code assigneeId}, newest first. */
    @Transactional
    public List<Activity> recentActivityOn(UUID assigneeId, int limit) {
        List<Object[]> rows = em().createQuery("SELECT e, t.number, t.subject FROM TicketEvent e, Ticket t "
                        + "WHERE t.id = e.ticketId AND t.assignee.id = :me ORDER BY e.createdAt DESC", Object[].class)
                .setParameter("me", assigneeId).setMaxResults(limit).getResultList();
        return rows.stream().map(r -> new Activity((TicketEvent) r[0], ((Number) r[1]).longValue(), (String) r[2])).toList();
    }

    @Transactional
    public List<Message> messages(UUID ticketId, boolean includeInternal) {
        get(ticketId);
        String internalFilter = includeInternal ? "" : " AND m.kind <> org.relaydesk.core.ticket.MessageKind.NOTE";
        return em().createQuery("SELECT m FROM Message m WHERE m.ticketId = :t" + internalFilter + " ORDER BY m.createdAt, m.id",
                Message.class).setParameter("t", ticketId).getResultList();
    }

    /** A staff reply (public) or internal note; the first public reply stamps first_response_at. */
    @Transactional
    public Message addStaffMessage(UUID ticketId, String body, boolean internal, AuthenticatedUser author) {
        return addStaffMessage(ticketId, body, internal, author, List.of());
    }

    /** The same, with files uploaded to the ticket before (see AttachmentService) going along with it. */
    @Transactional
    public Message addStaffMessage(UUID ticketId, String body, boolean internal, AuthenticatedUser author, List<UUID> attachmentIds) {
        return addStaffMessage(ticketId, body, internal, author, attachmentIds, null);
    }

    /**
     * The same, a public reply leaving through the channel account {@code via} (one of
     * {@code ReplyRoutes.routes}; null: the ticket's own). Refused before anything is saved when
     * {@code via} is not a way to reach the requester (400), or the route's conversation window is
     * closed or its address opted out (409, typed: conversation-window-closed, recipient-opted-out).
     */
    @Transactional
    public Message addStaffMessage(UUID ticketId, String body, boolean internal, AuthenticatedUser author, List<UUID> attachmentIds, UUID via) {
        return addStaffMessage(ticketId, body, internal, author, attachmentIds, via, ReplyExtras.NONE);
    }

    /**
     * The same with buttons or a list for the customer to answer with, and the message on this
     * ticket it answers ({@link ReplyExtras}); both refused on an internal note, choices also on a
     * route whose channel cannot show them, a reply_to that is not a message of this ticket sent or
     * received through a channel.
     */
    @Transactional
    public Message addStaffMessage(UUID ticketId, String body, boolean internal, AuthenticatedUser author, List<UUID> attachmentIds, UUID via,
            ReplyExtras extras) {
        Ticket ticket = get(ticketId);
        SanitizedBody sanitized = validBody(body);
        if (attachmentIds.size() > AttachmentService.MAX_FILES_PER_MESSAGE) {
            throw new InvalidInputException("file", "at most " + AttachmentService.MAX_FILES_PER_MESSAGE + " files per message");
        }
        if (internal && via != null) {
            throw new InvalidInputException("via", "an internal note is sent nowhere");
        }
        if (internal && !extras.isEmpty()) {
            throw new InvalidInputException(extras.choices() != null ? "choices" : "reply_to", "an internal note is sent nowhere");
        }
        ReplyDestination destination = internal ? ReplyDestination.NONE : replyChannel.destinationFor(ticket, via);
        String replyTo = extras.replyTo() == null ? null : channelIdOf(ticket, extras.replyTo());
        if (extras.choices() != null) {
            replyChannel.requireInteractive(destination.throughMailbox() ? null : destination.accountId());
            int length = sanitized.text().strip().length();
            if (length == 0 || length > MAX_INTERACTIVE_TEXT) {
                throw new InvalidInputException("body", "a message with buttons or a list needs a text of 1 to " + MAX_INTERACTIVE_TEXT
                        + " characters (it has " + length + ")");
            }
        }
        Instant now = Instant.now();
        Message message = new Message(ticket.id(), internal ? MessageKind.NOTE : MessageKind.REPLY, MessageAuthorType.AGENT,
                author.name(), sanitized).byUser(author.id()).inConversationOf(ticket.requester().id()).from(AGENT_SOURCE, null);
        em().persist(message);
        if (!attachmentIds.isEmpty()) {
            em().flush();
            int tied = em().createQuery("UPDATE Attachment a SET a.messageId = :m WHERE a.id IN :ids AND a.ticketId = :t AND a.messageId IS NULL")
                    .setParameter("m", message.id()).setParameter("ids", attachmentIds).setParameter("t", ticket.id()).executeUpdate();
            if (tied != attachmentIds.size()) {
                // rolls the whole message back: nothing half-sent
                throw new InvalidInputException("file", "an uploaded file is no longer there; upload it again");
            }
        }
        Actor actor = new Actor("agent", author.id(), author.name());
        recordStaffMessage(ticket, message, internal, actor, now, destination, extrasJson(extras.choices(), replyTo));
        if (internal) {
            notes.fire(new NoteAdded(tenancy.workspaceId(), ticket.id(), message.id(), author.id()));
        }
        fire(ticket, internal ? "note_added" : "comment_added", Actor.of(author), message.id());
        return message;
    }

    /**
     * Where a rule's public reply goes: as an agent's would; where a closed window or an opted-out
     * address refuses it, through the ticket's own account all the same, whose deliverer then ends
     * the send saying why (no agent is there to choose another way).
     */
    private ReplyDestination automatedDestination(Ticket ticket) {
        try {
            return replyChannel.destinationFor(ticket, null);
        } catch (org.relaydesk.core.error.ConflictException refused) {
            return ReplyDestination.through(ticket.channelAccountId(), null);
        }
    }

    /** A channel shows at most this much text with buttons or a list (WhatsApp: 1024). */
    public static final int MAX_INTERACTIVE_TEXT = 1024;

    /** The channel's id of a message of this ticket, which a reply may answer. */
    private String channelIdOf(Ticket ticket, UUID messageId) {
        Message answered = em().find(Message.class, messageId);
        if (answered == null || !answered.ticketId().equals(ticket.id())) {
            throw new InvalidInputException("reply_to", "is not a message of this ticket");
        }
        if (answered.externalId() == null) {
            throw new InvalidInputException("reply_to", "that message was not sent or received through a channel, so the customer cannot see it quoted");
        }
        return answered.externalId();
    }

    private static JsonObject extrasJson(org.relaydesk.api.channel.InteractiveChoices choices, String replyTo) {
        if (choices == null && replyTo == null) {
            return null;
        }
        var json = org.relaydesk.core.text.Jsonp.createObjectBuilder();
        if (choices != null) {
            json.add("choices", ReplyExtras.toJson(choices));
        }
        if (replyTo != null) {
            json.add("reply_to", replyTo);
        }
        return json.build();
    }

    /**
     * A provider template an agent sends on the ticket through {@code accountId} (route, approval and
     * variables checked by the caller, core.channel's TemplateService): the text as the customer will
     * read it is kept as the agent's public message, marked as that template, and the send is queued
     * with {@code template} ({"name", "language", "values"}) for the channel.
     */
    @Transactional
    public Message addTemplateMessage(UUID ticketId, String renderedText, AuthenticatedUser author, UUID accountId, String source, String templateName,
            JsonObject template) {
        Ticket ticket = get(ticketId);
        SanitizedBody sanitized = validBody(MessageSanitizer.plainToHtml(renderedText));
        Instant now = Instant.now();
        Message message = new Message(ticket.id(), MessageKind.REPLY, MessageAuthorType.AGENT, author.name(), sanitized).byUser(author.id())
                .inConversationOf(ticket.requester().id()).from(source, accountId).asTemplate(templateName);
        em().persist(message);
        recordStaffMessage(ticket, message, false, new Actor("agent", author.id(), author.name()), now, ReplyDestination.through(accountId, null),
                org.relaydesk.core.text.Jsonp.createObjectBuilder().add("template", template).build());
        fire(ticket, "comment_added", Actor.of(author), message.id());
        return message;
    }

    /**
     * A message written by automation (a workflow rule): an internal note, or a public reply that
     * counts as the ticket's response like an agent's. Not visibility-checked: rules act for the workspace.
     */
    @Transactional
    public Message addAutomatedMessage(UUID ticketId, String body, boolean internal, Actor actor) {
        Ticket ticket = em().find(Ticket.class, ticketId);
        if (ticket == null) {
            throw new NotFoundException("Ticket");
        }
        SanitizedBody sanitized = validBody(body);
        Instant now = Instant.now();
        Message message = new Message(ticket.id(), internal ? MessageKind.NOTE : MessageKind.REPLY, MessageAuthorType.BOT, actor.name(), sanitized)
                .inConversationOf(ticket.requester().id()).from("system", null);
        em().persist(message);
        recordStaffMessage(ticket, message, internal, actor, now, internal ? ReplyDestination.NONE : automatedDestination(ticket), null);
        fire(ticket, internal ? "note_added" : "comment_added", actor, message.id());
        return message;
    }

    /**
     * A channel account's automatic reply to the customer (an acknowledgement, an away message): a
     * public message from the system, sent through {@code accountId} like any reply. It is not the
     * ticket's response (the SLA's first response waits for a person) and touches nothing else.
     */
    @Transactional
    public Message addAutoReply(UUID ticketId, String body, UUID accountId) {
        Ticket ticket = em().find(Ticket.class, ticketId);
        if (ticket == null) {
            throw new NotFoundException("Ticket");
        }
        SanitizedBody sanitized = validBody(body);
        Instant now = Instant.now();
        Message message = new Message(ticket.id(), MessageKind.REPLY, MessageAuthorType.SYSTEM, Actor.AUTO_REPLY.name(), sanitized)
                .inConversationOf(ticket.requester().id()).from("system", accountId);
        em().persist(message);
        record(ticket, "auto_replied", null, Actor.AUTO_REPLY, now);
        sendThroughChannel(ticket, message, accountId == null ? ReplyDestination.NONE : ReplyDestination.through(accountId, null), null);
        fire(ticket, "auto_replied", Actor.AUTO_REPLY, message.id());
        return message;
    }

    /** A message from the customer on the portal; a reply on a solved ticket reopens it. */
    @Transactional
    public Message addCustomerMessage(UUID ticketId, String body) {
        return addCustomerMessage(ticketId, body, null, "portal", null);
    }

    /** A message from a customer (the requester when {@code author} is null), e.g. a reply that came by email. */
    @Transactional
    public Message addCustomerMessage(UUID ticketId, String body, Contact author) {
        return addCustomerMessage(ticketId, body, author, null, null);
    }

    /**
     * The same, recording where it came from: {@code source} a channel kind ("whatsapp") or "portal",
     * {@code accountId} the channel account it arrived through (null: none).
     */
    @Transactional
    public Message addCustomerMessage(UUID ticketId, String body, Contact author, String source, UUID accountId) {
        Ticket ticket = get(ticketId);
        SanitizedBody sanitized = validBody(body);
        Instant now = Instant.now();
        Contact requester = author == null ? ticket.requester() : author;
        Message message = new Message(ticket.id(), MessageKind.REPLY, MessageAuthorType.CUSTOMER, requester.name(), sanitized)
                .byContact(requester.id()).inConversationOf(ticket.requester().id()).from(source, accountId);
        em().persist(message);
        accessTokens.renew(ticket.id(), now);
        Actor actor = Actor.customer(requester.id(), requester.name());
        record(ticket, "customer_replied", null, actor, now);
        FieldChange reopened = ticket.recordCustomerReply(now);
        if (reopened != null) {
            record(ticket, "status_changed", reopened, actor, now);
        }
        customerReplies.fire(new CustomerReplied(tenancy.workspaceId(), ticket.id(), message.id()));
        fire(ticket, "customer_replied", actor, message.id());
        return message;
    }

    /** Staff edit their own messages; admins any staff message. Customer messages are never edited. */
    @Transactional
    public Message editMessage(UUID ticketId, UUID messageId, String body, AuthenticatedUser caller) {
        Message message = staffMessage(ticketId, messageId, caller);
        Instant now = Instant.now();
        message.edit(validBody(body), now);
        record(get(ticketId), "comment_edited", null, new Actor("agent", caller.id(), caller.name()), now);
        return message;
    }

    @Transactional
    public void deleteMessage(UUID ticketId, UUID messageId, AuthenticatedUser caller) {
        Message message = staffMessage(ticketId, messageId, caller);
        Instant now = Instant.now();
        em().remove(message);
        record(get(ticketId), "comment_deleted", FieldChange.of("comment", message.bodyText(), null),
                new Actor("agent", caller.id(), caller.name()), now);
    }

    private Message staffMessage(UUID ticketId, UUID messageId, AuthenticatedUser caller) {
        get(ticketId);
        Message message = em().find(Message.class, messageId);
        if (message == null || !message.ticketId().equals(ticketId) || message.kind() == MessageKind.EVENT) {
            throw new NotFoundException("Comment");
        }
        if (message.authorType() != MessageAuthorType.AGENT) {
            throw new PermissionDeniedException("Customer messages cannot be changed");
        }
        if (!caller.id().equals(message.authorUserId()) && !caller.may(Role.ADMIN)) {
            throw new PermissionDeniedException("Only the author or an admin can change this comment");
        }
        return message;
    }

    private SanitizedBody validBody(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("body", "is required");
        }
        if (body.length() > MAX_BODY) {
            throw new InvalidInputException("body", "is too long (at most " + MAX_BODY + " characters)");
        }
        SanitizedBody sanitized = MessageSanitizer.sanitize(body);
        if (sanitized.text().isBlank() && !sanitized.html().contains("<img")) {
            throw new InvalidInputException("body", "has no content left after removing unsafe HTML");
        }
        return sanitized;
    }

    private Category requireCategory(UUID id) {
        return require(Category.class, id, "category_id");
    }

    /** Skill names as routing compares them: lowercase, at most 20 per ticket. */
    private static Set<String> validSkills(Set<String> skills) {
        Set<String> clean = new java.util.TreeSet<>();
        for (String skill : skills) {
            String name = skill == null ? "" : skill.trim().toLowerCase(java.util.Locale.ROOT);
            if (!name.matches("[a-z0-9][a-z0-9_-]{0,49}")) {
                throw new InvalidInputException("required_skills", "'" + skill + "' is not a skill name (lowercase letters, digits, - and _)");
            }
            clean.add(name);
        }
        if (clean.size() > 20) {
            throw new InvalidInputException("required_skills", "at most 20 skills");
        }
        return clean;
    }

    private User requireAssignee(UUID id) {
        User user = require(User.class, id, "assignee_id");
        if (!user.active()) {
            throw new InvalidInputException("assignee_id", "this user is deactivated");
        }
        return user;
    }

    /** A reference in the request body to something that does not exist (here) is bad input, not 404. */
    private <T> T require(Class<T> type, UUID id, String field) {
        T found = em().find(type, id);
        if (found == null) {
            throw new InvalidInputException(field, "no such " + field.replace("_id", "").replace('_', ' '));
        }
        return found;
    }

    static String validCustomFields(String json) {
        try {
            JsonObject object = Jsonp.createReader(new StringReader(json)).readObject();
            if (object.size() > 100) {
                throw new InvalidInputException("custom_fields", "at most 100 fields");
            }
            return object.toString();
        } catch (JsonParsingException | IllegalStateException e) {
            throw new InvalidInputException("custom_fields", "must be a JSON object");
        } catch (JsonException e) {
            throw new InvalidInputException("custom_fields", "must be a JSON object");
        }
    }

    private void apply(Ticket ticket, String action, FieldChange change, Actor actor, Instant at) {
        if (change.isChange()) {
            record(ticket, action, change, actor, at);
        }
    }

    private void record(Ticket ticket, String action, FieldChange change, Actor actor, Instant at) {
        em().persist(new TicketEvent(ticket.id(), action, change, actor, at));
        if ("assigned".equals(action) && ticket.assignee() != null) {
            assignments.fire(new AssignedToAgent(tenancy.workspaceId(), ticket.id(), ticket.assignee().id(), actor.id(), actor.name()));
        }
    }

    /**
     * A note touches the ticket; a reply counts as its (first) response and goes out through its
     * channel. {@code sending}: what the outbox entry carries besides the message (a template, choices, reply_to), or null.
     */
    private void recordStaffMessage(Ticket ticket, Message message, boolean internal, Actor actor, Instant now, ReplyDestination destination,
            JsonObject sending) {
        if (internal) {
            ticket.touch(now);
            record(ticket, "note_added", null, actor, now);
            return;
        }
        if (ticket.recordAgentReply(now)) {
            record(ticket, "first_response", FieldChange.of("first_response_at", null, now), actor, now);
        }
        record(ticket, "replied", null, actor, now);
        accessTokens.renew(ticket.id(), now);
        sendThroughChannel(ticket, message, destination, sending);
    }

    /**
     * A public reply goes out through a channel account (the ticket's own, the one the agent chose, or
     * the workspace's mailbox when the ticket's channel cannot send): queued in the outbox with the
     * message, in the same transaction, and sent by the channel's deliverer. A reply nothing can
     * carry keeps the reason on the message, for the thread to say so.
     */
    private void sendThroughChannel(Ticket ticket, Message message, ReplyDestination destination, JsonObject sending) {
        if (destination.accountId() == null) {
            if (destination.notSentReason() != null) {
                message.notSent(destination.notSentReason());
            }
            return;
        }
        var payload = org.relaydesk.core.text.Jsonp.createObjectBuilder()
                .add("ticket_id", ticket.id().toString()).add("message_id", message.id().toString())
                .add("account_id", destination.accountId().toString());
        if (destination.address() != null) {
            payload.add("to", destination.address());
        }
        if (destination.throughMailbox()) {
            payload.add("by_mailbox", true);
        }
        if (sending != null) {
            sending.forEach(payload::add);
        }
        em().persist(new org.relaydesk.core.outbox.OutboxEntry(CHANNEL_REPLY, payload.build().toString()));
    }

    /** The source of what staff write in the panels or through the API. */
    public static final String AGENT_SOURCE = "agent";

    /** The outbox kind of an agent's reply sent through a channel. */
    public static final String CHANNEL_REPLY = "channel.reply";

    private void fire(Ticket ticket, String action, Actor actor) {
        fire(ticket, action, actor, null);
    }

    private void fire(Ticket ticket, String action, Actor actor, UUID messageId) {
        changed.fire(new TicketChanged(tenancy.workspaceId(), ticket.id(), ticket.number(), action, actor.type(), actor.id(), actor.name(), messageId));
    }
}
