package org.relaydesk.core.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.relaydesk.core.persistence.Tenancy;

/** Every two seconds: the outbox's emails and channel messages ({@link OutboxDeliverer.Lane#MAIN}). */
@ApplicationScoped
public class OutboxDelivery extends OutboxLane {
    @Override
    public String name() {
        return "outbox.delivery";
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(2);
    }

    @Override
    OutboxDeliverer.Lane lane() {
        return OutboxDeliverer.Lane.MAIN;
    }

    /**
     * Every two seconds too, on its own: webhooks, which wait on receivers outside (up to 15 s each).
     * Taken in turns, so that one receiver's backlog never holds up another's, whichever workspace:
     * a run takes at most {@link #PER_RECEIVER} due deliveries of each webhook, the first of every
     * webhook before the second of any; and once a delivery of a webhook fails, that webhook's others
     * wait for the next run, so a receiver that is down costs a run one time-out, not fifty.
     */
    @ApplicationScoped
    public static class Webhooks extends OutboxLane {
        /** Due deliveries of one webhook a run may take. */
        static final int PER_RECEIVER = 10;
        /** Of the oldest due entries: a backlog of millions is never ranked whole every two seconds. */
        static final int WINDOW = 5000;

        /** Due webhook deliveries, in turns per webhook (the receiver), oldest first within each turn. */
        static final String DUE_IN_TURNS = "SELECT id, workspace_id, kind, receiver FROM (SELECT CAST(o.id AS text) AS id, "
                + "CAST(o.workspace_id AS text) AS workspace_id, o.kind, CAST(d.webhook_id AS text) AS receiver, o.next_attempt_at, "
                + "row_number() OVER (PARTITION BY d.webhook_id ORDER BY o.next_attempt_at, o.id) AS turn "
                + "FROM (SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= now() AND kind = ANY (CAST(?1 AS text[])) "
                + "ORDER BY next_attempt_at LIMIT " + WINDOW + ") o "
                + "LEFT JOIN webhook_deliveries d ON d.id = CAST(o.payload->>'delivery_id' AS uuid) AND d.workspace_id = o.workspace_id) due "
                + "WHERE turn <= " + PER_RECEIVER + " ORDER BY turn, next_attempt_at, id LIMIT " + BATCH;

        @Override
        String dueQuery() {
            return DUE_IN_TURNS;
        }

        @Override
        public String name() {
            return "outbox.webhooks";
        }

        @Override
        public Duration interval() {
            return Duration.ofSeconds(2);
        }

        @Override
        OutboxDeliverer.Lane lane() {
            return OutboxDeliverer.Lane.WEBHOOKS;
        }
    }

    /** One entry's transactions. */
    @ApplicationScoped
    public static class Attempt {
        @Inject
        Tenancy tenancy;

        @Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = OutboxDeliverer.DeliveryFailed.class)
        public void deliver(UUID id, OutboxDeliverer deliverer) throws OutboxDeliverer.DeliveryFailed {
            OutboxEntry entry = tenancy.em().find(OutboxEntry.class, id);
            if (entry == null || !"pending".equals(entry.status())) {
                return;
            }
            deliverer.deliver(entry);
            entry.sent();
        }

        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public void failed(UUID id, OutboxDeliverer deliverer, String error, boolean permanent) {
            OutboxEntry entry = tenancy.em().find(OutboxEntry.class, id);
            if (entry != null) {
                entry.failed(error, Instant.now(), permanent ? java.util.Optional.empty() : deliverer.pauseAfter(entry.attempts() + 1));
                if ("dead".equals(entry.status())) {
                    deliverer.onDead(entry);
                }
            }
        }
    }
}
