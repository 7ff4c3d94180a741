package org.relaydesk.core.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.api.workflow.ActionContext;
import org.relaydesk.api.workflow.ActionFailedException;
import org.relaydesk.api.workflow.ActionParameter;
import org.relaydesk.api.workflow.WorkflowAction;

/**
 * A plugin's workflow action as the engine sees it. The plugin's code runs through the
 * {@link PluginGuard} on a thread of its own, against a context that only records what it asks for;
 * the requests are then carried out here, on the rule's own thread and transaction. So a plugin
 * never touches a transaction, a slow one costs at most the time limit, and what it asked for
 * happens all together with the rest of the rule, or not at all.
 */
final class PluginWorkflowAction implements WorkflowAction {
    private final String pluginId;
    private final WorkflowAction action;
    private final PluginGuard guard;
    // read once, when the plugin starts (through the guard), so that listing actions runs no plugin code
    private final String id;
    private final String label;
    private final List<ActionParameter> parameters;

    PluginWorkflowAction(String pluginId, WorkflowAction action, PluginGuard guard, String id, String label, List<ActionParameter> parameters) {
        this.pluginId = pluginId;
        this.action = action;
        this.guard = guard;
        this.id = id;
        this.label = label;
        this.parameters = List.copyOf(parameters);
    }

    String pluginId() {
        return pluginId;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public List<ActionParameter> parameters() {
        return parameters;
    }

    @Override
    public String run(ActionContext context, Map<String, String> arguments) throws ActionFailedException {
        Recording recording = new Recording(context.ruleName(), context.ticket());
        String done;
        try {
            done = guard.call(pluginId, () -> action.run(recording, arguments), ActionFailedException.class::isInstance);
        } catch (ActionFailedException e) {
            throw e;
        } catch (Exception e) {
            throw new ActionFailedException("plugin " + e.getMessage());
        }
        for (Request request : recording.requests) {
            request.carryOut(context);
        }
        return done;
    }

    private interface Request {
        void carryOut(ActionContext context) throws ActionFailedException;
    }

    /** The context the plugin's code gets: the rule's name and ticket, and a list of what it asked for. */
    private static final class Recording implements ActionContext {
        private final String ruleName;
        private final TicketSnapshot ticket;
        private final List<Request> requests = java.util.Collections.synchronizedList(new ArrayList<>());

        Recording(String ruleName, TicketSnapshot ticket) {
            this.ruleName = ruleName;
            this.ticket = ticket;
        }

        public String ruleName() {
            return ruleName;
        }

        public TicketSnapshot ticket() {
            return ticket;
        }

        public void setPriority(TicketPriority priority) {
            requests.add(c -> c.setPriority(priority));
        }

        public void setStatus(TicketStatus status) {
            requests.add(c -> c.setStatus(status));
        }

        public void assignTo(UUID userId) {
            requests.add(c -> c.assignTo(userId));
        }

        public void moveToTeam(UUID teamId) {
            requests.add(c -> c.moveToTeam(teamId));
        }

        public void addTag(String tag) {
            requests.add(c -> c.addTag(tag));
        }

        public void removeTag(String tag) {
            requests.add(c -> c.removeTag(tag));
        }

        public void addInternalNote(String text) {
            requests.add(c -> c.addInternalNote(text));
        }

        public void reply(String text) {
            requests.add(c -> c.reply(text));
        }

        public void replyWithCannedResponse(UUID cannedResponseId) {
            requests.add(c -> c.replyWithCannedResponse(cannedResponseId));
        }

        public void notifyStaff(Recipients recipients, String message) {
            requests.add(c -> c.notifyStaff(recipients, message));
        }
    }
}
