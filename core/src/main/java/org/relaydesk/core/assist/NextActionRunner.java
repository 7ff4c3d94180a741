package org.relaydesk.core.assist;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.api.assist.NextAction;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.core.channel.NoticeMailer;
import org.relaydesk.core.contact.ContactService;
import org.relaydesk.core.contact.IdentityKind;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.kb.ArticleStatus;
import org.relaydesk.core.kb.KbArticle;
import org.relaydesk.core.kb.KnowledgeBaseService;
import org.relaydesk.core.kb.Visibility;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.text.MessageSanitizer;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.Category;
import org.relaydesk.core.ticket.FieldChange;
import org.relaydesk.core.ticket.NewTicket;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketEvent;
import org.relaydesk.core.ticket.TicketLink;
import org.relaydesk.core.ticket.TicketPatch;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.team.Team;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.User;

/**
 * Carries out a next action for an agent, with the agent's own rights (every step goes through the
 * same services the panel's buttons use, so a step the agent may not take is refused the same way),
 * inside the caller's transaction: all of it happens, or, on a refusal, none. The arguments are
 * checked first; a bad one is a 400 naming it and changes nothing. The ticket's timeline gets a line
 * saying the agent did it with the assistant's help.
 */
@ApplicationScoped
public class NextActionRunner {
    static final int MAX_NOTE = 5_000;
    static final int MAX_QUESTIONS = 10;
    static final int MAX_FOLLOW_UP_HOURS = 24 * 90;

    @Inject
    TicketService tickets;

    @Inject
    ContactService contacts;

    @Inject
    KnowledgeBaseService kb;

    @Inject
    Tenancy tenancy;

    @Inject
    org.relaydesk.core.csat.CsatSurveys surveys;

    /** Replaced in tests. */
    Clock clock = Clock.systemUTC();

    /** Does it; returns what was done, in words, for the agent and the audit trail. */
    String run(UUID ticketId, NextAction.Kind kind, Map<String, String> arguments, AuthenticatedUser agent) {
        Ticket ticket = tickets.get(ticketId);
        Actor actor = Actor.of(agent);
        String done = switch (kind) {
            case REQUEST_INFO -> requestInfo(ticket, arguments, agent, actor);
            case ESCALATE -> escalate(ticket, arguments, agent, actor);
            case FOLLOW_UP -> followUp(ticket, arguments, agent);
            case UPDATE_CONTACT -> updateContact(ticket, arguments);
            case CREATE_TASK -> createTask(ticket, arguments, agent, actor);
            case SEND_ARTICLE -> sendArticle(ticket, arguments, agent);
            case SET_FIELDS -> setFields(ticket, arguments, actor);
            case CLOSE_WITH_CHECKLIST -> closeWithChecklist(ticket, arguments, agent, actor);
        };
        // the timeline says what was done in the server's words (a title comes from the client)
        tenancy.em().persist(new TicketEvent(ticket.id(), "assisted", FieldChange.of("next_action", null, done), actor, clock.instant()));
        return done;
    }

    private String requestInfo(Ticket ticket, Map<String, String> arguments, AuthenticatedUser agent, Actor actor) {
        List<String> questions = lines(arguments.get("questions"));
        if (questions.isEmpty() || questions.size() > MAX_QUESTIONS || questions.stream().anyMatch(q -> q.length() > 500)) {
            throw new InvalidInputException("questions", "write 1 to " + MAX_QUESTIONS + " questions, one per line, each at most 500 characters");
        }
        StringBuilder text = new StringBuilder(greeting(ticket)).append("\n\nTo help you further, could you tell us:\n");
        questions.forEach(q -> text.append("\n- ").append(q));
        text.append("\n\nThank you.");
        tickets.addStaffMessage(ticket.id(), MessageSanitizer.plainToHtml(text.toString()), false, agent);
        tickets.update(ticket.id(), patch(TicketStatus.WAITING_ON_CUSTOMER.apiName(), null, null, null, null, null), actor);
        return "Asked the customer " + questions.size() + (questions.size() == 1 ? " question" : " questions") + " and set the status to waiting on customer";
    }

