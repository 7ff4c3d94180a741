package org.relaydesk.core.csat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.core.contact.ContactIdentity;
import org.relaydesk.core.contact.ContactService;
import org.relaydesk.core.contact.IdentityKind;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.FieldChange;
import org.relaydesk.core.ticket.SatisfactionRating;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketEvent;
import org.relaydesk.core.user.Secrets;
import org.relaydesk.core.workspace.Workspace;
import org.relaydesk.core.workspace.WorkspaceService;

/**
 * Records customers' answers: through a survey's link (public, no account: the token is the
 * authority, for its workspace only, once, until it expires), a score chosen on WhatsApp, or a
 * rating on the ticket's status page. One rating per resolution, whichever way it comes.
 */
@ApplicationScoped
public class SurveyAnswers {
    public static final int MAX_COMMENT = 5000;

    @Inject
    jakarta.enterprise.event.Event<RatingReceived> rated;

    @Inject
    Tenancy tenancy;

    @Inject
    WorkspaceService workspaces;

    @Inject
    ContactService contacts;

    @Inject
    CsatSettingsStore settings;

    /** Replaced in tests. */
    Clock clock = Clock.systemUTC();

    public enum LinkState {
        /** Waiting for the answer. */
        OPEN,
        /** Answered (now or before). */
        ANSWERED,
        EXPIRED,
        /** No such link in this workspace: a wrong, forged or cancelled token, or another workspace's. */
        INVALID
    }

    /** What the survey page shows: the state, the workspace (for its branding), the ticket and the question; {@code rating} once answered. */
    public record SurveyPage(LinkState state, Workspace workspace, String ticketNumber, String ticketSubject, String question, Integer rating) {
    }

    @Transactional
    public SurveyPage open(String workspaceSlug, String token) {
        return page(workspaceSlug, token, false);
    }

    /**
     * Records the answer if the link is open, and then the page says thanks; otherwise nothing changes
     * and the page says why (already answered, expired, not valid).
     */
    @Transactional
    public SurveyPage answer(String workspaceSlug, String token, Integer score, String comment) {
        SurveyPage page = page(workspaceSlug, token, true);
        if (page.state() != LinkState.OPEN) {
            return page;
        }
        validate(score, comment);
        CsatSurvey survey = find(page.workspace(), token, true).orElseThrow();
        Ticket ticket = tenancy.em().find(Ticket.class, survey.ticketId());
        record(survey, ticket, score, comment, survey.channel() == null ? "email" : survey.channel());
        return new SurveyPage(LinkState.ANSWERED, page.workspace(), page.ticketNumber(), page.ticketSubject(), page.question(), score);
    }

    private SurveyPage page(String workspaceSlug, String token, boolean lock) {
        Workspace workspace = workspaceSlug == null || !Workspace.SLUG.matcher(workspaceSlug).matches() ? null
                : workspaces.findBySlug(workspaceSlug).orElse(null);
        if (workspace == null) {
            return new SurveyPage(LinkState.INVALID, null, null, null, null, null);
        }
        Optional<CsatSurvey> found = find(workspace, token, lock);
        if (found.isEmpty()) {
            return new SurveyPage(LinkState.INVALID, workspace, null, null, null, null);
        }
        CsatSurvey survey = found.get();
        Ticket ticket = tenancy.em().find(Ticket.class, survey.ticketId());
        if (ticket == null) {
            return new SurveyPage(LinkState.INVALID, workspace, null, null, null, null);
        }
        SurveySettings current = settings.current();
        String question = SurveyWording.render(current, SurveyWording.variables(ticket.requester().name(), workspace.displayNumber(ticket.number()),
                ticket.subject(), ticket.assignee() == null ? null : ticket.assignee().name(), workspace.name())).question();
        LinkState state;
        if ("answered".equals(survey.status())) {
            state = LinkState.ANSWERED;
        } else if (SurveyPolicy.opens(survey.status(), survey.expiresAt(), clock.instant())) {
            state = LinkState.OPEN;
        } else if (SurveyPolicy.linkIssued(survey.status(), survey.expiresAt())) {
            state = LinkState.EXPIRED;
        } else {
            state = LinkState.INVALID;
        }
        return new SurveyPage(state, workspace, workspace.displayNumber(ticket.number()), ticket.subject(), question, null);
    }

    /** The workspace's survey with this token (looked up by its hash), acting for that workspace from here on. */
    private Optional<CsatSurvey> find(Workspace workspace, String token, boolean lock) {
        if (token == null || token.isBlank() || token.length() > 200 || !token.startsWith(SurveyDeliverer.TOKEN_PREFIX)) {
            return Optional.empty();
        }
        List<?> ids = tenancy.sql("SELECT CAST(id AS text) FROM csat_surveys WHERE token_hash = ?1 AND workspace_id = CAST(?2 AS uuid)")
                .setParameter(1, Secrets.sha256(token.strip())).setParameter(2, workspace.id().toString()).getResultList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        tenancy.actAs(workspace.id());
        UUID id = UUID.fromString(ids.get(0).toString());
        return Optional.ofNullable(lock ? tenancy.em().find(CsatSurvey.class, id, LockModeType.PESSIMISTIC_WRITE) : tenancy.em().find(CsatSurvey.class, id));
    }

