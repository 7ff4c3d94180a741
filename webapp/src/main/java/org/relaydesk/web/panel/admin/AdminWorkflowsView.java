package org.relaydesk.web.panel.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.relaydesk.core.workflow.WorkflowRule;
import org.relaydesk.core.workflow.WorkflowRules;
import org.relaydesk.web.panel.PanelActions;

/** /admin/workflows: the rules in the order they run, with switches, copies and removal. */
@Named
@RequestScoped
public class AdminWorkflowsView {
    @Inject
    WorkflowRules rules;

    private List<WorkflowRule> list;

    public List<WorkflowRule> getRules() {
        if (list == null) {
            list = rules.list();
        }
        return list;
    }

    public void toggle(WorkflowRule rule) {
        PanelActions.attempt(() -> rules.enable(rule.id(), !rule.enabled()), "Rule " + rule.name() + (rule.enabled() ? " turned off" : " turned on"));
        list = null;
    }

    public void duplicate(WorkflowRule rule) {
        PanelActions.attempt(() -> rules.duplicate(rule.id()), "Copy of " + rule.name() + " made (off until you turn it on)");
        list = null;
    }

    public void delete(WorkflowRule rule) {
        PanelActions.attempt(() -> rules.delete(rule.id()), "Rule " + rule.name() + " deleted");
        list = null;
    }
}
