package org.relaydesk.core.workflow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.relaydesk.core.persistence.WorkspaceOwned;

/** One run of a rule on a ticket: applied (what it did), failed (where it stopped) or stopped by loop protection. */
@Entity
@Table(name = "workflow_runs")
public class WorkflowRun extends WorkspaceOwned {
    @Column(name = "rule_id", nullable = false)
    private UUID ruleId;

    @Column(name = "ticket_id", nullable = false)
    private UUID ticketId;

    @Column(nullable = false)
    private String outcome;

    @Column(nullable = false)
    private String detail;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected WorkflowRun() {
    }

    WorkflowRun(UUID ruleId, UUID ticketId, String outcome, String detail) {
        this.ruleId = ruleId;
        this.ticketId = ticketId;
        this.outcome = outcome;
        this.detail = detail.length() > 4000 ? detail.substring(0, 4000) : detail;
    }

    public UUID ruleId() {
        return ruleId;
    }

    public UUID ticketId() {
        return ticketId;
    }

    public String outcome() {
        return outcome;
    }

    public String detail() {
        return detail;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
