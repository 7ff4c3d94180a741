package org.relaydesk.core.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.relaydesk.core.access.Access;
import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.contact.Contact;
import org.relaydesk.core.contact.ContactService;
import org.relaydesk.core.contact.IdentityKind;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.Message;
import org.relaydesk.api.ticket.MessageAuthorType;
import org.relaydesk.core.ticket.NewTicket;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.user.Secrets;
import org.relaydesk.core.user.User;
import org.relaydesk.core.widget.WidgetService;

/**
 * Live chat between a widget's visitor and the agents at the chat desk. A chat is a ticket of channel
 * "chat" from its first message: what is said on either side is the ticket's thread, so nothing is
 * lost and the ticket goes on with the usual lifecycle, SLA and rules when the chat ends. The visitor
 * proves each call with the chat's secret (kept here as its hash), agents by their role; a visitor's
 * calls also pass the widget's origin check ({@link WidgetService#visit}).
 */
@ApplicationScoped
public class ChatService {
    /** The problem type the widget reads as "nobody is at the desk: show the form". */
    public static final String NOBODY_ONLINE = "chat-nobody-online";
    static final Duration TYPING_SHOWN_FOR = Duration.ofSeconds(6);
    static final Duration TYPING_SIGNAL_EVERY = Duration.ofSeconds(3);
    /** How long a chat routed to an agent waits for them before anyone at the desk may take it. */
    static final Duration OFFERED_FIRST_FOR = Duration.ofSeconds(30);
    private org.relaydesk.core.user.RateLimiter visitorLines;
    static final int MAX_MESSAGE = 5_000;
    static final int MAX_SUBJECT = 120;

    @Inject
    org.relaydesk.core.user.RateLimits limits;

    @Inject
    Tenancy tenancy;

    @Inject
    TicketService tickets;

    @Inject
    ContactService contacts;

    @Inject
    ChatDesk desk;

    @Inject
    Access access;

    @Inject
    Event<ChatChanged> changed;

    Clock clock = Clock.systemUTC();

    @jakarta.annotation.PostConstruct
    void createLimits() {
        // a visitor's lines in one chat: 30 a minute is quick typing; beyond it is a script
        visitorLines = limits.limiter("chat.visitor-lines", 30, Duration.ofMinutes(1), "Too many messages in this chat; wait a moment");
    }

    /** A visitor's first message: who they say they are (optional), where they are, what they ask. */
    public record Opening(String visitorId, String name, String email, String message, String pageUrl) {
    }

    /** The chat a visitor started, and the secret their browser keeps to take part in it. */
    public record Started(UUID chatId, UUID ticketId, String token) {
    }

    /** A line of the conversation as a visitor sees it: plain text, by whom, when. */
    public record Line(UUID id, String author, String name, String text, Instant at) {
    }

    /** The chat as its visitor sees it now, and the lines after the one they last had. */
    public record VisitorView(UUID chatId, UUID ticketId, String status, String agentName, boolean agentTyping, Instant agentReadAt,
            List<Line> lines) {
    }

    /** A chat in the agents' inbox. */
    /** {@code offeredTo}: the agent a waiting chat is offered to first (by the team's routing), for its first seconds; null: anyone. */
    public record Summary(UUID chatId, UUID ticketId, long ticketNumber, String visitorName, String firstMessage, String pageUrl, String status,
            UUID agentId, String agentName, boolean visitorTyping, Instant visitorReadAt, Instant createdAt, boolean visitorAway, UUID offeredTo) {
    }

    /**
     * Is anyone at the desk for this workspace now (the widget then offers a live chat): an active agent
     * whose chat inbox is open and whose availability is Online (Away or Busy takes no new chats).
     */
    @Transactional
    public boolean anyoneAtTheDesk(UUID workspaceId) {
        java.util.Set<UUID> present = desk.present(workspaceId);
        if (present.isEmpty()) {
            return false;
        }
        return !tenancy.sql("SELECT 1 FROM users WHERE workspace_id = CAST(?1 AS uuid) AND active AND availability = 'ONLINE' "
                + "AND id = ANY (CAST(?2 AS uuid[])) LIMIT 1").setParameter(1, workspaceId.toString())
                .setParameter(2, "{" + String.join(",", present.stream().map(UUID::toString).toList()) + "}").getResultList().isEmpty();
    }