    private String escalate(Ticket ticket, Map<String, String> arguments, AuthenticatedUser agent, Actor actor) {
        Team team = arguments.get("team") == null || arguments.get("team").isBlank() ? null : team(arguments.get("team"));
        String priority = blankToNull(arguments.get("priority"));
        if (priority != null && TicketPriority.fromApiName(priority).isEmpty()) {
            throw new InvalidInputException("priority", "must be one of low, medium, high, urgent, critical");
        }
        String note = note(arguments.get("note"));
        if (team == null && priority == null) {
            throw new InvalidInputException("team", "name a team to hand the ticket to, or a priority to raise it to");
        }
        boolean newTeam = team != null && !team.id().equals(ticket.teamId());
        // the note first: an agent restricted to their teams may no longer open the ticket once it is another team's
        tickets.addStaffMessage(ticket.id(), MessageSanitizer.plainToHtml("Escalated" + (team == null ? "" : " to " + team.name())
                + (priority == null ? "" : ", priority " + priority) + (note.isEmpty() ? "." : ": " + note)), true, agent);
        // a ticket handed to another team leaves an assignee who is not in it, so that the team's routing (AutoAssigner) gives it to one
        // of its members, who is told
        boolean leavesAssignee = newTeam && ticket.assignee() != null && !team.memberIds().contains(ticket.assignee().id());
        tickets.update(ticket.id(), new TicketPatch(null, null, null, priority, null, null, leavesAssignee ? Optional.empty() : null,
                newTeam ? Optional.of(team.id()) : null, null, null, null), actor);
        return "Escalated" + (team == null ? "" : " to " + team.name()) + (priority == null ? "" : " with priority " + priority);
    }

    private String followUp(Ticket ticket, Map<String, String> arguments, AuthenticatedUser agent) {
        int hours;
        try {
            hours = Integer.parseInt(String.valueOf(arguments.get("in_hours")).strip());
        } catch (NumberFormatException e) {
            hours = -1;
        }
        if (hours < 1 || hours > MAX_FOLLOW_UP_HOURS) {
            throw new InvalidInputException("in_hours", "must be a whole number of hours from 1 to " + MAX_FOLLOW_UP_HOURS);
        }
        String note = note(arguments.get("note"));
        Instant due = clock.instant().plus(Duration.ofHours(hours));
        tenancy.sql("INSERT INTO ticket_reminders (id, workspace_id, ticket_id, due_at, note, created_by_id, created_by_name, created_at) "
                        + "VALUES (CAST(?1 AS uuid), CAST(?2 AS uuid), CAST(?3 AS uuid), ?4, ?5, CAST(?6 AS uuid), ?7, ?8)")
                .setParameter(1, UUID.randomUUID().toString()).setParameter(2, tenancy.workspaceId().toString()).setParameter(3, ticket.id().toString())
                .setParameter(4, Timestamp.from(due)).setParameter(5, note.isEmpty() ? "Follow up" : note).setParameter(6, agent.id().toString())
                .setParameter(7, agent.name()).setParameter(8, Timestamp.from(clock.instant())).executeUpdate();
        return "Follow-up set for " + due.truncatedTo(java.time.temporal.ChronoUnit.MINUTES) + " (in " + hours + (hours == 1 ? " hour" : " hours") + ")";
    }

    private String updateContact(Ticket ticket, Map<String, String> arguments) {
        String field = String.valueOf(arguments.get("field")).strip().toLowerCase(Locale.ROOT);
        String value = blankToNull(arguments.get("value"));
        if (value == null) {
            throw new InvalidInputException("value", "is required");
        }
        IdentityKind kind = switch (field) {
            case "email" -> IdentityKind.EMAIL;
            case "phone" -> IdentityKind.PHONE;
            default -> throw new InvalidInputException("field", "must be email or phone");
        };
        contacts.addIdentity(ticket.requester().id(), kind, value.strip());
        return "Added " + value.strip() + " to " + ticket.requester().name() + "'s record";
    }

