package org.relaydesk.core.workflow;

import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.user.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.api.workflow.ActionParameter;
import org.relaydesk.api.workflow.WorkflowAction;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.team.Team;
import org.relaydesk.core.user.User;

/** A workspace's workflow rules: checked on save (fields, operators, actions and their arguments). */
@RequiresRole(Role.ADMIN) // the rules say how the desk works inside: reading them is an admin\'s too
@ApplicationScoped
public class WorkflowRules {
    static final int MAX_STEPS = 20;
    static final int MAX_CONDITIONS = 30;

    @Inject
    Tenancy tenancy;

    @Inject
    WorkflowRunner runner;

    @Inject
    RuleBook book;

    /** {@code hours}: for the time-based triggers only. */
    public record RuleInput(String name, Boolean enabled, Integer position, String trigger, java.math.BigDecimal hours, RuleDefinition definition) {
    }

    @Transactional
    public List<WorkflowRule> list() {
        return tenancy.em().createQuery("SELECT r FROM WorkflowRule r ORDER BY r.position, r.createdAt", WorkflowRule.class).getResultList();
    }

    @Transactional
    public WorkflowRule get(UUID id) {
        WorkflowRule rule = tenancy.em().find(WorkflowRule.class, id);
        if (rule == null) {
            throw new NotFoundException("Workflow rule");
        }
        return rule;
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public WorkflowRule create(RuleInput input) {
        Trigger trigger = validate(input, null);
        WorkflowRule rule = new WorkflowRule(input.name().trim(), trigger, input.definition().conditionsJson(), input.definition().stepsJson());
        rule.define(input.name().trim(), input.enabled() == null || input.enabled(), input.position() == null ? list().size() : input.position(),
                trigger, input.definition().conditionsJson(), input.definition().stepsJson());
        rule.timing(trigger.timeBased() ? input.hours() : null);
        tenancy.em().persist(rule);
        book.forget(tenancy.workspaceId());
        audited(org.relaydesk.core.audit.AuditAction.WORKFLOW_RULE_CHANGED, "workflow_rule", rule.id(), rule.name(), "created" + (rule.enabled() ? "" : ", off"));
        return rule;
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public WorkflowRule update(UUID id, RuleInput input) {
        WorkflowRule rule = get(id);
        Trigger trigger = validate(input, id);
        rule.define(input.name().trim(), input.enabled() == null ? rule.enabled() : input.enabled(),
                input.position() == null ? rule.position() : input.position(), trigger, input.definition().conditionsJson(),
                input.definition().stepsJson());
        rule.timing(trigger.timeBased() ? input.hours() : null);
        book.forget(tenancy.workspaceId());
        audited(org.relaydesk.core.audit.AuditAction.WORKFLOW_RULE_CHANGED, "workflow_rule", rule.id(), rule.name(), "updated" + (rule.enabled() ? "" : ", off"));
        return rule;
    }

    /** A copy named "... (copy)", disabled until someone turns it on. */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public WorkflowRule duplicate(UUID id) {
        WorkflowRule original = get(id);
        String name = original.name() + " (copy)";
        for (int n = 2; nameTaken(name, null); n++) {
            name = original.name() + " (copy " + n + ")";
        }
        WorkflowRule copy = new WorkflowRule(name, original.trigger(), original.conditionsJson(), original.actionsJson());
        copy.define(name, false, list().size(), original.trigger(), original.conditionsJson(), original.actionsJson());
        copy.timing(original.triggerHours());
        tenancy.em().persist(copy);
        book.forget(tenancy.workspaceId());
        audited(org.relaydesk.core.audit.AuditAction.WORKFLOW_RULE_CHANGED, "workflow_rule", copy.id(), copy.name(), "copied from " + original.name() + ", off");
        return copy;
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public WorkflowRule enable(UUID id, boolean enabled) {
        WorkflowRule rule = get(id);
        boolean was = rule.enabled();
        rule.define(rule.name(), enabled, rule.position(), rule.trigger(), rule.conditionsJson(), rule.actionsJson());
        book.forget(tenancy.workspaceId());
        if (was != enabled) {
            audited(org.relaydesk.core.audit.AuditAction.WORKFLOW_RULE_CHANGED, "workflow_rule", rule.id(), rule.name(), enabled ? "turned on" : "turned off");
        }
        return rule;
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public void delete(UUID id) {
        WorkflowRule rule = get(id);
        tenancy.em().remove(rule);
        book.forget(tenancy.workspaceId());
        audited(org.relaydesk.core.audit.AuditAction.WORKFLOW_RULE_CHANGED, "workflow_rule", id, rule.name(), "deleted");
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public List<WorkflowRun> runs(UUID ruleId, int limit) {
        get(ruleId);
        return tenancy.em().createQuery("SELECT r FROM WorkflowRun r WHERE r.ruleId = :id ORDER BY r.createdAt DESC", WorkflowRun.class)
                .setParameter("id", ruleId).setMaxResults(limit).getResultList();
    }

    private Trigger validate(RuleInput input, UUID id) {
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        String name = input.name() == null ? "" : input.name().trim();
        errors.check(!name.isEmpty() && name.length() <= 100, "name", "is required (at most 100 characters)")
                .check(Trigger.fromApiName(input.trigger()).isPresent(), "trigger", "must be one of "
                        + String.join(", ", java.util.Arrays.stream(Trigger.values()).map(Trigger::apiName).toList()));
        Trigger kind = Trigger.fromApiName(input.trigger()).orElse(null);
        errors.check(kind == null || !kind.timeBased() || input.hours() != null && input.hours().signum() > 0
                && input.hours().compareTo(java.math.BigDecimal.valueOf(8760)) <= 0, "trigger_hours", "is required for a time-based trigger: more than 0, at most 8760");
        RuleDefinition definition = input.definition();
        errors.check(definition.conditions().conditions().size() <= MAX_CONDITIONS, "conditions", "at most " + MAX_CONDITIONS)
                .check(!definition.steps().isEmpty() && definition.steps().size() <= MAX_STEPS, "actions", "1 to " + MAX_STEPS + " actions are needed");
        definition.conditions().conditions().forEach(c -> {
            String problem = c.problem();
            errors.check(problem == null, "conditions", problem);
        });
        for (RuleDefinition.Step step : definition.steps()) {
            WorkflowAction action = runner.action(step.action()).orElse(null);
            if (action == null) {
                errors.check(false, "actions", "'" + step.action() + "' is not an action");
                continue;
            }
            for (ActionParameter parameter : action.parameters()) {
                String value = step.arguments().get(parameter.name());
                String where = step.action() + "." + parameter.name();
                if (value == null || value.isBlank()) {
                    errors.check(!parameter.required(), "actions", where + " is required");
                    continue;
                }
                errors.check(argumentProblem(parameter, value) == null, "actions", where + " " + argumentProblem(parameter, value));
            }
            step.arguments().keySet().forEach(k -> errors.check(action.parameters().stream().anyMatch(p -> p.name().equals(k)), "actions",
                    step.action() + " takes no '" + k + "'"));
        }
        errors.throwIfAny();
        if (nameTaken(name, id)) {
            throw new ConflictException("There is already a rule named '" + name + "'");
        }
        return Trigger.fromApiName(input.trigger()).orElseThrow();
    }

    private String argumentProblem(ActionParameter parameter, String value) {
        return switch (parameter.kind()) {
            case PRIORITY -> TicketPriority.fromApiName(value).isPresent() ? null : "is not a priority";
            case STATUS -> TicketStatus.fromApiName(value).isPresent() ? null : "is not a status";
            case CHOICE -> parameter.choices().contains(value) ? null : "must be one of " + String.join(", ", parameter.choices());
            case USER -> exists(User.class, value) ? null : "is not a member of staff of this workspace";
            case TEAM -> exists(Team.class, value) ? null : "is not a team of this workspace";
            case TAG -> value.length() <= 64 ? null : "is longer than 64 characters";
            case CANNED_RESPONSE -> exists(org.relaydesk.core.canned.CannedResponse.class, value) ? null : "is not a canned response of this workspace";
            case TEXT, LONG_TEXT -> value.length() <= 20_000 ? null : "is too long";
        };
    }

    private boolean exists(Class<?> type, String id) {
        try {
            return tenancy.em().find(type, UUID.fromString(id)) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private boolean nameTaken(String name, UUID id) {
        return list().stream().anyMatch(r -> !r.id().equals(id) && r.name().equalsIgnoreCase(name));
    }

    @Inject
    jakarta.enterprise.event.Event<org.relaydesk.core.audit.Audited> audit;

    private void audited(org.relaydesk.core.audit.AuditAction action, String type, Object id, String label, String what) {
        audit.fire(org.relaydesk.core.audit.Audited.of(tenancy.workspaceId(), action, type, id, label).changed(null, what));
    }
}
