package org.relaydesk.core.csat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.ticket.SatisfactionRating;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.user.Role;

/**
 * The workspace's CSAT figures: the share of 4 and 5 among the ratings given in a period (the usual
 * CSAT score), how many there were, and how many surveys went out; and a ticket's ratings.
 */
@ApplicationScoped
public class CsatReport {
    @Inject
    Tenancy tenancy;

    @Inject
    TicketService tickets;

    /** {@code perScore}: how many gave 1, 2, 3, 4, 5. {@code score}: percent satisfied (4 or 5) of {@code responses}, one decimal, null without responses. */
    public record Summary(Instant from, Instant to, long responses, long satisfied, Double score, long surveysSent, long[] perScore) {
    }

    /** Ratings given from {@code from} (inclusive) to {@code to} (exclusive). */
    @Transactional
    @RequiresRole(Role.SUPERVISOR)
    public Summary summary(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new InvalidInputException("from", "must be before to");
        }
        Object[] row = (Object[]) tenancy.sql("SELECT count(*), count(*) FILTER (WHERE rating >= 4), count(*) FILTER (WHERE rating = 1), "
                        + "count(*) FILTER (WHERE rating = 2), count(*) FILTER (WHERE rating = 3), count(*) FILTER (WHERE rating = 4), "
                        + "count(*) FILTER (WHERE rating = 5) FROM satisfaction_ratings WHERE workspace_id = CAST(?1 AS uuid) AND created_at >= ?2 AND created_at < ?3")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, Timestamp.from(from)).setParameter(3, Timestamp.from(to)).getSingleResult();
        long responses = ((Number) row[0]).longValue();
        long satisfied = ((Number) row[1]).longValue();
        long[] perScore = new long[5];
        for (int i = 0; i < 5; i++) {
            perScore[i] = ((Number) row[2 + i]).longValue();
        }
        long sent = ((Number) tenancy.sql("SELECT count(*) FROM csat_surveys WHERE workspace_id = CAST(?1 AS uuid) AND sent_at >= ?2 AND sent_at < ?3")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, Timestamp.from(from)).setParameter(3, Timestamp.from(to))
                .getSingleResult()).longValue();
        return new Summary(from, to, responses, satisfied, score(responses, satisfied), sent, perScore);
    }

    /** Percent of satisfied responses, one decimal; null without responses. */
    public static Double score(long responses, long satisfied) {
        return org.relaydesk.core.report.Reports.percent(satisfied, responses);
    }

    /** The ratings of a ticket the caller may see, newest first. */
    @Transactional
    public List<SatisfactionRating> ofTicket(UUID ticketId) {
        tickets.get(ticketId);
        return tenancy.em().createQuery("SELECT r FROM SatisfactionRating r WHERE r.ticketId = :t ORDER BY r.createdAt DESC", SatisfactionRating.class)
                .setParameter("t", ticketId).getResultList();
    }
}
