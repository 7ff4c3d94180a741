package org.relaydesk.api.workflow;

import java.util.List;
import java.util.Map;

/**
 * One kind of step a workflow rule can take ("set priority", "add tag", "post to Slack"). The
 * builder offers its parameters; the engine validates the arguments against them, then runs the
 * action with the ticket the rule fired for. An action changes the ticket only through
 * {@link ActionContext}, so every change is checked and lands on the ticket's timeline under the
 * rule's name.
 */
public interface WorkflowAction {
    /** Stable and unique, e.g. {@code set_priority} or {@code acme.slack_post}; stored in rules. */
    String id();

    /** What the builder shows, e.g. "Set priority". */
    String label();

    /** The arguments it takes, in the order the builder shows them. */
    List<ActionParameter> parameters();

    /**
     * Does the step. Arguments have been checked against {@link #parameters()} (required ones are
     * present, choices are among the offered ones).
     *
     * @return what was done, in words, for the rule's run log and the ticket's timeline
     * @throws ActionFailedException when the step cannot be done; the rule stops there
     */
    String run(ActionContext context, Map<String, String> arguments) throws ActionFailedException;
}
