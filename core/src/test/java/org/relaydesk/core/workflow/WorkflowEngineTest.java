package org.relaydesk.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.relaydesk.core.ticket.TicketChanged;

/**
 * The engine's order and loop protection, with rules that act on a set of tags: a rule's change
 * fires a nested ticket change on the same thread, as a committed rule transaction does.
 */
class WorkflowEngineTest {
    private static final UUID TICKET = UUID.randomUUID();
    private final WorkflowEngine engine = new WorkflowEngine();
    private final Set<String> tags = new HashSet<>();
    private final Map<UUID, Rule> rules = new LinkedHashMap<>();
    private final List<String> log = new ArrayList<>();

    private record Rule(String name, Predicate<Set<String>> holds, Consumer<Set<String>> effect) {
    }

    WorkflowEngineTest() {
        engine.runner = new WorkflowRunner() {
            @Override
            public List<UUID> matching(UUID ticketId, Set<Trigger> triggers, UUID after) {
                List<UUID> ids = new ArrayList<>(rules.keySet());
                List<UUID> rest = after == null ? ids : ids.subList(ids.indexOf(after) + 1, ids.size());
                return rest.stream().filter(id -> rules.get(id).holds().test(tags)).toList();
            }

            @Override
            public Outcome apply(UUID ruleId, UUID ticketId) {
                Rule rule = rules.get(ruleId);
                if (!rule.holds().test(tags)) {
                    return null;
                }
                rule.effect().accept(tags);
                log.add(rule.name());
                engine.onTicketChanged(change("updated")); // what committing the rule's transaction does
                return new Outcome(rule.name());
            }

            @Override
            public void log(UUID ruleId, UUID ticketId, String outcome, String detail) {
                if (!outcome.equals("applied")) {
                    log.add(rules.get(ruleId).name() + " " + outcome);
                }
            }
        };
    }

    private UUID rule(String name, Predicate<Set<String>> holds, Consumer<Set<String>> effect) {
        UUID id = UUID.randomUUID();
        rules.put(id, new Rule(name, holds, effect));
        return id;
    }

    private static TicketChanged change(String action) {
        return new TicketChanged(UUID.randomUUID(), TICKET, 1001, action, "agent", null, "Alice");
    }

    @Test
    void rulesThatUndoEachOtherRunOnceEachInsteadOfForever() {
        tags.add("a");
        rule("a to b", t -> t.contains("a"), t -> {
            t.remove("a");
            t.add("b");
        });
        rule("b to a", t -> t.contains("b"), t -> {
            t.remove("b");
            t.add("a");
        });
        engine.onTicketChanged(change("updated"));
        assertThat(log).containsExactly("a to b", "b to a");
        assertThat(tags).containsExactly("a");
    }

    @Test
    void aRuleThatAlwaysChangesTheTicketRunsOnceForEachOutsideChange() {
        int[] count = {0};
        rule("count", t -> true, t -> t.add("run-" + ++count[0]));
        engine.onTicketChanged(change("updated"));
        engine.onTicketChanged(change("customer_replied"));
        assertThat(log).containsExactly("count", "count");
    }

    @Test
    void laterRulesSeeWhatEarlierRulesChanged() {
        rule("mark urgent", t -> t.contains("outage"), t -> t.add("urgent"));
        rule("page on call", t -> t.contains("urgent"), t -> t.add("paged"));
        tags.add("outage");
        engine.onTicketChanged(change("created"));
        assertThat(log).containsExactly("mark urgent", "page on call");
        assertThat(tags).contains("paged");
    }

    @Test
    void aChainOfRulesStopsAtTheLimitAndTheStoppedRulesSaySo() {
        for (int i = 0; i < WorkflowEngine.MAX_RUNS + 3; i++) {
            int step = i;
            rule("step " + step, t -> step == 0 || t.contains("t" + (step - 1)), t -> t.add("t" + step));
        }
        engine.onTicketChanged(change("updated"));
        assertThat(log.stream().filter(l -> !l.endsWith("stopped"))).hasSize(WorkflowEngine.MAX_RUNS);
        assertThat(log).contains("step " + WorkflowEngine.MAX_RUNS + " stopped").doesNotContain("step " + WorkflowEngine.MAX_RUNS);
        assertThat(tags).doesNotContain("t" + WorkflowEngine.MAX_RUNS);
    }

    @Test
    void aChangeWithoutATriggerRunsNothing() {
        rule("anything", t -> true, t -> t.add("x"));
        engine.onTicketChanged(change("note_added"));
        assertThat(log).isEmpty();
    }

    @Test
    void eachChangeMeetsTheTriggersItStandsFor() {
        assertThat(WorkflowEngine.triggersOf("created")).containsExactly(Trigger.TICKET_CREATED);
        assertThat(WorkflowEngine.triggersOf("customer_replied")).containsExactlyInAnyOrder(Trigger.CUSTOMER_REPLIED, Trigger.TICKET_UPDATED);
        assertThat(WorkflowEngine.triggersOf("comment_added")).containsExactly(Trigger.AGENT_REPLIED);
        assertThat(WorkflowEngine.triggersOf("status_changed")).containsExactlyInAnyOrder(Trigger.STATUS_CHANGED, Trigger.TICKET_UPDATED);
        assertThat(WorkflowEngine.triggersOf("resolved")).contains(Trigger.STATUS_CHANGED);
        assertThat(WorkflowEngine.triggersOf("assigned")).containsExactly(Trigger.TICKET_UPDATED);
        assertThat(WorkflowEngine.triggersOf("sla_at_risk")).containsExactly(Trigger.SLA_AT_RISK);
        assertThat(WorkflowEngine.triggersOf("sla_breached")).containsExactly(Trigger.SLA_BREACHED);
    }
}
