package org.relaydesk.core.sla;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.relaydesk.core.job.OwnTransaction;
import org.relaydesk.core.job.ScheduledJob;
import org.relaydesk.core.persistence.Tenancy;

/**
 * Every few seconds: the tickets whose next SLA moment (turning at risk, a due time) has come, found
 * through the partial index on sla_next_check_at across all workspaces, never by a scan. Each is
 * recomputed in a transaction of its own, which raises its at-risk or breach event once. A ticket
 * whose SLA cannot be computed (say, its calendar has no working time left) is set aside with the
 * reason on the ticket, and looked at again after a pause that doubles with each failure; the
 * others go on. After a burst (a policy change, an upgrade) the run keeps taking batches for a few
 * seconds, so thousands of tickets are worked off per run.
 */
@ApplicationScoped
public class SlaWatch implements ScheduledJob {
    static final int BATCH = 500;
    static final Duration RUN_AT_MOST = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(SlaWatch.class.getName());

    @Inject
    Tenancy tenancy;

    @Inject
    Item item;

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
        while (next(Instant.now()) == BATCH && System.nanoTime() < until) {
            // a full batch: there may be more due right now
        }
    }

    private record Due(UUID ticket, UUID workspace, boolean failedBefore) {
    }

    /** One batch: each ticket in its own transaction (the job's lock stays with the run's). */
    int next(Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = tenancy.sql("SELECT CAST(id AS text), CAST(workspace_id AS text), sla_failures FROM tickets "
                        + "WHERE sla_next_check_at <= ? ORDER BY sla_next_check_at LIMIT " + BATCH)
                .setParameter(1, java.sql.Timestamp.from(now)).getResultList();
        List<Due> due = rows.stream().map(row -> new Due(UUID.fromString(row[0].toString()), UUID.fromString(row[1].toString()),
                ((Number) row[2]).intValue() > 0)).toList();
        for (Due ticket : due) {
            tenancy.actAs(ticket.workspace());
            try {
                item.refresh(ticket.ticket(), ticket.failedBefore(), now);
            } catch (RuntimeException e) {
                if (changedMeanwhile(e)) {
                    // someone changed the ticket at the same moment: that change recomputed its SLA already
                    continue;
                }
                String reason = OwnTransaction.reasonOf(e);
                LOG.warning(() -> "SLA of ticket " + ticket.ticket() + " could not be computed (" + reason + "); it is set aside and tried again later");
                try {
                    item.setAside(ticket.ticket(), reason);
                } catch (RuntimeException notRecorded) {
                    // the database itself is failing: the next run tries again
                    LOG.warning(() -> "The SLA failure of ticket " + ticket.ticket() + " could not be recorded: " + OwnTransaction.reasonOf(notRecorded));
                    return due.size();
                }
            }
        }
        return due.size();
    }

    private static boolean changedMeanwhile(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException || t instanceof org.eclipse.persistence.exceptions.OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    /** One ticket's transactions. */
    @ApplicationScoped
    public static class Item {
        @Inject
        Tenancy tenancy;

        @Inject
        SlaService sla;

        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public void refresh(UUID ticketId, boolean failedBefore, Instant now) {
            sla.find(ticketId).ifPresent(ticket -> sla.refresh(ticket, now));
            if (failedBefore) {
                // it works again: the reason no longer applies
                tenancy.em().flush();
                tenancy.sql("UPDATE tickets SET sla_error = NULL, sla_error_at = NULL, sla_failures = 0 WHERE id = CAST(? AS uuid)")
                        .setParameter(1, ticketId.toString()).executeUpdate();
            }
        }

        /** Records why, and pushes the next look back: 5 minutes, doubling with each failure in a row, at most 6 hours. */
        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public void setAside(UUID ticketId, String reason) {
            tenancy.sql("UPDATE tickets SET sla_error = ?1, sla_error_at = now(), sla_failures = sla_failures + 1, "
                            + "sla_next_check_at = now() + LEAST(interval '5 minutes' * power(2, LEAST(sla_failures, 7)), interval '6 hours') "
                            + "WHERE id = CAST(?2 AS uuid)")
                    .setParameter(1, reason).setParameter(2, ticketId.toString()).executeUpdate();
        }
    }
}