    private String createTask(Ticket ticket, Map<String, String> arguments, AuthenticatedUser agent, Actor actor) {
        String subject = blankToNull(arguments.get("subject"));
        if (subject == null || subject.length() > TicketService.MAX_SUBJECT) {
            throw new InvalidInputException("subject", "must be 1 to " + TicketService.MAX_SUBJECT + " characters");
        }
        Team team = blankToNull(arguments.get("team")) == null ? null : team(arguments.get("team"));
        User assignee = blankToNull(arguments.get("assignee")) == null ? null : colleague(arguments.get("assignee"));
        String note = note(arguments.get("note"));
        String description = "Task from ticket #" + ticket.number() + " (" + ticket.subject() + "), opened by " + agent.name()
                + (note.isEmpty() ? "." : ":\n\n" + note);
        // the colleague who asks is the task's requester: a task is internal work, and the customer must not see it in the portal,
        // get its replies or be asked about it
        Ticket task = tickets.createFor(contacts.findOrCreateByEmail(agent.email(), agent.name()), new NewTicket(subject.strip(),
                MessageSanitizer.plainToHtml(description), null, null,
                ticket.priority().apiName(), "task", null, assignee == null ? null : assignee.id(), team == null ? null : team.id(), null,
                Set.of(), null, "web"), actor);
        tenancy.em().persist(new TicketLink(ticket.id(), task.id(), TicketLink.Kind.RELATED));
        tenancy.em().persist(new TicketLink(task.id(), ticket.id(), TicketLink.Kind.RELATED));
        tickets.addStaffMessage(ticket.id(), MessageSanitizer.plainToHtml("Task #" + task.number() + " opened: " + subject.strip()
                + (assignee != null ? " (for " + assignee.name() + ")" : team != null ? " (for " + team.name() + ")" : "")), true, agent);
        return "Opened task #" + task.number() + (assignee != null ? " for " + assignee.name() : team != null ? " for " + team.name() : "");
    }

