package org.relaydesk.core.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.api.workflow.ActionContext;
import org.relaydesk.api.workflow.ActionFailedException;
import org.relaydesk.api.workflow.ActionParameter;
import org.relaydesk.api.workflow.ActionParameter.Kind;
import org.relaydesk.api.workflow.WorkflowAction;

/**
 * Relaydesk's own workflow actions. They implement plugin-api's WorkflowAction like a plugin's would,
 * so the engine treats them all alike.
 */
public final class BuiltInActions {
    private BuiltInActions() {
    }

    @ApplicationScoped
    public static class SetPriority implements WorkflowAction {
        public String id() {
            return "set_priority";
        }

        public String label() {
            return "Set priority";
        }

        public List<ActionParameter> parameters() {
            return List.of(ActionParameter.required("priority", "Priority", Kind.PRIORITY));
        }

        public String run(ActionContext context, Map<String, String> arguments) throws ActionFailedException {
            TicketPriority priority = TicketPriority.fromApiName(arguments.get("priority")).orElseThrow(() -> new ActionFailedException("no such priority"));
            context.setPriority(priority);
            return "set priority to " + priority.label().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @ApplicationScoped
    public static class SetStatus implements WorkflowAction {
        public String id() {
            return "set_status";
        }

        public String label() {
            return "Set status (e.g. resolve)";
        }

        public List<ActionParameter> parameters() {
            return List.of(ActionParameter.required("status", "Status", Kind.STATUS));
        }

        public String run(ActionContext context, Map<String, String> arguments) throws ActionFailedException {
            TicketStatus status = TicketStatus.fromApiName(arguments.get("status")).orElseThrow(() -> new ActionFailedException("no such status"));
            context.setStatus(status);
            return "set status to " + status.label().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @ApplicationScoped
    public static class AssignUser implements WorkflowAction {
        public String id() {
            return "assign_user";
        }

        public String label() {
            return "Assign to an agent";
        }

        public List<ActionParameter> parameters() {
            return List.of(ActionParameter.required("user_id", "Agent", Kind.USER));
        }

        public String run(ActionContext context, Map<String, String> arguments) throws ActionFailedException {
            context.assignTo(uuid(arguments.get("user_id")));
            return "assigned the ticket";
        }
    }

    /** Moving the ticket to a team hands it to the team's own assignment strategy (round robin, least busy, skills). */
    @ApplicationScoped
    public static class MoveToTeam implements WorkflowAction {
        public String id() {
            return "move_to_team";
        }

        public String label() {
            return "Move to team (and its automatic assignment)";
        }

        public List<ActionParameter> parameters() {
            return List.of(ActionParameter.required("team_id", "Team", Kind.TEAM));
        }

        public String run(ActionContext context, Map<String, String> arguments) throws ActionFailedException {
            context.moveToTeam(uuid(arguments.get("team_id")));
            return "moved the ticket to a team";
        }
    }

    @ApplicationScoped
    public static class AddTag implements WorkflowAction {
        public String id() {
            return "add_tag";
        }

        public String label() {
            return "Add tag";
        }

        public List<ActionParameter> parameters() {
            return List.of(ActionParameter.required("tag", "Tag", Kind.TAG));
        }

        public String run(ActionContext context, Map<String, String> arguments) throws ActionFailedException {
            context.addTag(arguments.get("tag"));
            return "added tag " + arguments.get("tag");
        }
    }

    @ApplicationScoped
    public static class RemoveTag implements WorkflowAction {
        public String id() {
            return "remove_tag";
        }

        public String label() {
            return "Remove tag";
        }

        public List<ActionParameter> parameters() {
            return List.of(ActionParameter.required("tag", "Tag", Kind.TAG));
        }

        public String run(ActionContext context, Map<String, String> arguments) throws ActionFailedException {
            context.removeTag(arguments.get("tag"));
            return "removed tag " + arguments.get("tag");
        }
    }

    @ApplicationScoped
    public static class AddNote implements WorkflowAction {
        public String id() {
            return "add_note";
        }

        public String label() {
            return "Add internal note";
        }

        public List<ActionParameter> parameters() {
            return List.of(ActionParameter.required("text", "Note", Kind.LONG_TEXT));
        }

        public String run(ActionContext context, Map<String, String> arguments) throws ActionFailedException {
            context.addInternalNote(arguments.get("text"));
            return "added an internal note";
        }
    }

    @ApplicationScoped
    public static class Reply implements WorkflowAction {
        public String id() {
            return "reply";
        }

        public String label() {
            return "Reply to the customer";
        }

        public List<ActionParameter> parameters() {
            return List.of(ActionParameter.required("text", "Reply", Kind.LONG_TEXT));
        }

        public String run(ActionContext context, Map<String, String> arguments) throws ActionFailedException {
            context.reply(arguments.get("text"));
            return "replied to the customer";
        }
    }

    @ApplicationScoped
    public static class ReplyWithCannedResponse implements WorkflowAction {
        public String id() {
            return "reply_canned";
        }

        public String label() {
            return "Reply with a canned response";
        }

        public List<ActionParameter> parameters() {
            return List.of(ActionParameter.required("canned_response_id", "Canned response", Kind.CANNED_RESPONSE));
        }

        public String run(ActionContext context, Map<String, String> arguments) throws ActionFailedException {
            context.replyWithCannedResponse(uuid(arguments.get("canned_response_id")));
            return "replied with a canned response";
        }
    }

    @ApplicationScoped
    public static class NotifyStaff implements WorkflowAction {
        public String id() {
            return "notify";
        }

        public String label() {
            return "Send a notification email to staff";
        }

        public List<ActionParameter> parameters() {
            return List.of(new ActionParameter("recipients", "To", Kind.CHOICE, true, List.of("assignee", "team", "supervisors", "all_agents")),
                    ActionParameter.required("message", "Message", Kind.LONG_TEXT));
        }

        public String run(ActionContext context, Map<String, String> arguments) throws ActionFailedException {
            ActionContext.Recipients to = ActionContext.Recipients.valueOf(arguments.get("recipients").toUpperCase(java.util.Locale.ROOT));
            context.notifyStaff(to, arguments.get("message"));
            return "notified the " + arguments.get("recipients").replace('_', ' ');
        }
    }

    /** Escalation: to a team, at urgent priority, with its supervisors told. */
    @ApplicationScoped
    public static class Escalate implements WorkflowAction {
        public String id() {
            return "escalate";
        }

        public String label() {
            return "Escalate to a team (urgent, supervisors told)";
        }

        public List<ActionParameter> parameters() {
            return List.of(ActionParameter.required("team_id", "Team", Kind.TEAM));
        }

        public String run(ActionContext context, Map<String, String> arguments) throws ActionFailedException {
            context.moveToTeam(uuid(arguments.get("team_id")));
            if (context.ticket().priority().rank() < TicketPriority.URGENT.rank()) {
                context.setPriority(TicketPriority.URGENT);
            }
            context.addInternalNote("Escalated by the rule " + context.ruleName() + ".");
            context.notifyStaff(ActionContext.Recipients.SUPERVISORS, "Ticket #" + context.ticket().number() + " was escalated by the rule "
                    + context.ruleName() + ": " + context.ticket().subject());
            return "escalated to a team";
        }
    }

    static UUID uuid(String value) throws ActionFailedException {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ActionFailedException("'" + value + "' is not an id");
        }
    }
}
