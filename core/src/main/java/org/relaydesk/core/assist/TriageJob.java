package org.relaydesk.core.assist;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.relaydesk.api.assist.AssistTicket;
import org.relaydesk.api.assist.Classification;
import org.relaydesk.api.assist.Mood;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.core.job.OwnTransaction;
import org.relaydesk.core.job.ScheduledJob;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.plugin.PluginAssistant;
import org.relaydesk.core.plugin.PluginGuard;
import org.relaydesk.core.plugin.PluginHost;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.Category;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketPatch;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.team.Team;

/**
 * Triage on arrival: each new ticket (of the last hour, not triaged yet) is read by the assistant a
 * few seconds after it is filed, off the path that files it. Its suggested category, team, priority
 * and tags are recorded; where the workspace set a confidence above which they apply, those that
 * pass it fill fields still empty (a category or team someone chose is never overwritten) and add
 * tags. A customer who sounds frustrated or aggressive gets the ticket flagged (tag
 * {@code frustrated}), its priority raised (high, or urgent when aggressive) and a note saying why.
 * One ticket's failure is recorded and does not stop the others; with no assistant the job does
 * nothing.
 */
@ApplicationScoped
public class TriageJob implements ScheduledJob {
    static final int BATCH = 50;
    static final String FLAG = "frustrated";
    private static final Logger LOG = Logger.getLogger(TriageJob.class.getName());
    static final Actor ASSISTANT = new Actor("system", null, "Assistant");

    @Inject
    Tenancy tenancy;

    @Inject
    OwnTransaction own;

    @Inject
    PluginHost plugins;

    @Inject
    TicketService tickets;

    @Inject
    AssistTickets snapshots;

    @Inject
    AssistLog log;

    @Inject
    AssistService assist;

    /** Replaced in tests. */
    Clock clock = Clock.systemUTC();

    @Override
    public String name() {
        return "assist.triage";
    }

    @Override
    public Duration interval() {
        int seconds = ConfigProvider.getConfig().getOptionalValue("relaydesk.assist.triage-seconds", Integer.class).orElse(5);
        return Duration.ofSeconds(Math.max(1, seconds));
    }