    /**
     * A score chosen on WhatsApp ("4 - Good" from the survey's list, or a bare 1–5) by the customer of
     * a survey sent through this account and still open; the survey the message answers (its
     * context) first, else their newest. Runs in the filing's transaction; empty when the message is
     * no survey answer, and it is then filed like any other.
     */
    public Optional<UUID> answerOnWhatsApp(UUID accountId, String fromAddress, String text, List<String> references) {
        Integer score = SurveyPolicy.scoreOf(text);
        if (score == null) {
            return Optional.empty();
        }
        Optional<ContactIdentity> identity = contacts.identity(IdentityKind.WHATSAPP, fromAddress);
        if (identity.isEmpty()) {
            return Optional.empty();
        }
        String answered = references.isEmpty() ? "" : references.get(references.size() - 1);
        List<?> ids = tenancy.sql("SELECT CAST(s.id AS text) FROM csat_surveys s JOIN tickets t ON t.id = s.ticket_id "
                        + "WHERE s.workspace_id = CAST(?1 AS uuid) AND s.account_id = CAST(?2 AS uuid) AND s.channel = 'whatsapp' AND s.status = 'sent' "
                        + "AND s.expires_at > ?3 AND t.requester_id = CAST(?4 AS uuid) ORDER BY (s.external_id = ?5) DESC, s.sent_at DESC LIMIT 1")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, accountId.toString()).setParameter(3, Timestamp.from(clock.instant()))
                .setParameter(4, identity.get().contact().id().toString()).setParameter(5, answered).getResultList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        CsatSurvey survey = tenancy.em().find(CsatSurvey.class, UUID.fromString(ids.get(0).toString()), LockModeType.PESSIMISTIC_WRITE);
        if (!SurveyPolicy.opens(survey.status(), survey.expiresAt(), clock.instant())) {
            return Optional.empty();
        }
        Ticket ticket = tenancy.em().find(Ticket.class, survey.ticketId());
        record(survey, ticket, score, null, "whatsapp");
        return Optional.of(ticket.id());
    }

    /** Whether the ticket's current resolution was rated already (through any channel). */
    /**
     * The customer's rating of the ticket's current resolution (the newest given since it was last
     * resolved); null while it is open or not rated since. After a reopen and a new solve the status
     * pages therefore ask again instead of showing the earlier score.
     */
    public SatisfactionRating ratingOfThisResolution(Ticket ticket) {
        boolean solved = ticket.status() == TicketStatus.RESOLVED || ticket.status() == TicketStatus.CLOSED;
        if (!solved || ticket.resolvedAt() == null) {
            return null;
        }
        return tenancy.em().createQuery("SELECT r FROM SatisfactionRating r WHERE r.ticketId = :t AND r.createdAt >= :since ORDER BY r.createdAt DESC",
                SatisfactionRating.class).setParameter("t", ticket.id()).setParameter("since", ticket.resolvedAt()).setMaxResults(1)
                .getResultStream().findFirst().orElse(null);
    }

    public boolean ratedThisResolution(Ticket ticket) {
        if (ticket.resolvedAt() == null) {
            return false;
        }
        return !tenancy.sql("SELECT 1 FROM satisfaction_ratings WHERE ticket_id = CAST(?1 AS uuid) AND created_at >= ?2 LIMIT 1")
                .setParameter(1, ticket.id().toString()).setParameter(2, Timestamp.from(ticket.resolvedAt())).getResultList().isEmpty();
    }

    /**
     * A rating given on the status page: it answers the resolution's survey too (one not yet sent is
     * then never sent; a sent link says "already answered").
     */
    public SatisfactionRating ratedOnStatusPage(Ticket ticket, int score, String comment) {
        validate(score, comment);
        CsatSurvey survey = ticket.resolvedAt() == null ? null : tenancy.em().createQuery(
                        "SELECT s FROM CsatSurvey s WHERE s.ticketId = :t AND s.resolvedAt = :r", CsatSurvey.class)
                .setParameter("t", ticket.id()).setParameter("r", ticket.resolvedAt()).getResultStream().findFirst().orElse(null);
        return record(survey != null && !"answered".equals(survey.status()) ? survey : null, ticket, score, comment, "portal");
    }

    private SatisfactionRating record(CsatSurvey survey, Ticket ticket, int score, String comment, String channel) {
        Instant now = clock.instant();
        String kept = comment == null || comment.isBlank() ? null : comment.strip();
        SatisfactionRating rating = new SatisfactionRating(ticket.id(), score, kept, survey == null ? null : survey.id(), channel, now);
        tenancy.em().persist(rating);
        if (survey != null) {
            survey.answered(now, channel);
        }
        tenancy.em().persist(new TicketEvent(ticket.id(), "rated", FieldChange.of("rating", null, score),
                Actor.customer(ticket.requester().id(), ticket.requester().name()), now));
        rated.fire(new RatingReceived(tenancy.workspaceId(), ticket.id(), rating.id()));
        return rating;
    }

    static void validate(Integer score, String comment) {
        if (score == null || score < 1 || score > 5) {
            throw new InvalidInputException("rating", "choose a score from 1 to 5");
        }
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw new InvalidInputException("comment", "at most " + MAX_COMMENT + " characters");
        }
    }
}
