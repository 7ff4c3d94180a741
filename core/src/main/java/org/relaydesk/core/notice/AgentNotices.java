package org.relaydesk.core.notice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.outbox.OutboxEntry;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.team.Team;
import org.relaydesk.core.text.Jsonp;
import org.relaydesk.core.ticket.AssignedToAgent;
import org.relaydesk.core.ticket.CustomerReplied;
import org.relaydesk.core.ticket.Message;
import org.relaydesk.core.ticket.NoteAdded;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.user.User;
import org.relaydesk.core.workspace.Workspace;

/**
 * Tells agents, by email through the workspace's mailbox, what they chose on their settings page:
 * a ticket assigned to them, the customer writing on their ticket, a colleague's note on it, an
 * @mention. Queued in the outbox in the transaction of the change (so nothing is told of a change
 * that rolled back). A mention counts only for an active colleague of the same workspace who may
 * see the ticket: anyone else is neither stored nor told, so a note never leaks a ticket.
 */
@ApplicationScoped
public class AgentNotices {
    static final String KIND = "email.agent_notice";

    @Inject
    Tenancy tenancy;

    @Inject
    TicketService tickets;

    void assigned(@Observes AssignedToAgent event) {
        if (event.assigneeId().equals(event.actorId())) {
            return; // who took a ticket knows it
        }
        User assignee = tenancy.em().find(User.class, event.assigneeId());
        if (assignee != null && assignee.active() && assignee.notifyAssigned()) {
            queue(NoticeKind.AGENT_ASSIGNED, assignee, event.ticketId(), null, event.actorName() == null ? "Automatic assignment" : event.actorName());
        }
    }

    void customerReplied(@Observes CustomerReplied event) {
        Ticket ticket = tenancy.em().find(Ticket.class, event.ticketId());
        User assignee = ticket == null ? null : ticket.assignee();
        if (assignee != null && assignee.active() && assignee.notifyCustomerReply()) {
            queue(NoticeKind.AGENT_CUSTOMER_REPLIED, assignee, ticket.id(), event.messageId(), ticket.requester().name());
        }
    }

    void noteAdded(@Observes NoteAdded event) {
        Ticket ticket = tenancy.em().find(Ticket.class, event.ticketId());
        Message note = tenancy.em().find(Message.class, event.messageId());
        if (ticket == null || note == null) {
            return;
        }
        User author = tenancy.em().find(User.class, event.authorId());
        String authorName = author == null ? note.authorName() : author.name();
        Set<UUID> mentioned = Mentions.in(note.bodyText(), staff());
        mentioned.remove(event.authorId());
        for (UUID id : mentioned) {
            User colleague = tenancy.em().find(User.class, id);
            if (colleague == null || !colleague.active() || !maySee(colleague, ticket)) {
                continue;
            }
            tenancy.sql("INSERT INTO message_mentions (workspace_id, message_id, user_id) VALUES (CAST(?1 AS uuid), CAST(?2 AS uuid), CAST(?3 AS uuid)) "
                            + "ON CONFLICT DO NOTHING").setParameter(1, tenancy.workspaceId().toString()).setParameter(2, note.id().toString())
                    .setParameter(3, id.toString()).executeUpdate();
            if (colleague.notifyMentioned()) {
                queue(NoticeKind.AGENT_MENTIONED, colleague, ticket.id(), note.id(), authorName);
            }
        }
        User assignee = ticket.assignee();
        if (assignee != null && !assignee.id().equals(event.authorId()) && !mentioned.contains(assignee.id()) && assignee.active()
                && assignee.notifyInternalNote()) {
            queue(NoticeKind.AGENT_NOTE_ADDED, assignee, ticket.id(), note.id(), authorName);
        }
    }

    /** The colleagues a note's mention may name on this ticket (visibility-checked for the caller), matching {@code query} by name or address. */
    @Transactional
    @RequiresRole(Role.AGENT)
    public List<Mentionable> mentionable(UUID ticketId, String query) {
        return mentionable(ticketId, query, 10);
    }

    /** The same, at most {@code limit} of them (the ticket page lists them all). */
    @Transactional
    @RequiresRole(Role.AGENT)
    public List<Mentionable> mentionable(UUID ticketId, String query, int limit) {
        Ticket ticket = tickets.get(ticketId);
        String wanted = query == null ? "" : query.strip().toLowerCase(Locale.ROOT).replaceFirst("^@", "");
        List<Mentions.Staff> all = staff();
        return all.stream().filter(s -> s.name().toLowerCase(Locale.ROOT).contains(wanted) || s.email().toLowerCase(Locale.ROOT).startsWith(wanted))
                .filter(s -> maySee(tenancy.em().find(User.class, s.id()), ticket)).limit(limit)
                .map(s -> new Mentionable(s.id(), s.name(), Mentions.handle(s, all))).toList();
    }

    /** A colleague for the autocomplete: {@code handle} is what to write ("@alex"). */
    public record Mentionable(UUID id, String name, String handle) implements java.io.Serializable {
    }

    /** Who a note mentions (for the thread), as names. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<String> mentionedIn(UUID messageId) {
        return ((List<Object>) tenancy.sql("SELECT u.name FROM message_mentions m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = CAST(?1 AS uuid) "
                        + "AND m.message_id = CAST(?2 AS uuid) ORDER BY u.name").setParameter(1, tenancy.workspaceId().toString())
                .setParameter(2, messageId.toString()).getResultList()).stream().map(Object::toString).toList();
    }

    /** The workspace's active staff (tenancy keeps it to the current workspace). */
    List<Mentions.Staff> staff() {
        return tenancy.em().createQuery("SELECT u FROM User u WHERE u.active = true ORDER BY u.name", User.class).getResultList().stream()
                .map(u -> new Mentions.Staff(u.id(), u.email(), u.name())).toList();
    }

    /** The same rule as {@link org.relaydesk.core.ticket.TicketVisibility}, for a colleague instead of the caller. */
    boolean maySee(User user, Ticket ticket) {
        if (user == null) {
            return false;
        }
        if (user.may(Role.ADMIN) || ticket.teamId() == null || ticket.assignee() != null && ticket.assignee().id().equals(user.id())) {
            return true;
        }
        Workspace workspace = tenancy.global().find(Workspace.class, tenancy.workspaceId());
        if (workspace == null || !workspace.restrictsToTeams()) {
            return true;
        }
        Team team = tenancy.em().find(Team.class, ticket.teamId());
        return team != null && team.memberIds().contains(user.id());
    }

    private void queue(NoticeKind notice, User to, UUID ticketId, UUID messageId, String actorName) {
        var payload = Jsonp.createObjectBuilder().add("notice", notice.key()).add("user_id", to.id().toString()).add("ticket_id", ticketId.toString())
                .add("actor_name", actorName == null ? "" : actorName);
        if (messageId != null) {
            payload.add("message_id", messageId.toString());
        }
        tenancy.em().persist(new OutboxEntry(KIND, payload.build().toString()));
    }
}