    private String sendArticle(Ticket ticket, Map<String, String> arguments, AuthenticatedUser agent) {
        UUID id;
        try {
            id = UUID.fromString(String.valueOf(arguments.get("article")).strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("article", "must be an article's id");
        }
        KbArticle article;
        try {
            article = kb.asStaff(base -> base.article(id));
        } catch (NotFoundException e) {
            throw new InvalidInputException("article", "no such article");
        }
        if (article.status() != ArticleStatus.PUBLISHED || article.visibility() == Visibility.INTERNAL) {
            throw new InvalidInputException("article", "the customer could not open it: it is not published for customers");
        }
        String url = articleUrl(article.slug());
        String html = "<p>" + escape(greeting(ticket)) + "</p><p>This article should help: <a href=\"" + escape(url) + "\">" + escape(article.title())
                + "</a></p><p>Let me know if anything is still unclear.</p>";
        tickets.addStaffMessage(ticket.id(), html, false, agent);
        return "Sent the article \u201c" + article.title() + "\u201d";
    }

    private String setFields(Ticket ticket, Map<String, String> arguments, Actor actor) {
        String category = blankToNull(arguments.get("category"));
        String team = blankToNull(arguments.get("team"));
        String priority = blankToNull(arguments.get("priority"));
        List<String> tags = blankToNull(arguments.get("tags")) == null ? List.of()
                : List.of(arguments.get("tags").split(",")).stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
        if (category == null && team == null && priority == null && tags.isEmpty()) {
            throw new InvalidInputException("category", "set at least one of category, team, priority and tags");
        }
        if (priority != null && TicketPriority.fromApiName(priority).isEmpty()) {
            throw new InvalidInputException("priority", "must be one of low, medium, high, urgent, critical");
        }
        UUID categoryId = category == null ? null : category(category);
        UUID teamId = team == null ? null : team(team).id();
        Set<String> allTags = null;
        if (!tags.isEmpty()) {
            allTags = new LinkedHashSet<>(ticket.tags());
            allTags.addAll(tags);
        }
        tickets.update(ticket.id(), new TicketPatch(null, null, null, priority, null, categoryId == null ? null : Optional.of(categoryId), null,
                teamId == null ? null : Optional.of(teamId), null, allTags, null), actor);
        List<String> set = new ArrayList<>();
        if (category != null) {
            set.add("category " + category);
        }
        if (team != null) {
            set.add("team " + team);
        }
        if (priority != null) {
            set.add("priority " + priority);
        }
        if (!tags.isEmpty()) {
            set.add("tags " + String.join(", ", tags));
        }
        return "Set " + String.join(", ", set);
    }

    private String closeWithChecklist(Ticket ticket, Map<String, String> arguments, AuthenticatedUser agent, Actor actor) {
        if (!"true".equals(arguments.get("confirmed"))) {
            throw new InvalidInputException("confirmed", "tick \u201cThe customer confirmed it works\u201d first, or keep the ticket open");
        }
        Number open = (Number) tenancy.sql("SELECT count(*) FROM ticket_links l JOIN tickets t ON t.id = l.linked_ticket_id "
                + "WHERE l.ticket_id = CAST(?1 AS uuid) AND l.kind = 'RELATED' AND t.type = 'TASK' AND t.status NOT IN ('RESOLVED', 'CLOSED', 'CANCELLED')")
                .setParameter(1, ticket.id().toString()).getSingleResult();
        if (open.intValue() > 0) {
            throw new ConflictException("checklist-open-tasks", open.intValue() + (open.intValue() == 1 ? " linked task is" : " linked tasks are")
                    + " still open: finish " + (open.intValue() == 1 ? "it" : "them") + " before resolving", Map.of());
        }
        tickets.resolve(ticket.id(), actor);
        boolean survey = !"false".equals(arguments.get("survey"));
        if (!survey && !agent.may(org.relaydesk.core.user.Role.SUPERVISOR)) {
            throw new org.relaydesk.core.error.PermissionDeniedException("Only a supervisor or admin may resolve without the satisfaction survey");
        }
        if (!survey) {
            tenancy.em().flush(); // the survey row is written by the resolution's observers
            surveys.cancelScheduled(ticket.id(), "the agent chose not to send it when resolving");
        }
        return "Resolved after the checklist" + (survey ? "" : ", without a satisfaction survey");
    }

    private Team team(String name) {
        return tenancy.em().createQuery("SELECT t FROM Team t WHERE lower(t.name) = :name", Team.class)
                .setParameter("name", name.strip().toLowerCase(Locale.ROOT)).getResultStream().findFirst()
                .orElseThrow(() -> new InvalidInputException("team", "no team is called \u201c" + name.strip() + "\u201d"));
    }

    private UUID category(String name) {
        return tenancy.em().createQuery("SELECT c FROM Category c WHERE lower(c.name) = :name", Category.class)
                .setParameter("name", name.strip().toLowerCase(Locale.ROOT)).getResultStream().findFirst().map(Category::id)
                .orElseThrow(() -> new InvalidInputException("category", "no category is called \u201c" + name.strip() + "\u201d"));
    }

    private User colleague(String who) {
        String key = who.strip().toLowerCase(Locale.ROOT);
        return tenancy.em().createQuery("SELECT u FROM User u WHERE u.active = true AND (lower(u.email) = :key OR lower(u.name) = :key)", User.class)
                .setParameter("key", key).getResultStream().findFirst()
                .orElseThrow(() -> new InvalidInputException("assignee", "no active colleague is called \u201c" + who.strip() + "\u201d"));
    }

    private String articleUrl(String slug) {
        Number workspaces = (Number) tenancy.sql("SELECT count(*) FROM workspaces").getSingleResult();
        String workspaceSlug = (String) tenancy.sql("SELECT slug FROM workspaces WHERE id = CAST(?1 AS uuid)")
                .setParameter(1, tenancy.workspaceId().toString()).getSingleResult();
        return NoticeMailer.baseUrl() + "/help/article/" + slug + (workspaces.intValue() > 1 ? "?workspace=" + workspaceSlug : "");
    }

    private static String greeting(Ticket ticket) {
        String name = ticket.requester().name();
        return name == null || name.isBlank() || name.contains("@") ? "Hello," : "Hello " + name.strip().split("\\s+")[0] + ",";
    }

    private static TicketPatch patch(String status, String priority, Optional<UUID> category, Optional<UUID> assignee, Optional<UUID> team,
            Set<String> tags) {
        return new TicketPatch(null, null, status, priority, null, category, assignee, team, null, tags, null);
    }

    private static String note(String value) {
        String note = value == null ? "" : value.strip();
        if (note.length() > MAX_NOTE) {
            throw new InvalidInputException("note", "is longer than " + MAX_NOTE + " characters");
        }
        return note;
    }

    private static List<String> lines(String value) {
        return value == null ? List.of() : value.lines().map(String::strip).map(l -> l.replaceFirst("^[-*•]\\s*", "")).filter(l -> !l.isEmpty()).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String escape(String text) {
        return org.jsoup.nodes.Entities.escape(text);
    }
}