    // ---------------------------------------------------------------- visitors

    /**
     * Starts a chat: its ticket (channel "chat") for the visitor's contact (by their browser's id, or by
     * the email address they gave) with the first message as its description. Refused (409,
     * {@link #NOBODY_ONLINE}) when no agent is at the desk, so the widget offers the form instead.
     */
    @Transactional
    public Started start(WidgetService.Visit visit, Opening opening) {
        return start(visit, opening, null);
    }

    /**
     * The same for a visitor whose address is proven ({@code proven}: the host site's signed identity,
     * or the code the widget's "My tickets" emailed): the chat is that customer's, so what is said
     * after it can reach them by email.
     */
    @Transactional
    public Started start(WidgetService.Visit visit, Opening opening, org.relaydesk.core.portal.Customer proven) {
        String text = clean(opening.message());
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        errors.check(!text.isEmpty() && text.length() <= MAX_MESSAGE, "message", "is required (at most " + MAX_MESSAGE + " characters)");
        errors.check(opening.visitorId() != null && opening.visitorId().matches("[A-Za-z0-9_-]{16,64}"), "visitor_id",
                "must be the browser's visitor id (16 to 64 letters, digits, - or _)");
        errors.check(opening.name() == null || opening.name().length() <= 200, "name", "at most 200 characters");
        errors.throwIfAny();
        if (!visit.widget().showContact()) {
            throw new NotFoundException("Chat");
        }
        if (!anyoneAtTheDesk(visit.workspace().id())) {
            throw new ConflictException(NOBODY_ONLINE, "Nobody is at the chat desk right now; leave a message instead", Map.of());
        }
        String name = opening.name() == null || opening.name().isBlank() ? null : opening.name().strip();
        String email = opening.email() == null || opening.email().isBlank() ? null : opening.email().strip();
        String firstLine = text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(text);
        String subject = "Chat: " + (firstLine.length() > MAX_SUBJECT ? firstLine.substring(0, MAX_SUBJECT - 1).strip() + "…" : firstLine);
        Actor visitorActor = new Actor("customer", null, name != null ? name : "Visitor");
        // this browser's own contact unless the visitor is proven: an address typed here proves nothing, so it
        // never makes the chat someone else's (whose name and history the agent would see); agents read it as unverified
        Contact visitor = proven == null ? null : proven.contactId() != null ? tenancy.em().find(Contact.class, proven.contactId())
                : proven.email() != null ? contacts.findOrCreateByEmail(proven.email(), name) : null;
        if (visitor == null) {
            visitor = contacts.findOrCreateWith(List.of(Map.entry(IdentityKind.WIDGET_VISITOR, opening.visitorId())),
                    name != null ? name : "Visitor " + opening.visitorId().substring(0, 6));
        }
        // the widget's team for chats: its assignment strategy (availability, capacity, skills) picks whom the chat is offered to first
        Ticket ticket = tickets.createFor(visitor, new NewTicket(subject, text, null, name, null, null, null, null, visit.widget().chatTeamId(), null,
                null, null, "chat", null), visitorActor);
        if (email != null) {
            if (email.length() > 320 || !org.relaydesk.core.user.UserService.EMAIL.matcher(email).matches()) {
                throw new InvalidInputException("email", "must be an email address");
            }
            tickets.addAutomatedMessage(ticket.id(), "The visitor gave the address " + org.relaydesk.core.text.MessageSanitizer.plainToHtml(email)
                    .replaceAll("</?p>", "") + " (not verified).", true, new Actor("system", null, "Chat"));
        }
        String token = Secrets.newToken("ct_");
        Chat chat = new Chat(ticket.id(), visit.widget().id(), Secrets.sha256(token), pageOf(visit, opening.pageUrl()), clock.instant());
        tenancy.em().persist(chat);
        changed.fire(new ChatChanged(tenancy.workspaceId(), chat.id(), ticket.id()));
        return new Started(chat.id(), ticket.id(), token);
    }

