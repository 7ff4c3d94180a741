package org.relaydesk.web.panel.admin;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.api.workflow.ActionParameter;
import org.relaydesk.api.workflow.WorkflowAction;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.team.Team;
import org.relaydesk.core.team.TeamService;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.user.User;
import org.relaydesk.core.user.UserService;
import org.relaydesk.core.workflow.Condition;
import org.relaydesk.core.workflow.Conditions;
import org.relaydesk.core.workflow.RuleDefinition;
import org.relaydesk.core.workflow.Trigger;
import org.relaydesk.core.workflow.WorkflowRule;
import org.relaydesk.core.workflow.WorkflowRules;
import org.relaydesk.core.workflow.WorkflowRunner;
import org.relaydesk.web.panel.PanelActions;

/**
 * /admin/workflows/new and /admin/workflows/{id}: the rule builder. Pickers offer only what the
 * engine accepts (fields with their operators, actions with their parameters); rows are reordered
 * by dragging or with the arrow buttons.
 */
@Named
@ViewScoped
public class WorkflowBuilderView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    WorkflowRules rules;

    @Inject
    WorkflowRunner runner;

    @Inject
    UserService users;

    @Inject
    TeamService teams;

    @Inject
    TicketService tickets;

    @Inject
    org.relaydesk.core.canned.CannedResponseService canned;

    /** One condition as the builder edits it. */
    public static class ConditionRow implements Serializable {
        private static final long serialVersionUID = 1L;
        private String field = "subject";
        private String customKey;
        private String operator = "contains";
        private String value;

        public String getField() {
            return field;
        }

        public void setField(String field) {
            this.field = field;
        }

        public String getCustomKey() {
            return customKey;
        }

        public void setCustomKey(String customKey) {
            this.customKey = customKey;
        }

        public String getOperator() {
            return operator;
        }

        public void setOperator(String operator) {
            this.operator = operator;
        }

        public String getValue() {
            return value;
        }

        public void setValue(String value) {
            this.value = value;
        }

        public List<String> getOperators() {
            return Condition.OPERATORS.getOrDefault(field, List.of());
        }

        public boolean isNeedsValue() {
            return !"is_set".equals(operator) && !"not_set".equals(operator);
        }

        /** A field change: the operator must be one the new field offers. */
        public void fieldChanged() {
            if (!getOperators().contains(operator)) {
                operator = getOperators().isEmpty() ? null : getOperators().get(0);
            }
            value = null;
        }
    }

    /** One action with its arguments. */
    public static class StepRow implements Serializable {
        private static final long serialVersionUID = 1L;
        private String action;
        private final Map<String, String> arguments = new LinkedHashMap<>();

        public String getAction() {
            return action;
        }

        public void setAction(String action) {
            this.action = action;
        }

        public Map<String, String> getArguments() {
            return arguments;
        }
    }

    private String id;
    private String name;
    private boolean enabled = true;
    private String trigger = Trigger.TICKET_CREATED.apiName();
    private String match = "all";
    private List<ConditionRow> conditions = new ArrayList<>();
    private List<StepRow> steps = new ArrayList<>();
    private Long testNumber;
    private Double hours;
    private List<String> testLines = List.of();

    public void load() throws IOException {
        if (id == null || id.equals("new")) {
            id = null;
            if (steps.isEmpty()) {
                addStep();
            }
            return;
        }
        WorkflowRule rule;
        try {
            rule = rules.get(UUID.fromString(id));
        } catch (IllegalArgumentException | NotFoundException e) {
            FacesContext.getCurrentInstance().getExternalContext().responseSendError(404, "No such rule");
            FacesContext.getCurrentInstance().responseComplete();
            return;
        }
        name = rule.name();
        enabled = rule.enabled();
        trigger = rule.trigger().apiName();
        hours = rule.triggerHours() == null ? null : rule.triggerHours().doubleValue();
        RuleDefinition definition = RuleDefinition.of(rule);
        match = definition.conditions().matchAll() ? "all" : "any";
        conditions = new ArrayList<>();
        for (Condition c : definition.conditions().conditions()) {
            ConditionRow row = new ConditionRow();
            row.field = c.kind();
            row.customKey = c.field().startsWith("custom.") ? c.field().substring(7) : null;
            row.operator = c.operator();
            row.value = c.value();
            conditions.add(row);
        }
        steps = new ArrayList<>();
        for (RuleDefinition.Step s : definition.steps()) {
            StepRow row = new StepRow();
            row.action = s.action();
            row.arguments.putAll(s.arguments());
            steps.add(row);
        }
    }

    public void addCondition() {
        conditions.add(new ConditionRow());
    }

    public void removeCondition(int index) {
        conditions.remove(index);
    }

    public void addStep() {
        StepRow row = new StepRow();
        row.action = "add_tag";
        steps.add(row);
    }

    public void removeStep(int index) {
        steps.remove(index);
    }

    public void moveStep(int index, int by) {
        int target = index + by;
        if (target >= 0 && target < steps.size()) {
            steps.add(target, steps.remove(index));
        }
    }

    /** Drag and drop: the page names the row moved and the row it was dropped on. */
    public void reorder() {
        int[] move = dragged();
        if (move != null && move[0] < steps.size() && move[1] < steps.size()) {
            steps.add(move[1], steps.remove(move[0]));
        }
    }

    public void reorderConditions() {
        int[] move = dragged();
        if (move != null && move[0] < conditions.size() && move[1] < conditions.size()) {
            conditions.add(move[1], conditions.remove(move[0]));
        }
    }

    private static int[] dragged() {
        Map<String, String> params = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
        try {
            int from = Integer.parseInt(params.get("from"));
            int to = Integer.parseInt(params.get("to"));
            return from >= 0 && to >= 0 ? new int[] {from, to} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public void moveCondition(int index, int by) {
        int target = index + by;
        if (target >= 0 && target < conditions.size()) {
            conditions.add(target, conditions.remove(index));
        }
    }

    public void save() throws IOException {
        RuleDefinition definition = definition();
        WorkflowRules.RuleInput input = new WorkflowRules.RuleInput(name, enabled, null, trigger,
                hours == null ? null : java.math.BigDecimal.valueOf(hours), definition);
        if (id == null) {
            WorkflowRule[] created = new WorkflowRule[1];
            if (PanelActions.attempt(() -> created[0] = rules.create(input), null)) {
                PanelActions.infoAfterRedirect("Rule " + created[0].name() + " saved");
                FacesContext.getCurrentInstance().getExternalContext().redirect("/admin/workflows/" + created[0].id());
            }
        } else {
            PanelActions.attempt(() -> rules.update(UUID.fromString(id), input), "Rule " + name + " saved");
        }
    }

    /** The dry run against a ticket by its number; the rule as it is saved. */
    public void test() {
        if (id == null) {
            PanelActions.error("Save the rule first, then test it.");
            return;
        }
        if (testNumber == null) {
            PanelActions.error("Which ticket? Give its number.");
            return;
        }
        try {
            testLines = runner.test(UUID.fromString(id), tickets.getByNumber(testNumber).id());
        } catch (NotFoundException e) {
            PanelActions.error("There is no ticket " + testNumber + ".");
        }
    }

    private RuleDefinition definition() {
        List<Condition> items = conditions.stream().map(c -> new Condition("custom".equals(c.field) ? "custom." + (c.customKey == null ? "" : c.customKey.trim()) : c.field,
                c.operator == null ? "" : c.operator, c.isNeedsValue() ? c.value : null)).toList();
        List<RuleDefinition.Step> list = steps.stream().map(s -> {
            Map<String, String> arguments = new LinkedHashMap<>();
            WorkflowAction action = runner.action(s.action).orElse(null);
            if (action != null) {
                for (ActionParameter p : action.parameters()) {
                    String v = s.arguments.get(p.name());
                    if (v != null && !v.isBlank()) {
                        arguments.put(p.name(), v);
                    }
                }
            }
            return new RuleDefinition.Step(s.action, arguments);
        }).toList();
        return new RuleDefinition(new Conditions("all".equals(match), items), list);
    }

    // What the pickers offer.

    public List<Trigger> getTriggers() {
        return Arrays.asList(Trigger.values());
    }

    public List<String> getFields() {
        return Condition.OPERATORS.keySet().stream().sorted().toList();
    }

    public List<WorkflowAction> getActions() {
        return runner.allActions();
    }

    public List<ActionParameter> parametersOf(String action) {
        return runner.action(action).map(WorkflowAction::parameters).orElse(List.of());
    }

    public List<TicketPriority> getPriorities() {
        return Arrays.asList(TicketPriority.values());
    }

    public List<TicketStatus> getStatuses() {
        return Arrays.asList(TicketStatus.values());
    }

    public List<User> getStaff() {
        return users.list().stream().filter(User::active).toList();
    }

    public List<org.relaydesk.core.canned.CannedResponse> getCannedResponses() {
        return canned.list();
    }

    public List<Team> getTeams() {
        return teams.teams();
    }

    public boolean isEditing() {
        return id != null;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getTrigger() {
        return trigger;
    }

    public void setTrigger(String trigger) {
        this.trigger = trigger;
    }

    public String getMatch() {
        return match;
    }

    public void setMatch(String match) {
        this.match = match;
    }

    public List<ConditionRow> getConditions() {
        return conditions;
    }

    public List<StepRow> getSteps() {
        return steps;
    }

    public Double getHours() {
        return hours;
    }

    public void setHours(Double hours) {
        this.hours = hours;
    }

    public boolean isTimeBased() {
        return Trigger.fromApiName(trigger).map(Trigger::timeBased).orElse(false);
    }

    public Long getTestNumber() {
        return testNumber;
    }

    public void setTestNumber(Long testNumber) {
        this.testNumber = testNumber;
    }

    public List<String> getTestLines() {
        return testLines;
    }
}
