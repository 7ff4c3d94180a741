package org.relaydesk.core.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
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
 * Runs the workspace's rules after each committed ticket change: the rules of the change's triggers,
 * in order, each in a transaction of its own (a rule's steps all happen or, when one fails, none
 * does; the change that triggered it stands either way). Changes made by a rule are ticket changes
 * too and may trigger further rules, but a rule never runs again on a ticket within the chain it
 * started, and a chain stops after {@link #MAX_DEPTH} rules triggering each other (loop protection).
 */
@ApplicationScoped
public class WorkflowEngine {
    static final int MAX_DEPTH = 5;
    private static final Logger LOG = Logger.getLogger(WorkflowEngine.class.getName());
    /** The rules running on this thread, as "rule:ticket", innermost last. */
    private static final ThreadLocal<Deque<String>> CHAIN = ThreadLocal.withInitial(ArrayDeque::new);

    @Inject
    WorkflowRunner runner;

    void onTicketChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) TicketChanged change) {
        Set<Trigger> triggers = triggersOf(change.action());
        if (triggers.isEmpty()) {
            return;
        }
        try {
            List<UUID> rules = runner.rulesFor(change.ticketId(), triggers);
            for (UUID rule : rules) {
                run(rule, change.ticketId());
            }
        } catch (RuntimeException e) {
            // a rule must never turn a change that succeeded into an error for whoever made it
            LOG.log(Level.WARNING, "Workflow rules could not run for ticket " + change.ticketId(), e);
        }
    }

    /** A time-based rule whose moment came for a ticket (TimedRules). */
    public void runTimed(UUID rule, UUID ticket) {
        run(rule, ticket);
    }

    private void run(UUID rule, UUID ticket) {
        String key = rule + ":" + ticket;
        Deque<String> chain = CHAIN.get();
        if (chain.contains(key)) {
            return; // its own change: a rule does not trigger itself
        }
        if (chain.size() >= MAX_DEPTH) {
            runner.log(rule, ticket, "stopped", "loop protection: " + MAX_DEPTH + " rules in a row triggered each other on this ticket");
            return;
        }
        chain.addLast(key);
        try {
            WorkflowRunner.Outcome outcome = runner.apply(rule, ticket);
            if (outcome != null) {
                runner.log(rule, ticket, "applied", outcome.detail());
            }
        } catch (WorkflowRunner.RuleFailed failed) {
            runner.log(rule, ticket, "failed", failed.getMessage());
        } finally {
            chain.removeLast();
        }
    }

    static Set<Trigger> triggersOf(String action) {
        return switch (action) {
            case "created" -> EnumSet.of(Trigger.TICKET_CREATED);
            case "customer_replied" -> EnumSet.of(Trigger.CUSTOMER_REPLIED, Trigger.TICKET_UPDATED);
            case "comment_added" -> EnumSet.of(Trigger.AGENT_REPLIED);
            case "resolved", "closed", "reopened" -> EnumSet.of(Trigger.STATUS_CHANGED, Trigger.TICKET_UPDATED);
            case "updated", "assigned", "unassigned", "auto_assigned" -> EnumSet.of(Trigger.TICKET_UPDATED);
            case "sla_at_risk" -> EnumSet.of(Trigger.SLA_AT_RISK);
            case "sla_breached" -> EnumSet.of(Trigger.SLA_BREACHED);
            default -> EnumSet.noneOf(Trigger.class);
        };
    }

    static TicketSnapshot snapshot(Ticket t) {
        Map<String, String> custom = new java.util.LinkedHashMap<>();
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(t.customFields() == null ? "{}" : t.customFields()))) {
            reader.readObject().forEach((k, v) -> custom.put(k, v instanceof jakarta.json.JsonString s ? s.getString() : v.toString()));
        }
        return new TicketSnapshot(t.id(), t.number(), t.subject(), t.description(), t.status(), t.priority(), t.sourceChannel(),
                t.requester().primaryEmail(), t.assignee() == null ? null : t.assignee().id(), t.teamId(), t.categoryId(), Set.copyOf(t.tags()),
                Map.copyOf(custom));
    }
}
