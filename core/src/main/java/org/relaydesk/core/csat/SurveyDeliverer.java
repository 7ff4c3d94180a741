package org.relaydesk.core.csat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.InteractiveChoices;
import org.relaydesk.api.channel.OutboundMessage;
import org.relaydesk.core.channel.ChannelAccountRecord;
import org.relaydesk.core.channel.ChannelAccounts;
import org.relaydesk.core.channel.NoticeMailer;
import org.relaydesk.core.job.OwnTransaction;
import org.relaydesk.core.outbox.OutboxDeliverer;
import org.relaydesk.core.outbox.OutboxEntry;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.plugin.ChannelKind;
import org.relaydesk.core.plugin.PluginHost;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.FieldChange;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketEvent;
import org.relaydesk.core.user.Secrets;
import org.relaydesk.core.workspace.Workspace;

/**
 * Sends a queued survey: by email through the workspace's mailbox, like other notices, or on WhatsApp
 * as a message with a list of the five scores and the link. The link's token is minted here, when
 * it is sent, so no usable token ever sits in the outbox; only its hash is kept, committed before the
 * message leaves so that the link opens as soon as it arrives. A survey whose
 * ticket was reopened meanwhile, or that was answered on the status page, is not sent.
 */
@ApplicationScoped
public class SurveyDeliverer implements OutboxDeliverer {
    public static final String KIND = "csat.survey";
    public static final String TOKEN_PREFIX = "rds_";
    /** WhatsApp shows at most 1,024 characters above a list; the link and question always fit. */
    static final int WHATSAPP_BODY_LIMIT = 1024;

    @Inject
    Tenancy tenancy;

    @Inject
    OwnTransaction own;

    @Inject
    NoticeMailer mailer;

    @Inject
    PluginHost plugins;

    @Inject
    ChannelAccounts accounts;

    @Inject
    CsatSettingsStore settings;

    /** Replaced in tests. */
    Clock clock = Clock.systemUTC();

    @Override
    public String kind() {
        return KIND;
    }

    /** The survey page of a workspace for this token. */
    public static String link(Workspace workspace, String token) {
        return NoticeMailer.baseUrl() + "/survey/" + workspace.slug() + "?t=" + token;
    }

    @Override
    public void deliver(OutboxEntry entry) throws DeliveryFailed {
        JsonObject payload = entry.payloadObject();
        CsatSurvey survey = tenancy.em().find(CsatSurvey.class, UUID.fromString(payload.getString("survey_id")));
        if (survey == null) {
            throw new DeliveryFailed("the survey was deleted with its ticket", true);
        }
        if (!"queued".equals(survey.status())) {
            return; // answered on the status page, or cancelled, since it was queued
        }
        Ticket ticket = tenancy.em().find(Ticket.class, survey.ticketId());
        SurveySettings current = settings.current();
        if (ticket == null || !SurveyPolicy.sameResolution(ticket.status(), ticket.resolvedAt(), survey.resolvedAt())) {
            survey.cancel("the ticket was reopened before the survey went out");
            return;
        }
        if (!current.enabled()) {
            survey.cancel("surveys were switched off");
            return;
        }
        Workspace workspace = tenancy.global().find(Workspace.class, tenancy.workspaceId());
        SurveyWording wording = SurveyWording.render(current, SurveyWording.variables(ticket.requester().name(),
                workspace.displayNumber(ticket.number()), ticket.subject(), ticket.assignee() == null ? null : ticket.assignee().name(), workspace.name()));
        String token = Secrets.newToken(TOKEN_PREFIX);
        String hash = Secrets.sha256(token);
        Instant expires = SurveyPolicy.expiresAt(clock.instant(), current);
        UUID surveyId = survey.id();
        // committed before the message leaves: the customer may follow the link before this transaction ends
        own.run(() -> tenancy.em().find(CsatSurvey.class, surveyId).linkIssued(hash, expires));
        String link = link(workspace, token);
        String to = payload.getString("to");
        String providerId = null;
        if ("whatsapp".equals(payload.getString("channel"))) {
            providerId = sendWhatsApp(UUID.fromString(payload.getString("account_id")), to, ticket, workspace, wording, link);
        } else {
            mailer.send(to, ticket.requester().name(), wording.subject(), wording.emailText(link, current.expiryDays()));
        }
        Instant now = clock.instant();
        survey.sent(hash, now, expires, providerId);
        tenancy.em().persist(new TicketEvent(ticket.id(), "survey_sent", FieldChange.of("survey", null, payload.getString("channel")), Actor.SYSTEM, now));
    }

    private String sendWhatsApp(UUID accountId, String to, Ticket ticket, Workspace workspace, SurveyWording wording, String link) throws DeliveryFailed {
        ChannelAccountRecord account = tenancy.em().find(ChannelAccountRecord.class, accountId);
        if (account == null) {
            throw new DeliveryFailed("the WhatsApp account was deleted", true);
        }
        ChannelKind kind = plugins.channelKind(account.kind()).orElseThrow(() -> new DeliveryFailed("no enabled plugin offers '" + account.kind()
                + "' (it is tried again)", false));
        String tail = "\n\n" + wording.question() + "\nChoose a score below, or answer (with a comment) here: " + link;
        String body = wording.body();
        int room = WHATSAPP_BODY_LIMIT - tail.length();
        if (body.length() > room) {
            body = body.substring(0, Math.max(0, room - 1)) + "…";
        }
        List<InteractiveChoices.Choice> scores = new java.util.ArrayList<>();
        for (int score = 5; score >= 1; score--) {
            scores.add(new InteractiveChoices.Choice("csat:" + score, SurveyPolicy.choiceTitle(score), null, null));
        }
        OutboundMessage message = new OutboundMessage(workspace.displayNumber(ticket.number()), to, ticket.requester().name(), wording.subject(),
                body + tail, null, List.of(), workspace.name(), null, List.of(), new InteractiveChoices(null, null, "Rate us", scores), null, null);
        ChannelKind.Connector connector = null;
        try {
            connector = kind.connect(accounts.forConnector(accountId));
            return connector.send(message).externalId();
        } catch (ChannelException e) {
            // a closed window or an opted-out number is refused for good: the same send fails again
            throw new DeliveryFailed(org.relaydesk.core.net.ConnectionErrors.forAdmin(e, "Sending a survey through channel account " + accountId),
                    !e.retryable());
        } finally {
            if (connector != null) {
                connector.close();
            }
        }
    }
}
