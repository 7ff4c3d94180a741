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

    /** Every two seconds too, on its own: webhooks, which wait on receivers outside. */
    @ApplicationScoped
    public static class Webhooks extends OutboxLane {
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