    @Override
    public void run() {
        Optional<PluginAssistant> assistant = plugins.assistant();
        if (assistant.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> due = own.call(() -> tenancy.sql("SELECT CAST(t.id AS text), CAST(t.workspace_id AS text) FROM tickets t "
                        + "WHERE t.created_at > ?1 AND t.merged_into_id IS NULL AND t.status IN ('NEW', 'OPEN', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', "
                        + "'WAITING_ON_THIRD_PARTY') AND t.type <> 'TASK' "
                        // triaged once; a ticket whose triage failed (the plugin paused or busy) is tried again, at most three times
                        + "AND NOT EXISTS (SELECT 1 FROM assist_events e WHERE e.ticket_id = t.id AND e.feature = 'triage' AND e.outcome <> 'failed') "
                        + "AND (SELECT count(*) FROM assist_events e WHERE e.ticket_id = t.id AND e.feature = 'triage') < 3 "
                        + "ORDER BY t.created_at LIMIT " + BATCH)
                .setParameter(1, Timestamp.from(clock.instant().minus(Duration.ofHours(1)))).getResultList());
        for (Object[] row : due) {
            UUID ticketId = UUID.fromString((String) row[0]);
            tenancy.actAs(UUID.fromString((String) row[1]));
            try {
                own.run(() -> triage(assistant.get(), ticketId));
            } catch (RuntimeException e) {
                String reason = OwnTransaction.reasonOf(e);
                LOG.warning(() -> "Ticket " + ticketId + " could not be triaged (" + reason + ")");
                own.run(() -> log.record(ticketId, AssistLog.Feature.TRIAGE, AssistLog.Outcome.FAILED, null, null, "ticket " + ticketId, reason, "",
                        assistant.get().pluginId(), ASSISTANT));
            }
        }
    }

    void triage(PluginAssistant assistant, UUID ticketId) {
        Ticket ticket = tenancy.em().find(Ticket.class, ticketId);
        if (ticket == null) {
            return;
        }
        AssistTicket snapshot = snapshots.of(ticket, tickets.messages(ticketId, true));
        Classification classification;
        try {
            classification = assistant.classify(snapshot);
        } catch (PluginGuard.CallFailed e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (classification == null) {
            classification = Classification.none(Mood.CALM, "");
        }
        AssistSettings settings = assist.settingsOf(ticket.workspaceId());
        StringBuilder applied = new StringBuilder();
        if (settings.applyAbove() != null) {
            apply(ticket, classification, settings.applyAbove(), applied);
        }
        Mood mood = classification.mood();
        if ((mood.frustrated() || mood.aggressive()) && settings.escalateFrustrated()) {
            flag(ticket, mood, applied);
        }
        log.record(ticketId, AssistLog.Feature.TRIAGE, applied.length() == 0 ? AssistLog.Outcome.SUGGESTED : AssistLog.Outcome.APPLIED, null, null,
                AssistService.describe(snapshot), AssistService.json(classification, List.of()) + (applied.length() == 0 ? "" : "\napplied:" + applied),
                classification.model(), assistant.pluginId(), ASSISTANT);
    }

    private void apply(Ticket ticket, Classification classification, BigDecimal threshold, StringBuilder applied) {
        double line = threshold.doubleValue();
        UUID category = null;
        if (ticket.categoryId() == null && !classification.categories().isEmpty() && classification.categories().get(0).confidence() >= line) {
            category = named(Category.class, classification.categories().get(0).value());
        }
        UUID team = null;
        if (ticket.teamId() == null && !classification.teams().isEmpty() && classification.teams().get(0).confidence() >= line) {
            team = named(Team.class, classification.teams().get(0).value());
        }
        String priority = null;
        if (!classification.priorities().isEmpty() && classification.priorities().get(0).confidence() >= line
                && TicketPriority.fromApiName(classification.priorities().get(0).value()).filter(p -> p.rank() > ticket.priority().rank()).isPresent()) {
            priority = classification.priorities().get(0).value();
        }
        Set<String> tags = new LinkedHashSet<>(ticket.tags());
        classification.tags().stream().filter(g -> g.confidence() >= line).forEach(g -> tags.add(g.value()));
        boolean newTags = tags.size() > ticket.tags().size();
        if (category == null && team == null && priority == null && !newTags) {
            return;
        }
        tickets.update(ticket.id(), new TicketPatch(null, null, null, priority, null, category == null ? null : Optional.of(category), null,
                team == null ? null : Optional.of(team), null, newTags ? tags : null, null), ASSISTANT);
        applied.append(category != null ? " category" : "").append(team != null ? " team" : "").append(priority != null ? " priority" : "")
                .append(newTags ? " tags" : "");
    }

    private void flag(Ticket ticket, Mood mood, StringBuilder applied) {
        TicketPriority raised = mood.aggressive() ? TicketPriority.URGENT : TicketPriority.HIGH;
        Set<String> tags = new LinkedHashSet<>(ticket.tags());
        tags.add(FLAG);
        tickets.update(ticket.id(), new TicketPatch(null, null, null, raised.rank() > ticket.priority().rank() ? raised.apiName() : null, null, null,
                null, null, null, tags, null), ASSISTANT);
        tickets.addAutomatedMessage(ticket.id(), org.relaydesk.core.text.MessageSanitizer.plainToHtml("The customer sounds "
                + (mood.aggressive() ? "aggressive" : "frustrated") + " (" + Math.round(mood.frustration() * 100) + " %): "
                + String.join("; ", mood.signals())), true, ASSISTANT);
        applied.append(" escalated");
    }

    private <T> UUID named(Class<T> type, String name) {
        String entity = type.getSimpleName();
        return tenancy.em().createQuery("SELECT e.id FROM " + entity + " e WHERE lower(e.name) = :name", UUID.class)
                .setParameter("name", name.toLowerCase(Locale.ROOT)).getResultStream().findFirst().orElse(null);
    }
}
