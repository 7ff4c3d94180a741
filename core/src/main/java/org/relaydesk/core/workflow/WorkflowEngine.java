package org.relaydesk.core.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.relaydesk.api.workflow.ActionContext.TicketSnapshot;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketChanged;

/**
 * Runs the workspace's rules after each committed ticket change: the rules of the change's triggers
 * whose conditions hold, in order, each in a transaction of its own (a rule's steps all happen or,
 * when one fails, none does; the change that triggered it stands either way). Each rule sees the
 * ticket as the rules before it left it.
 * <p>
 * Changes made by a rule are ticket changes too and may trigger further rules. Loop protection: for
 * one change from outside (a person, a channel, a timer) and everything its rules change in turn,
 * each rule runs at most once per ticket, and at most {@link #MAX_RUNS} rules run in all; a rule
 * stopped by that limit says so in its run log.
 */
@ApplicationScoped
public class WorkflowEngine {
    static final int MAX_RUNS = 25;
    private static final Logger LOG = Logger.getLogger(WorkflowEngine.class.getName());
    /** The cycle of the outside change being handled on this thread (rules' changes are handled within it, on the same thread). */
    private static final ThreadLocal<Cycle> CYCLE = new ThreadLocal<>();

    @Inject
    WorkflowRunner runner;

    /** The rules that ran for one outside change, as "rule:ticket". */
    private static final class Cycle {
        final Set<String> ran = new HashSet<>();
    }

    void onTicketChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) TicketChanged change) {
        Set<Trigger> triggers = triggersOf(change.action());
        if (triggers.isEmpty()) {
            return;
        }
        inCycle(() -> {
            List<UUID> pending = runner.matching(change.ticketId(), triggers, null);
            while (!pending.isEmpty()) {
                UUID rule = pending.get(0);
                boolean changedTicket = run(rule, change.ticketId());
                // the rules after it see the ticket as it left it
                pending = changedTicket ? runner.matching(change.ticketId(), triggers, rule) : pending.subList(1, pending.size());
            }
        }, change.ticketId());
    }

    /** A time-based rule whose moment came for a ticket (TimedRules). */
    public void runTimed(UUID rule, UUID ticket) {
        inCycle(() -> run(rule, ticket), ticket); // apply() checks that it is still enabled and its conditions hold
    }

    private void inCycle(Runnable work, UUID ticket) {
        boolean outermost = CYCLE.get() == null;
        if (outermost) {
            CYCLE.set(new Cycle());
        }
        try {
            work.run();
        } catch (RuntimeException e) {
            // a rule must never turn a change that succeeded into an error for whoever made it
            LOG.log(Level.WARNING, "Workflow rules could not run for ticket " + ticket, e);
        } finally {
            if (outermost) {
                CYCLE.remove();
            }
        }
    }

    /** Whether the rule ran (and so may have changed the ticket). */
    private boolean run(UUID rule, UUID ticket) {
        Cycle cycle = CYCLE.get();
        String key = rule + ":" + ticket;
        if (cycle.ran.contains(key)) {
            return false; // it ran already for this change: a rule does not trigger itself, nor run twice
        }
        if (cycle.ran.size() >= MAX_RUNS) {
            runner.log(rule, ticket, "stopped", "loop protection: " + MAX_RUNS + " rules already ran for one change of this ticket");
            return false;
        }
        cycle.ran.add(key);
        try {
            WorkflowRunner.Outcome outcome = runner.apply(rule, ticket);
            if (outcome != null) {
                runner.log(rule, ticket, "applied", outcome.detail());
            }
            return outcome != null;
        } catch (WorkflowRunner.RuleFailed failed) {
            runner.log(rule, ticket, "failed", failed.getMessage());
            return false;
        } catch (RuntimeException unexpected) {
            // its transaction is rolled back already; the reason goes in the rule's run log (in a transaction of its own)
            LOG.log(Level.WARNING, "Rule " + rule + " failed on ticket " + ticket, unexpected);
            runner.log(rule, ticket, "failed", org.relaydesk.core.job.OwnTransaction.reasonOf(unexpected));
            return false;
        }
    }

    static Set<Trigger> triggersOf(String action) {
        return switch (action) {
            case "created" -> EnumSet.of(Trigger.TICKET_CREATED);
            case "customer_replied" -> EnumSet.of(Trigger.CUSTOMER_REPLIED, Trigger.TICKET_UPDATED);
            case "comment_added" -> EnumSet.of(Trigger.AGENT_REPLIED);
            case "status_changed", "resolved", "closed", "reopened" -> EnumSet.of(Trigger.STATUS_CHANGED, Trigger.TICKET_UPDATED);
            case "updated", "assigned", "unassigned", "auto_assigned" -> EnumSet.of(Trigger.TICKET_UPDATED);
            case "sla_at_risk" -> EnumSet.of(Trigger.SLA_AT_RISK);
            case "sla_breached" -> EnumSet.of(Trigger.SLA_BREACHED);
            default -> EnumSet.noneOf(Trigger.class);
        };
    }

    static TicketSnapshot snapshot(Ticket t) {
        Map<String, String> custom = new java.util.LinkedHashMap<>();
        try (var reader = org.relaydesk.core.text.Jsonp.createReader(new java.io.StringReader(t.customFields() == null ? "{}" : t.customFields()))) {
            reader.readObject().forEach((k, v) -> custom.put(k, v instanceof jakarta.json.JsonString s ? s.getString() : v.toString()));
        }
        return new TicketSnapshot(t.id(), t.number(), t.subject(), t.description(), t.status(), t.priority(), t.sourceChannel(),
                t.requester().primaryEmail(), t.assignee() == null ? null : t.assignee().id(), t.teamId(), t.categoryId(), Set.copyOf(t.tags()),
                Map.copyOf(custom));
    }
}
