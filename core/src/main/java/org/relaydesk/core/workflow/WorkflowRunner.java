package org.relaydesk.core.workflow;

import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.user.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.relaydesk.api.workflow.ActionFailedException;
import org.relaydesk.api.workflow.WorkflowAction;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.sla.SlaService;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketService;

/** The engine's transactions: which rules to try, one rule's steps, the run log. */
@ApplicationScoped
public class WorkflowRunner {
    @Inject
    Tenancy tenancy;

    @Inject
    TicketService tickets;

    @Inject
    SlaService sla;

    @Inject
    Instance<WorkflowAction> actions;

    @Inject
    org.relaydesk.core.canned.CannedResponseService canned;

    /** What a rule did, in words. */
    public record Outcome(String detail) {
    }

    /** A rule that stopped at a step; its steps were all undone. */
    public static class RuleFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RuleFailed(String message) {
            super(message);
        }
    }

    @Inject
    RuleBook book;

    /**
     * The rules for the triggers whose conditions hold for the ticket now, in order; only those
     * after {@code after} when it is given (the rules still to come once that one changed the ticket).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<UUID> matching(UUID ticketId, Set<Trigger> triggers, UUID after) {
        List<RuleBook.Entry> rules = book.rulesFor(triggers);
        if (after != null) {
            int index = rules.stream().map(RuleBook.Entry::id).toList().indexOf(after);
            rules = rules.subList(index + 1, rules.size());
        }
        if (rules.isEmpty()) {
            return List.of();
        }
        Ticket ticket = tenancy.em().find(Ticket.class, ticketId);
        if (ticket == null) {
            return List.of();
        }
        var snapshot = WorkflowEngine.snapshot(ticket);
        BooleanSupplier businessHours = businessHours(ticket);
        return rules.stream().filter(r -> r.conditions().holdFor(snapshot, businessHours)).map(RuleBook.Entry::id).toList();
    }

    /** Whether it is within the ticket's business hours now, looked up once and only when a condition asks. */
    private BooleanSupplier businessHours(Ticket ticket) {
        Instant now = Instant.now();
        Boolean[] known = new Boolean[1];
        return () -> {
            if (known[0] == null) {
                known[0] = sla.withinBusinessHours(now, ticket.slaPolicyId());
            }
            return known[0];
        };
    }

    /** Null when the conditions do not hold (nothing to log); throws RuleFailed when a step fails. */
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = RuleFailed.class)
    public Outcome apply(UUID ruleId, UUID ticketId) {
        WorkflowRule rule = tenancy.em().find(WorkflowRule.class, ruleId);
        Ticket ticket = tenancy.em().find(Ticket.class, ticketId);
        if (rule == null || ticket == null || !rule.enabled()) {
            return null;
        }
        RuleDefinition definition = RuleDefinition.of(rule);
        if (!definition.conditions().holdFor(WorkflowEngine.snapshot(ticket), businessHours(ticket))) {
            return null;
        }
        RuleContext context = new RuleContext(tickets, canned, tenancy, rule.name(), ticketId);
        List<String> done = new ArrayList<>();
        int number = 0;
        for (RuleDefinition.Step step : definition.steps()) {
            number++;
            int stepNumber = number;
            WorkflowAction action = action(step.action()).orElseThrow(() -> new RuleFailed("step " + stepNumber + ": the action '" + step.action()
                    + "' is not available (was its plugin removed?)"));
            try {
                done.add(action.run(context, step.arguments()));
            } catch (ActionFailedException e) {
                throw new RuleFailed("step " + number + " (" + action.label() + ") failed: " + e.getMessage()
                        + (done.isEmpty() ? "" : "; undone: " + String.join(", ", done)));
            }
        }
        rule.ran(Instant.now());
        return new Outcome(done.isEmpty() ? "no actions" : String.join("; ", done));
    }

    /** A dry run: whether the conditions hold for the ticket now, each with its outcome, and what the rule would do. */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public List<String> test(UUID ruleId, UUID ticketId) {
        WorkflowRule rule = tenancy.em().find(WorkflowRule.class, ruleId);
        Ticket ticket = tickets.get(ticketId);
        if (rule == null) {
            throw new org.relaydesk.core.error.NotFoundException("Workflow rule");
        }
        RuleDefinition definition = RuleDefinition.of(rule);
        BooleanSupplier businessHours = businessHours(ticket);
        var snapshot = WorkflowEngine.snapshot(ticket);
        List<String> lines = new ArrayList<>(definition.conditions().explain(snapshot, businessHours));
        boolean holds = definition.conditions().holdFor(snapshot, businessHours);
        lines.add(holds ? "the rule would run:" : "the rule would not run");
        if (holds) {
            definition.steps().forEach(s -> lines.add("  " + action(s.action()).map(WorkflowAction::label).orElse(s.action() + " (not available)")
                    + (s.arguments().isEmpty() ? "" : " " + s.arguments())));
        }
        return lines;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void log(UUID ruleId, UUID ticketId, String outcome, String detail) {
        if (tenancy.em().find(WorkflowRule.class, ruleId) != null && tenancy.em().find(Ticket.class, ticketId) != null) {
            tenancy.em().persist(new WorkflowRun(ruleId, ticketId, outcome, detail));
        }
    }

    @Inject
    org.relaydesk.core.plugin.PluginHost plugins;

    /** A built-in action, else an enabled plugin's (a plugin cannot replace a built-in). */
    public Optional<WorkflowAction> action(String id) {
        return actions.stream().filter(a -> a.id().equals(id)).findFirst()
                .or(() -> plugins.workflowActions().stream().filter(a -> a.id().equals(id)).findFirst());
    }

    public List<WorkflowAction> allActions() {
        java.util.Set<String> builtIn = actions.stream().map(WorkflowAction::id).collect(java.util.stream.Collectors.toSet());
        return java.util.stream.Stream.concat(actions.stream(), plugins.workflowActions().stream().filter(a -> !builtIn.contains(a.id())))
                .sorted(java.util.Comparator.comparing(WorkflowAction::label)).toList();
    }
}
