package org.relaydesk.core.csat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.relaydesk.core.channel.ReplyRoutes;
import org.relaydesk.core.job.OwnTransaction;
import org.relaydesk.core.job.ScheduledJob;
import org.relaydesk.core.outbox.OutboxEntry;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.text.Jsonp;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.FieldChange;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketEvent;

/**
 * Sends the surveys that fell due: for each, checks that its resolution still stands and surveys are
 * on, picks the channel ({@link SurveyPolicy#decide}) and queues it in the outbox, or records why
 * it cannot go out (on the survey and in the ticket's activity). Each survey is handled in a
 * transaction of its own, so one that fails never holds up the others; a pause of the scheduler
 * (a restart) only delays surveys, since they wait in the table.
 */
@ApplicationScoped
public class SurveyJob implements ScheduledJob {
    static final int BATCH = 200;
    private static final Logger LOG = Logger.getLogger(SurveyJob.class.getName());

    @Inject
    Tenancy tenancy;

    @Inject
    OwnTransaction own;

    @Inject
    CsatSettingsStore settings;

    @Inject
    ReplyRoutes routes;

    /** Replaced in tests. */
    Clock clock = Clock.systemUTC();

    @Override
    public String name() {
        return "csat.surveys";
    }

    @Override
    public Duration interval() {
        int seconds = ConfigProvider.getConfig().getOptionalValue("relaydesk.csat.check-seconds", Integer.class).orElse(60);
        return Duration.ofSeconds(Math.max(1, seconds));
    }

    @Override
    public void run() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object[]> due = own.call(() -> tenancy.sql("SELECT CAST(id AS text), CAST(workspace_id AS text) FROM csat_surveys "
                + "WHERE status = 'scheduled' AND due_at <= ?1 ORDER BY due_at LIMIT " + BATCH).setParameter(1, Timestamp.from(now)).getResultList());
        for (Object[] row : due) {
            UUID id = UUID.fromString(row[0].toString());
            tenancy.actAs(UUID.fromString(row[1].toString()));
            try {
                own.run(() -> dispatch(id));
            } catch (RuntimeException e) {
                String reason = OwnTransaction.reasonOf(e);
                LOG.warning(() -> "Survey " + id + " could not be sent (" + reason + ")");
                own.run(() -> {
                    CsatSurvey survey = tenancy.em().find(CsatSurvey.class, id);
                    if (survey != null) {
                        survey.decided(SurveyPolicy.Decision.unreachable("it could not be prepared: " + reason));
                    }
                });
            }
        }
    }

    /** One survey, in its own transaction; a survey no longer scheduled (answered on the status page meanwhile) is left alone. */
    void dispatch(UUID id) {
        CsatSurvey survey = tenancy.em().find(CsatSurvey.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (survey == null || !"scheduled".equals(survey.status())) {
            return;
        }
        Ticket ticket = tenancy.em().find(Ticket.class, survey.ticketId());
        if (ticket == null) {
            survey.cancel("the ticket was deleted");
            return;
        }
        SurveyPolicy.WhatsAppRoute whatsApp = routes.routesOf(ticket).stream().filter(r -> "whatsapp".equals(r.kind())).findFirst()
                .map(r -> new SurveyPolicy.WhatsAppRoute(r.accountId(), r.toAddress(), r.optedOut(), !r.window().closed())).orElse(null);
        SurveyPolicy.Decision decision = SurveyPolicy.decide(settings.current(), ticket.status(), ticket.resolvedAt(), survey.resolvedAt(),
                ticket.mergedIntoId() != null, whatsApp, ticket.requester().primaryEmail());
        survey.decided(decision);
        if (decision.sends()) {
            var payload = Jsonp.createObjectBuilder().add("survey_id", id.toString()).add("channel", decision.channel().stored())
                    .add("to", decision.address());
            if (decision.accountId() != null) {
                payload.add("account_id", decision.accountId().toString());
            }
            tenancy.em().persist(new OutboxEntry(SurveyDeliverer.KIND, payload.build().toString()));
        } else if ("unreachable".equals(decision.outcome())) {
            // the agents see in the ticket's activity why no survey went out
            tenancy.em().persist(new TicketEvent(ticket.id(), "survey_not_sent", FieldChange.of("survey", null, decision.reason()), Actor.SYSTEM,
                    clock.instant()));
        }
    }
}
