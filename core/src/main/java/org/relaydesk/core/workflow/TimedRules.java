package org.relaydesk.core.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.relaydesk.core.job.ScheduledJob;
import org.relaydesk.core.persistence.Tenancy;

/**
 * Every minute: the time-based rules ("N hours since created / last update"). For each enabled
 * rule, the unresolved tickets whose moment (creation or last update plus N hours) fell between the
 * rule's last check and now; each is run through the engine like an event would be. The check
 * moves on per rule, so a ticket is looked at once per moment, and a pause of the scheduler only
 * delays rules, never skips tickets.
 */
@ApplicationScoped
public class TimedRules implements ScheduledJob {
    /** Tickets per rule and run; the rest wait for the next minute. */
    static final int BATCH = 500;

    @Inject
    Tenancy tenancy;

    @Inject
    WorkflowEngine engine;

    @Override
    public String name() {
        return "workflow.timed-rules";
    }

    @Override
    public Duration interval() {
        return Duration.ofMinutes(1);
    }

    @Override
    public void run() {
        Instant now = Instant.now();
        @SuppressWarnings("unchecked")
        List<Object[]> rules = tenancy.sql("SELECT CAST(id AS text), CAST(workspace_id AS text), trigger_event, trigger_hours, timed_checked_until, created_at "
                + "FROM workflow_rules WHERE enabled AND trigger_event IN ('HOURS_SINCE_CREATED', 'HOURS_SINCE_UPDATED') AND trigger_hours IS NOT NULL").getResultList();
        for (Object[] rule : rules) {
            UUID ruleId = UUID.fromString(rule[0].toString());
            UUID workspace = UUID.fromString(rule[1].toString());
            String column = "HOURS_SINCE_CREATED".equals(rule[2]) ? "created_at" : "updated_at";
            long seconds = Math.round(((Number) rule[3]).doubleValue() * 3600);
            Instant from = rule[4] != null ? ((Timestamp) rule[4]).toInstant() : ((Timestamp) rule[5]).toInstant();
            tenancy.actAs(workspace);
            // the workspace and the column are fixed by the query itself
            @SuppressWarnings("unchecked")
            List<Object[]> due = tenancy.sql("SELECT CAST(id AS text), " + column + " FROM tickets WHERE workspace_id = CAST(?1 AS uuid) "
                            + "AND status NOT IN ('RESOLVED', 'CLOSED', 'CANCELLED') AND " + column + " > ?2 AND " + column + " <= ?3 ORDER BY " + column
                            + " LIMIT " + BATCH)
                    .setParameter(1, workspace.toString()).setParameter(2, Timestamp.from(from.minusSeconds(seconds)))
                    .setParameter(3, Timestamp.from(now.minusSeconds(seconds))).getResultList();
            for (Object[] ticket : due) {
                engine.runTimed(ruleId, UUID.fromString(ticket[0].toString()));
            }
            // a full batch: the next run continues after the last ticket looked at
            Instant checked = due.size() == BATCH ? ((Timestamp) due.get(due.size() - 1)[1]).toInstant().plusSeconds(seconds) : now;
            tenancy.sql("UPDATE workflow_rules SET timed_checked_until = ?1 WHERE id = CAST(?2 AS uuid)")
                    .setParameter(1, Timestamp.from(checked)).setParameter(2, ruleId.toString()).executeUpdate();
        }
    }
}
