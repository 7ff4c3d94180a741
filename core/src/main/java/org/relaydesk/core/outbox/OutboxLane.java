package org.relaydesk.core.outbox;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.relaydesk.core.job.OwnTransaction;
import org.relaydesk.core.job.ScheduledJob;
import org.relaydesk.core.persistence.Tenancy;

/**
 * One delivery job over the outbox kinds of one {@link OutboxDeliverer.Lane}: the due pending
 * entries, oldest first, each delivered in a transaction of its own. A failure is recorded in
 * another one (the attempt, the error, the next try after the deliverer's pause, or dead after the
 * last), so it never holds up the entries behind it. Kinds without a deliverer yet wait.
 */
abstract class OutboxLane implements ScheduledJob {
    static final int BATCH = 50;
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(OutboxLane.class.getName());

    @Inject
    Tenancy tenancy;

    @Inject
    Instance<OutboxDeliverer> deliverers;

    @Inject
    OutboxDelivery.Attempt attempt;

    abstract OutboxDeliverer.Lane lane();

    @Override
    public void run() {
        Map<String, OutboxDeliverer> byKind = deliverers.stream().filter(d -> d.lane() == lane())
                .collect(Collectors.toMap(OutboxDeliverer::kind, d -> d, (a, b) -> a));
        if (byKind.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> due = tenancy.sql(dueQuery()).setParameter(1, "{" + String.join(",", byKind.keySet()) + "}").getResultList();
        java.util.Set<Object> failing = new java.util.HashSet<>();
        for (Object[] row : due) {
            Object receiver = row.length > 3 ? row[3] : null;
            if (receiver != null && failing.contains(receiver)) {
                continue; // its receiver just failed: the rest wait for the next run, behind nobody else
            }
            UUID id = UUID.fromString(row[0].toString());
            tenancy.actAs(UUID.fromString(row[1].toString()));
            OutboxDeliverer deliverer = byKind.get(row[2].toString());
            try {
                attempt.deliver(id, deliverer);
            } catch (OutboxDeliverer.DeliveryFailed e) {
                recordFailure(id, deliverer, e.getMessage(), e.permanent());
                failing.add(receiver);
            } catch (RuntimeException e) {
                recordFailure(id, deliverer, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), false);
                failing.add(receiver);
            }
        }
    }

    /**
     * The due entries of one run, as id, workspace id, kind and optionally the receiver they go to
     * (whose other entries a run skips once one of them failed); parameter 1: the kinds.
     */
    String dueQuery() {
        return "SELECT CAST(id AS text), CAST(workspace_id AS text), kind FROM outbox WHERE status = 'pending' "
                + "AND next_attempt_at <= now() AND kind = ANY (CAST(?1 AS text[])) ORDER BY next_attempt_at LIMIT " + BATCH;
    }

    /** A failure that cannot even be recorded (the database is failing) must not stop the entries behind it: the next run tries again. */
    private void recordFailure(UUID id, OutboxDeliverer deliverer, String reason, boolean permanent) {
        try {
            attempt.failed(id, deliverer, reason == null ? "delivery failed" : reason, permanent);
        } catch (RuntimeException e) {
            LOG.warning(() -> "The failed delivery of outbox entry " + id + " could not be recorded: " + OwnTransaction.reasonOf(e));
        }
    }
}