    /** What the visitor sees now: the chat's state and the lines after {@code after} (a line's id; null: from the start). */
    @Transactional
    public VisitorView view(WidgetService.Visit visit, UUID chatId, String token, UUID after) {
        Chat chat = visitorsChat(visit, chatId, token);
        chat.visitorSeen(clock.instant());
        return visitorView(chat, after);
    }

    /** The visitor says something: a customer message on the chat's ticket. */
    @Transactional
    public VisitorView say(WidgetService.Visit visit, UUID chatId, String token, String body, UUID after) {
        Chat chat = visitorsChat(visit, chatId, token);
        if (!chat.live()) {
            throw new ConflictException("This chat has ended; start a new one, or send us a message");
        }
        String text = clean(body);
        if (text.isEmpty() || text.length() > MAX_MESSAGE) {
            throw new InvalidInputException("body", "is required (at most " + MAX_MESSAGE + " characters)");
        }
        visitorLines.acquire(chat.id().toString()); // a person types a few lines a minute; a script is stopped here
        tickets.addCustomerMessage(chat.ticketId(), org.relaydesk.core.text.MessageSanitizer.plainToHtml(text), null, "chat", null);
        chat.visitorSpoke(clock.instant());
        changed.fire(new ChatChanged(tenancy.workspaceId(), chat.id(), chat.ticketId()));
        return visitorView(chat, after);
    }

    /** The visitor is typing, or has read what the agent wrote. */
    @Transactional
    public void visitorSignal(WidgetService.Visit visit, UUID chatId, String token, boolean typing) {
        Chat chat = visitorsChat(visit, chatId, token);
        Instant now = clock.instant();
        if (typing) {
            if (chat.visitorTypingAt() != null && chat.visitorTypingAt().isAfter(now.minus(TYPING_SIGNAL_EVERY))) {
                return; // the desk knows already: no more pushes to every agent than one each few seconds
            }
            chat.visitorTyping(now);
        } else {
            chat.visitorRead(now);
        }
        changed.fire(new ChatChanged(tenancy.workspaceId(), chat.id(), chat.ticketId()));
    }

    /** The visitor leaves: the chat ends, its ticket stays open and is answered by email when an address is known. */
    @Transactional
    public void leave(WidgetService.Visit visit, UUID chatId, String token) {
        Chat chat = visitorsChat(visit, chatId, token);
        if (chat.live()) {
            chat.end("visitor", clock.instant());
            tickets.addAutomatedMessage(chat.ticketId(), "The visitor left the chat.", true, new Actor("system", null, "Chat"));
            changed.fire(new ChatChanged(tenancy.workspaceId(), chat.id(), chat.ticketId()));
        }
    }

