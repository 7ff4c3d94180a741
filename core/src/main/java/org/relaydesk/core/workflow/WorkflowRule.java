package org.relaydesk.core.workflow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import org.relaydesk.core.persistence.WorkspaceOwned;

/**
 * A workflow rule: a trigger, conditions (all or any) and ordered actions, stored as JSON in the
 * shapes of the API (see WorkflowRules).
 */
@Entity
@Table(name = "workflow_rules")
public class WorkflowRule extends WorkspaceOwned {
    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(nullable = false)
    private int position;

    @Column(name = "trigger_event", nullable = false)
    @Enumerated(EnumType.STRING)
    private Trigger trigger;

    @Column(name = "trigger_hours")
    private java.math.BigDecimal triggerHours;

    @Column(name = "timed_checked_until")
    private Instant timedCheckedUntil;

    /** {"match": "all", "items": [{"field": ..., "operator": ..., "value": ...}]} (jsonb) */
    @Column(nullable = false)
    private String conditions;

    /** [{"action": "set_priority", "arguments": {"priority": "urgent"}}] (jsonb) */
    @Column(nullable = false)
    private String actions;

    @Column(name = "run_count", nullable = false)
    private long runCount;

    @Column(name = "last_run_at")
    private Instant lastRunAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.now();

    protected WorkflowRule() {
    }

    WorkflowRule(String name, Trigger trigger, String conditions, String actions) {
        define(name, true, 0, trigger, conditions, actions);
    }

    void define(String newName, boolean isEnabled, int newPosition, Trigger newTrigger, String conditionsJson, String actionsJson) {
        this.name = newName;
        this.enabled = isEnabled;
        this.position = newPosition;
        this.trigger = newTrigger;
        this.conditions = conditionsJson;
        this.actions = actionsJson;
        this.updatedAt = Instant.now();
    }

    void timing(java.math.BigDecimal hours) {
        if (hours == null ? triggerHours != null : triggerHours == null || hours.compareTo(triggerHours) != 0) {
            timedCheckedUntil = null; // a new delay: look from now on
        }
        this.triggerHours = hours;
    }

    void checkedUntil(Instant at) {
        this.timedCheckedUntil = at;
    }

    public java.math.BigDecimal triggerHours() {
        return triggerHours;
    }

    public Instant timedCheckedUntil() {
        return timedCheckedUntil;
    }

    void ran(Instant at) {
        runCount++;
        lastRunAt = at;
    }

    public String name() {
        return name;
    }

    public boolean enabled() {
        return enabled;
    }

    public int position() {
        return position;
    }

    public Trigger trigger() {
        return trigger;
    }

    public String conditionsJson() {
        return conditions;
    }

    public String actionsJson() {
        return actions;
    }

    public long runCount() {
        return runCount;
    }

    public Instant lastRunAt() {
        return lastRunAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
