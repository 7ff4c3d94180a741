package org.relaydesk.core.sla;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.relaydesk.core.job.ScheduledJob;
import org.relaydesk.core.persistence.Tenancy;

/**
 * Every few seconds: the tickets whose next SLA moment (turning at risk, a due time) has come, found
 * through the partial index on sla_next_check_at across all workspaces, never by a scan. Each is
 * recomputed, which raises its at-risk or breach event once. Work comes in batches of its own
 * transactions; after a burst (a policy change, an upgrade) the run keeps taking batches for a few
 * seconds, so thousands of tickets are worked off per run without one huge transaction.
 */
@ApplicationScoped
public class SlaWatch implements ScheduledJob {
    static final int BATCH = 500;
    static final Duration RUN_AT_MOST = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(SlaWatch.class.getName());

    @Inject
    Batch batch;

    @Override
    public String name() {
        return "sla.watch";
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(2);
    }

    @Override
    public void run() {
        long until = System.nanoTime() + RUN_AT_MOST.toNanos();
        while (batch.next(Instant.now()) == BATCH && System.nanoTime() < until) {
            // a full batch: there may be more due right now
        }
    }

    /** One batch in a transaction of its own (the job's lock stays with the run's transaction). */
    @ApplicationScoped
    public static class Batch {
        @Inject
        Tenancy tenancy;

        @Inject
        SlaService sla;

        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public int next(Instant now) {
            @SuppressWarnings("unchecked")
            List<Object[]> due = tenancy.sql("SELECT CAST(id AS text), CAST(workspace_id AS text) FROM tickets "
                            + "WHERE sla_next_check_at <= ? ORDER BY sla_next_check_at LIMIT " + BATCH)
                    .setParameter(1, java.sql.Timestamp.from(now)).getResultList();
            for (Object[] row : due) {
                UUID ticketId = UUID.fromString(row[0].toString());
                tenancy.actAs(UUID.fromString(row[1].toString()));
                try {
                    sla.find(ticketId).ifPresent(ticket -> sla.refresh(ticket, now));
                    // a small persistence context: every query would otherwise check all the batch's entities for changes
                    tenancy.em().flush();
                    tenancy.em().clear();
                } catch (IllegalArgumentException | IllegalStateException e) {
                    // a ticket whose SLA cannot be computed (say, a calendar without working time) must not hold up the others
                    LOG.warning(() -> "SLA of ticket " + ticketId + " could not be computed (" + e.getMessage() + "); trying again in 5 minutes");
                    tenancy.sql("UPDATE tickets SET sla_next_check_at = now() + interval '5 minutes' WHERE id = CAST(? AS uuid)")
                            .setParameter(1, ticketId.toString()).executeUpdate();
                }
            }
            return due.size();
        }
    }
}
