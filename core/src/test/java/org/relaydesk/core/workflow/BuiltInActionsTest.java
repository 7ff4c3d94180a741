package org.relaydesk.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.api.workflow.ActionContext;
import org.relaydesk.api.workflow.ActionFailedException;
import org.relaydesk.api.workflow.WorkflowAction;

/**
 * Each built-in action asks the host for what its name promises, with its arguments, and says what
 * it did; bad arguments fail the step. The host side (RuleContext on TicketService) is exercised end
 * to end in ApiOnPostgresIT; here a context records the calls.
 */
class BuiltInActionsTest {
    private static final UUID TEAM = UUID.randomUUID();
    private static final UUID AGENT = UUID.randomUUID();
    private final List<String> calls = new ArrayList<>();
    private TicketPriority priority = TicketPriority.MEDIUM;

    private final ActionContext context = new ActionContext() {
        public String ruleName() {
            return "Night watch";
        }

        public TicketSnapshot ticket() {
            return new TicketSnapshot(UUID.randomUUID(), 1042, "Server down", "It is down", TicketStatus.OPEN, priority, "email",
                    "ops@customer.test", null, null, null, Set.of("spam"), Map.of());
        }

        public void setPriority(TicketPriority value) {
            calls.add("priority " + value.apiName());
        }

        public void setStatus(TicketStatus status) {
            calls.add("status " + status.apiName());
        }

        public void assignTo(UUID userId) {
            calls.add("assign " + userId);
        }

        public void moveToTeam(UUID teamId) {
            calls.add("team " + teamId);
        }

        public void addTag(String tag) {
            calls.add("tag+ " + tag);
        }

        public void removeTag(String tag) {
            calls.add("tag- " + tag);
        }

        public void addInternalNote(String text) {
            calls.add("note " + text);
        }

        public void reply(String text) {
            calls.add("reply " + text);
        }

        public void replyWithCannedResponse(UUID cannedResponseId) {
            calls.add("canned " + cannedResponseId);
        }

        public void notifyStaff(Recipients recipients, String message) {
            calls.add("notify " + recipients + " " + message);
        }
    };

    private String run(WorkflowAction action, Map<String, String> arguments) throws ActionFailedException {
        return action.run(context, arguments);
    }

    @Test
    void eachActionAsksTheHostForWhatItsNamePromises() throws Exception {
        assertThat(run(new BuiltInActions.SetPriority(), Map.of("priority", "high"))).isEqualTo("set priority to high");
        assertThat(run(new BuiltInActions.SetStatus(), Map.of("status", "resolved"))).isEqualTo("set status to resolved");
        assertThat(run(new BuiltInActions.AssignUser(), Map.of("user_id", AGENT.toString()))).isEqualTo("assigned the ticket");
        assertThat(run(new BuiltInActions.MoveToTeam(), Map.of("team_id", TEAM.toString()))).isEqualTo("moved the ticket to a team");
        assertThat(run(new BuiltInActions.AddTag(), Map.of("tag", "vip"))).isEqualTo("added tag vip");
        assertThat(run(new BuiltInActions.RemoveTag(), Map.of("tag", "spam"))).isEqualTo("removed tag spam");
        assertThat(run(new BuiltInActions.AddNote(), Map.of("text", "Call them"))).isEqualTo("added an internal note");
        assertThat(run(new BuiltInActions.Reply(), Map.of("text", "We are on it"))).isEqualTo("replied to the customer");
        UUID canned = UUID.randomUUID();
        assertThat(run(new BuiltInActions.ReplyWithCannedResponse(), Map.of("canned_response_id", canned.toString())))
                .isEqualTo("replied with a canned response");
        assertThat(run(new BuiltInActions.NotifyStaff(), Map.of("recipients", "all_agents", "message", "Look"))).isEqualTo("notified the all agents");
        assertThat(calls).containsExactly("priority high", "status resolved", "assign " + AGENT, "team " + TEAM, "tag+ vip", "tag- spam",
                "note Call them", "reply We are on it", "canned " + canned, "notify ALL_AGENTS Look");
    }

    @Test
    void escalatingMovesTheTicketRaisesItToUrgentNotesItAndTellsTheSupervisors() throws Exception {
        assertThat(run(new BuiltInActions.Escalate(), Map.of("team_id", TEAM.toString()))).isEqualTo("escalated to a team");
        assertThat(calls).containsExactly("team " + TEAM, "priority urgent", "note Escalated by the rule Night watch.",
                "notify SUPERVISORS Ticket #1042 was escalated by the rule Night watch: Server down");
        calls.clear();
        priority = TicketPriority.CRITICAL;
        run(new BuiltInActions.Escalate(), Map.of("team_id", TEAM.toString()));
        assertThat(calls).as("a critical ticket is not lowered to urgent").noneMatch(c -> c.startsWith("priority"));
    }

    @Test
    void badArgumentsFailTheStepAndChangeNothing() {
        assertThatThrownBy(() -> run(new BuiltInActions.SetPriority(), Map.of("priority", "whenever"))).isInstanceOf(ActionFailedException.class);
        assertThatThrownBy(() -> run(new BuiltInActions.SetStatus(), Map.of("status", "sleeping"))).isInstanceOf(ActionFailedException.class);
        assertThatThrownBy(() -> run(new BuiltInActions.AssignUser(), Map.of("user_id", "alice"))).isInstanceOf(ActionFailedException.class)
                .hasMessageContaining("not an id");
        assertThatThrownBy(() -> run(new BuiltInActions.Escalate(), Map.of())).isInstanceOf(ActionFailedException.class);
        assertThat(calls).isEmpty();
    }
}
