package org.relaydesk.core.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.relaydesk.core.persistence.Tenancy;

/**
 * What is waiting, over the whole installation, for the operator's metrics: outbox entries not sent
 * yet and inbound messages not filed yet, each with the age of the oldest (a backlog that grows old
 * means a worker is stuck, not just busy). Each count is answered from the partial index on pending
 * rows.
 */
@ApplicationScoped
public class Backlogs {
    @Inject
    Tenancy tenancy;

    /** Replaced in tests. */
    Clock clock = Clock.systemUTC();

    public record Figures(long outboxPending, double outboxOldestSeconds, long inboundPending, double inboundOldestSeconds, long inboundFailed) {
    }

    @Transactional
    public Figures now() {
        Object[] outbox = (Object[]) tenancy.sql("SELECT count(*), min(created_at) FROM outbox WHERE status = 'pending'").getSingleResult();
        Object[] inbound = (Object[]) tenancy.sql("SELECT count(*), min(received_at) FROM inbound_messages WHERE status = 'pending'").getSingleResult();
        Number failed = (Number) tenancy.sql("SELECT count(*) FROM inbound_messages WHERE status = 'failed'").getSingleResult();
        Instant now = clock.instant();
        return new Figures(((Number) outbox[0]).longValue(), age(outbox[1], now), ((Number) inbound[0]).longValue(), age(inbound[1], now),
                failed.longValue());
    }

    private static double age(Object oldest, Instant now) {
        Instant at = oldest instanceof OffsetDateTime offset ? offset.toInstant() : oldest instanceof Timestamp timestamp ? timestamp.toInstant() : null;
        return at == null ? 0 : Math.max(0, Duration.between(at, now).toMillis() / 1000.0);
    }
}
