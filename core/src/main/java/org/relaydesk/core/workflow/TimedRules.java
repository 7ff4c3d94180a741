package org.relaydesk.core.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.relaydesk.core.job.OwnTransaction;
import org.relaydesk.core.job.ScheduledJob;
import org.relaydesk.core.persistence.Tenancy;

/**
 * Every minute: the time-based rules ("N hours since created / last update"). For each enabled
 * rule, the unresolved tickets whose moment (creation or last update plus N hours) fell between the
 * rule's last check and now; each is run through the engine like an event would be. The check
 * moves on per rule, so a ticket is looked at once per moment, and a pause of the scheduler only
 * delays rules, never skips tickets.
 * <p>
 * Tickets are paged by (timestamp, id), and a rule remembers both where it stopped: many tickets
 * share one timestamp (an import, a bulk update), and a page may end among them. Each rule is
 * checked in transactions of its own and each ticket is run in its own (by the engine), so a rule
 * that cannot be checked is logged and the other rules go on; a rule that fails on one ticket is
 * logged in that rule's run log with the reason, and the other tickets go on.
 */
@ApplicationScoped
public class TimedRules implements ScheduledJob {
    /** Tickets per rule and run; the rest wait for the next minute. */
    static final int BATCH = 500;
    private static final Logger LOG = Logger.getLogger(TimedRules.class.getName());

    @Inject
    Tenancy tenancy;

    @Inject
    WorkflowEngine engine;

    @Inject
    OwnTransaction own;

    @Override
    public String name() {
        return "workflow.timed-rules";
    }

    @Override
    public Duration interval() {
        return Duration.ofMinutes(1);
    }

    /** Where a rule's check stands: moments up to {@code until} are done, those at exactly {@code until} only up to ticket {@code lastId} when it is given. */
    record Checked(Instant until, UUID lastId) {
    }

    private record Page(List<Object[]> tickets, Checked checked) {
    }

    @Override
    public void run() {
        // microseconds, as PostgreSQL keeps them: the bound stored is the bound used
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        @SuppressWarnings("unchecked")
        List<Object[]> rules = own.call(() -> tenancy.sql("SELECT CAST(id AS text), CAST(workspace_id AS text), trigger_event, trigger_hours, "
                + "timed_checked_until, created_at, CAST(timed_checked_id AS text) FROM workflow_rules WHERE enabled "
                + "AND trigger_event IN ('HOURS_SINCE_CREATED', 'HOURS_SINCE_UPDATED') AND trigger_hours IS NOT NULL").getResultList());
        for (Object[] rule : rules) {
            UUID ruleId = UUID.fromString(rule[0].toString());
            tenancy.actAs(UUID.fromString(rule[1].toString()));
            try {
                check(rule, now);
            } catch (RuntimeException e) {
                LOG.warning(() -> "Time-based rule " + ruleId + " could not be checked (" + OwnTransaction.reasonOf(e) + "); it is tried again next minute");
            }
        }
    }

    private void check(Object[] rule, Instant now) {
        UUID ruleId = UUID.fromString(rule[0].toString());
        UUID workspace = UUID.fromString(rule[1].toString());
        String column = "HOURS_SINCE_CREATED".equals(rule[2]) ? "created_at" : "updated_at";
        long seconds = Math.round(((Number) rule[3]).doubleValue() * 3600);
        Checked checked = rule[4] != null ? new Checked(((Timestamp) rule[4]).toInstant(), rule[6] == null ? null : UUID.fromString(rule[6].toString()))
                : new Checked(((Timestamp) rule[5]).toInstant(), null);
        Page page = own.call(() -> page(workspace, column, seconds, checked, now));
        for (Object[] ticket : page.tickets()) {
            engine.runTimed(ruleId, UUID.fromString(ticket[0].toString()));
        }
        own.run(() -> tenancy.sql("UPDATE workflow_rules SET timed_checked_until = ?1, timed_checked_id = CAST(?2 AS uuid) WHERE id = CAST(?3 AS uuid)")
                .setParameter(1, Timestamp.from(page.checked().until())).setParameter(2, page.checked().lastId() == null ? null : page.checked().lastId().toString())
                .setParameter(3, ruleId.toString()).executeUpdate());
    }

    /** The next tickets after the check's position, by (timestamp, id), whose moment has come by now. */
    private Page page(UUID workspace, String column, long seconds, Checked checked, Instant now) {
        Timestamp from = Timestamp.from(checked.until().minusSeconds(seconds));
        // past the last ticket looked at: after it at the same timestamp, or at a later timestamp
        String after = checked.lastId() == null ? column + " > ?2" : "(" + column + ", id) > (CAST(?2 AS timestamptz), CAST(?4 AS uuid))";
        // the workspace and the column are fixed by the query itself
        var query = tenancy.sql("SELECT CAST(id AS text), " + column + " FROM tickets WHERE workspace_id = CAST(?1 AS uuid) "
                        + "AND status NOT IN ('RESOLVED', 'CLOSED', 'CANCELLED') AND " + after + " AND " + column + " <= ?3 ORDER BY " + column
                        + ", id LIMIT " + BATCH)
                .setParameter(1, workspace.toString()).setParameter(2, from).setParameter(3, Timestamp.from(now.minusSeconds(seconds)));
        if (checked.lastId() != null) {
            query.setParameter(4, checked.lastId().toString());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> due = query.getResultList();
        if (due.size() < BATCH) {
            return new Page(due, new Checked(now, null));
        }
        // a full page: the next run continues right after the last ticket looked at
        Object[] last = due.get(due.size() - 1);
        return new Page(due, new Checked(((Timestamp) last[1]).toInstant().plusSeconds(seconds), UUID.fromString(last[0].toString())));
    }
}