    /** The chat of this visit's widget that the secret opens; anything else is "not found" (never which part was wrong). */
    private Chat visitorsChat(WidgetService.Visit visit, UUID chatId, String token) {
        Chat chat = chatId == null ? null : tenancy.em().find(Chat.class, chatId);
        if (chat == null || token == null || token.length() > 200 || !visit.widget().id().equals(chat.widgetId())
                || !java.security.MessageDigest.isEqual(Secrets.sha256(token).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        chat.visitorTokenHash().getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            throw new NotFoundException("Chat");
        }
        return chat;
    }

    private VisitorView visitorView(Chat chat, UUID after) {
        Ticket ticket = tickets.get(chat.ticketId());
        Instant until = chat.live() ? null : chat.endedAt();
        User agent = chat.agentId() == null ? null : tenancy.em().find(User.class, chat.agentId());
        boolean typing = chat.live() && chat.agentTypingAt() != null && chat.agentTypingAt().isAfter(clock.instant().minus(TYPING_SHOWN_FOR));
        return new VisitorView(chat.id(), chat.ticketId(), chat.status(), agent == null ? null : agent.name(), typing, chat.agentReadAt(),
                linesAfter(ticket, after, until));
    }

    /**
     * The conversation as the visitor may see it: the first message (the ticket's description, under the
     * ticket's id) and every public message of the visitor's conversation since, as plain text.
     */
    private List<Line> linesAfter(Ticket ticket, UUID after, Instant until) {
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(ticket.id(), "visitor", ticket.requester().name(), ticket.description() == null ? "" : ticket.description(),
                ticket.createdAt()));
        for (Message message : tickets.messages(ticket.id(), false)) {
            if (!message.belongsToConversationOf(ticket.requester().id()) || until != null && message.createdAt().isAfter(until)) {
                continue; // once the chat is over, its secret shows the chat, not what the ticket says later (by email)
            }
            String author = message.authorType() == MessageAuthorType.CUSTOMER ? "visitor" : message.authorType() == MessageAuthorType.AGENT ? "agent" : "system";
            lines.add(new Line(message.id(), author, message.authorName(), message.bodyText(), message.createdAt()));
        }
        if (after == null) {
            return lines;
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).id().equals(after)) {
                return List.copyOf(lines.subList(i + 1, lines.size()));
            }
        }
        return lines; // a line the visitor cannot know: everything, which they de-duplicate by id
    }

    // ---------------------------------------------------------------- agents

    /** The agent's chat inbox is open (and so they can take chats). */
    @RequiresRole(Role.AGENT)
    public void atTheDesk() {
        AuthenticatedUser me = me();
        desk.here(me.workspaceId(), me.id());
    }

    /** The agent closed the inbox. */
    @RequiresRole(Role.AGENT)
    public void leftTheDesk() {
        AuthenticatedUser me = me();
        desk.left(me.workspaceId(), me.id());
    }

    /** The chats that are not over: waiting ones for anyone, and those the agent has (supervisors see all). */
    @Transactional
    @RequiresRole(Role.AGENT)
    public List<Summary> inbox() {
        AuthenticatedUser me = me();
        List<Chat> chats = tenancy.em().createQuery("SELECT c FROM Chat c WHERE c.status <> 'ended' ORDER BY c.createdAt", Chat.class)
                .setMaxResults(200).getResultList();
        List<Summary> summaries = new ArrayList<>();
        for (Chat chat : chats) {
            if (Chat.WAITING.equals(chat.status()) || me.id().equals(chat.agentId()) || me.role().atLeast(Role.SUPERVISOR)) {
                summary(chat).filter(c -> c.offeredTo() == null || c.offeredTo().equals(me.id()) || me.role().atLeast(Role.SUPERVISOR))
                        .ifPresent(summaries::add);
            }
        }
        return summaries;
    }

    /** One chat for an agent who may see its ticket. */
    @Transactional
    @RequiresRole(Role.AGENT)
    public Summary chat(UUID chatId) {
        return summary(agentsChat(chatId)).orElseThrow(() -> new NotFoundException("Chat"));
    }

    /** The chat of a ticket, if the ticket came as one. */
    @Transactional
    @RequiresRole(Role.AGENT)
    public Optional<Summary> ofTicket(UUID ticketId) {
        return tenancy.em().createQuery("SELECT c FROM Chat c WHERE c.ticketId = :t", Chat.class).setParameter("t", ticketId).getResultStream()
                .findFirst().flatMap(this::summary);
    }

    /** Takes a waiting chat: the ticket is assigned to the agent and the visitor told who joined. */
    @Transactional
    @RequiresRole(Role.AGENT)
    public Summary accept(UUID chatId) {
        AuthenticatedUser me = me();
        Chat chat = agentsChat(chatId);
        tenancy.em().lock(chat, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        tenancy.em().refresh(chat);
        if (!chat.live()) {
            throw new ConflictException("This chat has ended");
        }
        if (chat.agentId() != null && !chat.agentId().equals(me.id())) {
            throw new ConflictException("Someone else took this chat");
        }
        Optional<UUID> offered = offeredTo(chat, tickets.get(chat.ticketId()));
        if (offered.isPresent() && !offered.get().equals(me.id())) {
            throw new ConflictException("This chat is offered to a colleague first, for a few more seconds");
        }
        chat.accept(me.id(), clock.instant());
        tickets.assign(chat.ticketId(), me.id(), Actor.of(me)); // the visitor sees who joined from the chat's agent
        changed.fire(new ChatChanged(tenancy.workspaceId(), chat.id(), chat.ticketId()));
        return summary(chat).orElseThrow();
    }

    /** The agent writes to the visitor: a public message on the ticket, shown in the chat (not emailed while the chat is live). */
    @Transactional
    @RequiresRole(Role.AGENT)
    public Message reply(UUID chatId, String text) {
        AuthenticatedUser me = me();
        Chat chat = agentsChat(chatId);
        requireMine(chat, me);
        String clean = clean(text);
        if (clean.isEmpty() || clean.length() > MAX_MESSAGE) {
            throw new InvalidInputException("body", "is required (at most " + MAX_MESSAGE + " characters)");
        }
        Message message = tickets.addStaffMessage(chat.ticketId(), org.relaydesk.core.text.MessageSanitizer.plainToHtml(clean), false, me);
        chat.agentSpoke(clock.instant());
        changed.fire(new ChatChanged(tenancy.workspaceId(), chat.id(), chat.ticketId()));
        return message;
    }

    /** The agent is typing, or has read what the visitor wrote. */
    @Transactional
    @RequiresRole(Role.AGENT)
    public void agentSignal(UUID chatId, boolean typing) {
        AuthenticatedUser me = me();
        Chat chat = agentsChat(chatId);
        if (!me.id().equals(chat.agentId())) {
            return; // only the chat's agent speaks for it
        }
        if (typing) {
            chat.agentTyping(clock.instant());
        } else {
            if (chat.agentReadAt() != null && !chat.agentReadAt().isBefore(lastVisitorLine(chat))) {
                return; // read already: nothing for the visitor to hear (and no echo back to the desk)
            }
            chat.agentRead(clock.instant());
        }
        changed.fire(new ChatChanged(tenancy.workspaceId(), chat.id(), chat.ticketId()));
    }

    /** When the visitor last wrote in the chat (their first message, the ticket's creation, at the least). */
    private Instant lastVisitorLine(Chat chat) {
        Object latest = tenancy.sql("SELECT max(created_at) FROM messages WHERE ticket_id = CAST(?1 AS uuid) AND author_type = 'CUSTOMER'")
                .setParameter(1, chat.ticketId().toString()).getSingleResult();
        if (latest instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (latest instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return latest instanceof Instant instant ? instant : chat.createdAt();
    }

    /** Hands the chat to a colleague (who then has it and its ticket). */
    @Transactional
    @RequiresRole(Role.AGENT)
    public Summary transfer(UUID chatId, UUID colleagueId) {
        AuthenticatedUser me = me();
        Chat chat = agentsChat(chatId);
        requireMine(chat, me);
        User colleague = colleagueId == null ? null : tenancy.em().find(User.class, colleagueId);
        if (colleague == null || !colleague.active() || !colleague.may(Role.AGENT)) {
            throw new InvalidInputException("agent_id", "is not an active agent of this workspace");
        }
        chat.accept(colleague.id(), clock.instant());
        tickets.assign(chat.ticketId(), colleague.id(), Actor.of(me));
        tickets.addAutomatedMessage(chat.ticketId(), me.name() + " handed the chat to " + colleague.name() + ".", true, Actor.of(me));
        changed.fire(new ChatChanged(tenancy.workspaceId(), chat.id(), chat.ticketId()));
        return summary(chat).orElseThrow();
    }

    /** Hands the chat to a team: the ticket goes to that team and the chat waits again for one of its agents. */
    @Transactional
    @RequiresRole(Role.AGENT)
    public Summary transferToTeam(UUID chatId, UUID teamId) {
        AuthenticatedUser me = me();
        Chat chat = agentsChat(chatId);
        requireMine(chat, me);
        org.relaydesk.core.team.Team team = teamId == null ? null : tenancy.em().find(org.relaydesk.core.team.Team.class, teamId);
        if (team == null) {
            throw new InvalidInputException("team_id", "is not a team of this workspace");
        }
        tickets.update(chat.ticketId(), new org.relaydesk.core.ticket.TicketPatch(null, null, null, null, null, null, Optional.empty(),
                Optional.of(team.id()), null, null, null, null), Actor.of(me));
        chat.backToWaiting();
        tickets.addAutomatedMessage(chat.ticketId(), me.name() + " handed the chat to the team " + team.name() + ".", true, Actor.of(me));
        changed.fire(new ChatChanged(tenancy.workspaceId(), chat.id(), chat.ticketId()));
        return summary(chat).orElseGet(() -> null);
    }

    /** Ends the chat; the transcript stays in the ticket, which goes on as any ticket. */
    @Transactional
    @RequiresRole(Role.AGENT)
    public void end(UUID chatId) {
        AuthenticatedUser me = me();
        Chat chat = agentsChat(chatId);
        requireMine(chat, me);
        if (chat.live()) {
            chat.end("agent", clock.instant());
            tickets.addAutomatedMessage(chat.ticketId(), me.name() + " ended the chat.", true, Actor.of(me));
            changed.fire(new ChatChanged(tenancy.workspaceId(), chat.id(), chat.ticketId()));
        }
    }

    private void requireMine(Chat chat, AuthenticatedUser me) {
        if (!chat.live()) {
            throw new ConflictException("This chat has ended; answer on its ticket");
        }
        if (chat.agentId() == null) {
            throw new PermissionDeniedException("Accept the chat first");
        }
        if (!me.id().equals(chat.agentId()) && !me.role().atLeast(Role.SUPERVISOR)) {
            throw new PermissionDeniedException("This chat is a colleague's");
        }
    }

    /** A chat whose ticket the agent may see (the queue's team rule); others are "not found". */
    private Chat agentsChat(UUID chatId) {
        Chat chat = chatId == null ? null : tenancy.em().find(Chat.class, chatId);
        if (chat == null) {
            throw new NotFoundException("Chat");
        }
        tickets.get(chat.ticketId()); // the team rule: a ticket the agent may not open is not found
        return chat;
    }

    /**
     * Whom a waiting chat is offered to first: the agent its team's routing assigned the ticket to, while
     * they are at the desk and for the first {@link #OFFERED_FIRST_FOR}; then (or if they are not at the
     * desk) to anyone.
     */
    private Optional<UUID> offeredTo(Chat chat, Ticket ticket) {
        if (!Chat.WAITING.equals(chat.status()) || ticket.assignee() == null || chat.createdAt().isBefore(clock.instant().minus(OFFERED_FIRST_FOR))
                || !desk.present(tenancy.workspaceId()).contains(ticket.assignee().id())) {
            return Optional.empty();
        }
        return Optional.of(ticket.assignee().id());
    }

    private Optional<Summary> summary(Chat chat) {
        Ticket ticket;
        try {
            ticket = tickets.get(chat.ticketId());
        } catch (NotFoundException hidden) {
            return Optional.empty();
        }
        User agent = chat.agentId() == null ? null : tenancy.em().find(User.class, chat.agentId());
        Instant now = clock.instant();
        boolean typing = chat.live() && chat.visitorTypingAt() != null && chat.visitorTypingAt().isAfter(now.minus(TYPING_SHOWN_FOR));
        boolean away = chat.live() && chat.visitorSeenAt().isBefore(now.minus(Duration.ofMinutes(2)));
        String first = ticket.description() == null ? "" : ticket.description();
        return Optional.of(new Summary(chat.id(), ticket.id(), ticket.number(), ticket.requester().name(), first.length() > 300
                ? first.substring(0, 300) + "…" : first, chat.pageUrl(), chat.status(), chat.agentId(), agent == null ? null : agent.name(), typing,
                chat.visitorReadAt(), chat.createdAt(), away, offeredTo(chat, ticket).orElse(null)));
    }

    private AuthenticatedUser me() {
        return access.current().orElseThrow(() -> new PermissionDeniedException("Sign in as staff to take chats"));
    }

    private static String clean(String text) {
        return text == null ? "" : text.replace("\r\n", "\n").strip();
    }

    /** The page the visitor chats from, kept only when it is a page of the calling site. */
    private static String pageOf(WidgetService.Visit visit, String pageUrl) {
        return WidgetService.pageOf(visit, pageUrl).orElse(null);
    }
}
