package org.relaydesk.core.assist;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.relaydesk.api.assist.AssistTicket;
import org.relaydesk.api.assist.Classification;
import org.relaydesk.api.assist.Draft;
import org.relaydesk.api.assist.KnowledgeHit;
import org.relaydesk.api.assist.Mood;
import org.relaydesk.api.assist.NextAction;
import org.relaydesk.api.assist.Summary;
import org.relaydesk.core.access.Access;
import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.plugin.PluginAssistant;
import org.relaydesk.core.plugin.PluginGuard;
import org.relaydesk.core.plugin.PluginHost;
import org.relaydesk.core.text.Jsonp;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.Role;

/**
 * What the panels and the API ask of the assistant, for a staff member on a ticket they may open:
 * suggestions (mood, filing, next actions), a draft, a summary, related knowledge; carrying out a
 * suggestion; and the workspace's assistant settings. Works without an assistant: {@link #available}
 * is false and the calls answer "not available" (409), so no screen depends on a plugin. Every
 * suggestion and decision lands in {@link AssistLog}.
 */
@ApplicationScoped
public class AssistService {
    private static final Logger LOG = Logger.getLogger(AssistService.class.getName());

    @Inject
    PluginHost plugins;

    @Inject
    TicketService tickets;

    @Inject
    AssistTickets snapshots;

    @Inject
    AssistLog log;

    @Inject
    NextActionRunner runner;

    @Inject
    Tenancy tenancy;

    @Inject
    Access access;

    @Inject
    org.relaydesk.core.kb.KnowledgeBaseService kb;

    public boolean available() {
        return plugins.assistant().isPresent();
    }

    /** The assistant's view of a ticket. {@code suggestionId} names the recorded suggestion its actions' decisions point at. */
    public record Suggestions(UUID suggestionId, Mood mood, Classification classification, List<NextAction> actions, String model) {
    }

    /**
     * Suggestions for the ticket now; recorded when they differ from the last ones recorded for it.
     * Kinds the agent turned down ("Not now") are left out until the suggestions change.
     */
    @Transactional
    @RequiresRole(Role.AGENT)
    public Suggestions suggest(UUID ticketId) {
        PluginAssistant assistant = assistant();
        AssistTicket snapshot = snapshot(ticketId);
        Classification classification;
        List<NextAction> actions;
        try {
            classification = assistant.classify(snapshot);
            actions = assistant.suggestNextActions(snapshot);
        } catch (PluginGuard.CallFailed e) {
            throw unavailable(e);
        }
        if (classification == null) {
            classification = Classification.none(Mood.CALM, "");
        }
        String output = json(classification, actions);
        AssistLog.Latest latest = log.latest(ticketId, AssistLog.Feature.NEXT_ACTIONS);
        UUID id = latest != null && latest.output().equals(output) ? latest.id()
                : log.record(ticketId, AssistLog.Feature.NEXT_ACTIONS, AssistLog.Outcome.SUGGESTED, null, null, describe(snapshot), output,
                        classification.model(), assistant.pluginId(), caller());
        // what the agent turned down stays away while the suggestion is the same
        java.util.Set<String> rejected = log.rejectedKinds(id);
        List<NextAction> shown = actions.stream().filter(a -> !rejected.contains(a.kind().name().toLowerCase(java.util.Locale.ROOT))).toList();
        return new Suggestions(id, classification.mood(), classification, shown, classification.model());
    }

    /**
     * Carries out a next action on the ticket for the caller and records the decision: accepted (as
     * suggested) or edited (with arguments other than the suggestion's, compared here, not taken from
     * the client). {@code suggestionId} must be a suggestion recorded for this ticket that offered
     * this kind of action, or null for an action the agent chose without one.
     */
    @Transactional
    @RequiresRole(Role.AGENT)
    public String act(UUID ticketId, UUID suggestionId, NextAction.Kind kind, Map<String, String> arguments) {
        if (kind == null) {
            throw new InvalidInputException("kind", "must be one of " + java.util.Arrays.toString(NextAction.Kind.values()).toLowerCase(java.util.Locale.ROOT));
        }
        Ticket ticket = tickets.get(ticketId);
        String kindName = kind.name().toLowerCase(java.util.Locale.ROOT);
        Map<String, String> given = arguments == null ? Map.of() : arguments;
        boolean edited = false;
        if (suggestionId != null) {
            if (!log.isSuggestion(suggestionId, ticket.id())) {
                throw new InvalidInputException("suggestion_id", "is not a suggestion made for this ticket");
            }
            Map<String, String> suggested = log.suggestedArguments(suggestionId, kindName)
                    .orElseThrow(() -> new InvalidInputException("suggestion_id", "did not offer " + kindName));
            Map<String, String> compared = new java.util.TreeMap<>(given);
            compared.remove("confirmed"); // the agent's own tick on a checklist, never part of a suggestion
            edited = !compared.equals(suggested);
        }
        AuthenticatedUser agent = access.current().orElseThrow(() -> new org.relaydesk.core.error.PermissionDeniedException("a staff member acts on suggestions"));
        String done = runner.run(ticket.id(), kind, given, agent);
        log.record(ticket.id(), AssistLog.Feature.NEXT_ACTIONS, suggestionId == null ? AssistLog.Outcome.ACCEPTED
                        : edited ? AssistLog.Outcome.EDITED : AssistLog.Outcome.ACCEPTED, suggestionId, kindName, argumentsJson(given), done, "",
                plugins.assistant().map(PluginAssistant::pluginId).orElse(""), Actor.of(agent));
        return done;
    }

    /** "Not now": the agent turned a suggestion down; kept as feedback. */
    @Transactional
    @RequiresRole(Role.AGENT)
    public void dismiss(UUID ticketId, UUID suggestionId, NextAction.Kind kind) {
        Ticket ticket = tickets.get(ticketId);
        if (suggestionId == null || !log.isSuggestion(suggestionId, ticket.id())) {
            throw new InvalidInputException("suggestion_id", "is not a suggestion made for this ticket");
        }
        log.record(ticket.id(), AssistLog.Feature.NEXT_ACTIONS, AssistLog.Outcome.REJECTED, suggestionId,
                kind == null ? null : kind.name().toLowerCase(java.util.Locale.ROOT), "", "dismissed", "",
                plugins.assistant().map(PluginAssistant::pluginId).orElse(""), caller());
    }

    /**
     * A reply drafted for the ticket, recorded with what it rests on. No transaction is held while
     * the assistant writes (a remote model may take seconds): the ticket is read, then the draft
     * recorded, each in a short one.
     */
    @RequiresRole(Role.AGENT)
    public Draft draft(UUID ticketId) {
        PluginAssistant assistant = assistant();
        AssistTicket snapshot = snapshots.read(ticketId);
        Draft draft;
        try {
            draft = assistant.draftReply(snapshot);
        } catch (PluginGuard.CallFailed e) {
            throw unavailable(e);
        }
        draft = draft == null ? new Draft("", List.of(), "") : draft;
        if (!draft.sources().stream().allMatch(this::readable)) {
            // it quotes a solved ticket this agent may not open (a team-restricted workspace): not shown, not kept
            draft = new Draft("", List.of(), draft.model());
        }
        log.record(ticketId, AssistLog.Feature.DRAFT, AssistLog.Outcome.SUGGESTED, null, null, describe(snapshot),
                draft.text() + "\n\nSources: " + sources(draft.sources()), draft.model(), assistant.pluginId(), caller());
        return draft;
    }

    /** A short summary of the thread (like a draft, without a transaction while the assistant writes). */
    @RequiresRole(Role.AGENT)
    public Summary summary(UUID ticketId) {
        PluginAssistant assistant = assistant();
        AssistTicket snapshot = snapshots.read(ticketId);
        Summary summary;
        try {
            summary = assistant.summarise(snapshot);
        } catch (PluginGuard.CallFailed e) {
            throw unavailable(e);
        }
        summary = summary == null ? new Summary("", "") : summary;
        log.record(ticketId, AssistLog.Feature.SUMMARY, AssistLog.Outcome.SUGGESTED, null, null, describe(snapshot), summary.text(), summary.model(),
                assistant.pluginId(), caller());
        return summary;
    }

    /** Articles (any, staff read them all) and solved tickets like this one. */
    @Transactional
    @RequiresRole(Role.AGENT)
    public List<KnowledgeHit> related(UUID ticketId, int limit) {
        Ticket ticket = tickets.get(ticketId);
        PluginAssistant assistant = assistant();
        AssistTicket snapshot = snapshots.of(ticket, tickets.messages(ticketId, false));
        try {
            // a solved ticket's id is shown only when the caller may open that ticket
            return assistant.relatedKnowledge(ticket.workspaceId(), snapshot.customerText(), KnowledgeHit.Audience.STAFF, Math.max(1, Math.min(limit, 20)) + 5)
                    .stream().filter(hit -> !hit.id().equals(ticketId)).filter(this::readable).limit(Math.max(1, Math.min(limit, 20))).toList();
        } catch (PluginGuard.CallFailed e) {
            throw unavailable(e);
        }
    }

    /** Learns the workspace's articles and history again, now (minutes for a large one: no transaction is held meanwhile). */
    @RequiresRole(Role.ADMIN)
    public String retrain() {
        try {
            return assistant().retrain(tenancy.workspaceId());
        } catch (PluginGuard.CallFailed e) {
            throw unavailable(e);
        }
    }

    @Transactional
    @RequiresRole(Role.AGENT)
    public AssistSettings settings() {
        return settingsOf(tenancy.workspaceId());
    }

    /** For the triage and the widget, which run as the system. */
    @Transactional
    public AssistSettings settingsOf(UUID workspaceId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = tenancy.sql("SELECT apply_above, escalate_frustrated, widget_answers FROM assist_settings WHERE workspace_id = CAST(?1 AS uuid)")
                .setParameter(1, workspaceId.toString()).getResultList();
        if (rows.isEmpty()) {
            return AssistSettings.DEFAULTS;
        }
        Object[] row = rows.get(0);
        return new AssistSettings((BigDecimal) row[0], (Boolean) row[1], (Boolean) row[2]);
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public AssistSettings saveSettings(AssistSettings changed) {
        tenancy.sql("INSERT INTO assist_settings (workspace_id, apply_above, escalate_frustrated, widget_answers, updated_at) VALUES "
                        + "(CAST(?1 AS uuid), ?2, ?3, ?4, now()) ON CONFLICT (workspace_id) DO UPDATE SET apply_above = EXCLUDED.apply_above, "
                        + "escalate_frustrated = EXCLUDED.escalate_frustrated, widget_answers = EXCLUDED.widget_answers, updated_at = now()")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, changed.applyAbove()).setParameter(3, changed.escalateFrustrated())
                .setParameter(4, changed.widgetAnswers()).executeUpdate();
        return changed;
    }

    /** Per feature, how suggestions fared (accepted, edited, rejected...). */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public Map<String, Map<String, Long>> feedback() {
        return log.counts();
    }

    /** The ticket's audit trail of the assistant. */
    @Transactional
    @RequiresRole(Role.AGENT)
    public List<AssistLog.Entry> trail(UUID ticketId) {
        tickets.get(ticketId);
        return log.ofTicket(ticketId);
    }

    /** What a widget visitor is told: an answer from public articles (their titles and addresses), or that a person should help now. */
    public record VisitorAnswer(UUID answerId, boolean known, String text, List<Source> sources, boolean personNow) {
    }

    /** A public article an answer rests on. */
    public record Source(String title, String slug) {
    }

    static final int MAX_QUESTION = 500;

    /**
     * A widget visitor's question, answered from the workspace's public articles before the contact
     * form (seed 000). A visitor who sounds frustrated or aggressive is offered a person at once, with
     * no article. The sources are checked here, whatever the plugin returned: published public
     * articles of this workspace only; an answer whose sources do not pass is not shown. Recorded for
     * the "Was this helpful?" feedback. The caller has checked the widget and its site.
     */
    @Transactional
    public VisitorAnswer answerVisitor(UUID workspaceId, String question, String language) {
        String asked = question == null ? "" : question.strip();
        if (asked.length() < 3 || asked.length() > MAX_QUESTION) {
            throw new InvalidInputException("q", "must be 3 to " + MAX_QUESTION + " characters");
        }
        PluginAssistant assistant = assistant();
        Actor visitor = new Actor("customer", null, "Widget visitor");
        AssistTicket ticket = new AssistTicket(workspaceId, UUID.randomUUID(), "", asked, "new", "medium", "widget", null, null, null, List.of(),
                null, null, java.time.Instant.now(), List.of(new AssistTicket.Turn(AssistTicket.Author.CUSTOMER, asked, java.time.Instant.now())), 0);
        org.relaydesk.api.assist.Answer answer;
        Mood mood;
        try {
            Classification classification = assistant.classify(ticket);
            mood = classification == null ? Mood.CALM : classification.mood();
            if (mood.frustrated() || mood.aggressive()) {
                UUID id = log.record(null, AssistLog.Feature.ANSWER, AssistLog.Outcome.SUGGESTED, null, null, asked,
                        "a person offered at once: " + String.join("; ", mood.signals()), classification.model(), assistant.pluginId(), visitor);
                return new VisitorAnswer(id, false, "", List.of(), true);
            }
            answer = assistant.answer(workspaceId, asked, KnowledgeHit.Audience.PUBLIC, language);
        } catch (PluginGuard.CallFailed e) {
            throw unavailable(e);
        }
        List<Source> sources = new java.util.ArrayList<>();
        for (KnowledgeHit hit : answer == null ? List.<KnowledgeHit>of() : answer.sources()) {
            if (hit.source() != KnowledgeHit.Source.ARTICLE) {
                continue;
            }
            kb.asVisitor(workspaceId, base -> {
                try {
                    return Optional.of(base.article(hit.id()));
                } catch (org.relaydesk.core.error.NotFoundException e) {
                    return Optional.<org.relaydesk.core.kb.KbArticle>empty();
                }
            }).filter(a -> a.status() == org.relaydesk.core.kb.ArticleStatus.PUBLISHED && a.visibility() == org.relaydesk.core.kb.Visibility.PUBLIC
                    && a.workspaceId().equals(workspaceId)).ifPresent(a -> sources.add(new Source(a.title(), a.slug())));
        }
        boolean known = answer != null && answer.known() && !sources.isEmpty() && sources.size() == answer.sources().size();
        String text = known ? answer.text() : answer != null && !answer.known() ? answer.text() : "";
        UUID id = log.record(null, AssistLog.Feature.ANSWER, AssistLog.Outcome.SUGGESTED, null, null, asked,
                (known ? text : "unknown: " + text) + (sources.isEmpty() ? "" : "\n\nSources: " + String.join(", ", sources.stream().map(Source::slug).toList())),
                answer == null ? "" : answer.model(), assistant.pluginId(), visitor);
        return new VisitorAnswer(id, known, text, known ? sources : List.of(), false);
    }

    /** "Was this helpful?": once per answer, for an answer given in this workspace. */
    @Transactional
    public void answerFeedback(UUID answerId, boolean helpful) {
        Number answers = (Number) tenancy.sql("SELECT count(*) FROM assist_events WHERE id = CAST(?1 AS uuid) AND workspace_id = CAST(?2 AS uuid) "
                + "AND feature = 'answer' AND outcome = 'suggested'").setParameter(1, answerId.toString()).setParameter(2, tenancy.workspaceId().toString())
                .getSingleResult();
        if (answers.intValue() == 0) {
            throw new org.relaydesk.core.error.NotFoundException("Answer");
        }
        Number decided = (Number) tenancy.sql("SELECT count(*) FROM assist_events WHERE suggestion_id = CAST(?1 AS uuid)")
                .setParameter(1, answerId.toString()).getSingleResult();
        if (decided.intValue() > 0) {
            throw new ConflictException("feedback-given", "Thanks, this answer has feedback already", Map.of());
        }
        log.record(null, AssistLog.Feature.ANSWER, helpful ? AssistLog.Outcome.ACCEPTED : AssistLog.Outcome.REJECTED, answerId, null, "",
                helpful ? "helpful" : "not helpful", "", plugins.assistant().map(PluginAssistant::pluginId).orElse(""),
                new Actor("customer", null, "Widget visitor"));
    }

    /** Whether the widget of this workspace answers questions before its form. */
    @Transactional
    public boolean answersVisitors(UUID workspaceId) {
        return available() && settingsOf(workspaceId).widgetAnswers();
    }

    private boolean readable(KnowledgeHit hit) {
        if (hit.source() != KnowledgeHit.Source.TICKET) {
            return true;
        }
        try {
            tickets.get(hit.id());
            return true;
        } catch (org.relaydesk.core.error.NotFoundException e) {
            return false;
        }
    }

    /** The ticket as the assistant reads it, for a caller who may open it (else 404). */
    private AssistTicket snapshot(UUID ticketId) {
        return snapshots.of(tickets.get(ticketId), tickets.messages(ticketId, true));
    }

    PluginAssistant assistant() {
        return plugins.assistant().orElseThrow(() -> new ConflictException("assistant-not-available",
                "No assistant is enabled: an administrator can enable the AI assist plugin on /admin/plugins", Map.of()));
    }

    private static ConflictException unavailable(PluginGuard.CallFailed e) {
        LOG.log(Level.INFO, "The assistant did not answer", e);
        return new ConflictException("assistant-failed", "The assistant did not answer: " + e.getMessage(), Map.of());
    }

    private Actor caller() {
        Optional<AuthenticatedUser> user = access.current();
        return user.map(Actor::of).orElse(Actor.SYSTEM);
    }

    /** What the assistant was given, in brief: the trail keeps the ticket's id, not a copy of its thread. */
    static String describe(AssistTicket ticket) {
        return "ticket " + ticket.number() + " (" + ticket.status() + ", " + ticket.turns().size() + " messages)";
    }

    static String json(Classification classification, List<NextAction> actions) {
        JsonObjectBuilder out = Jsonp.createObjectBuilder();
        Mood mood = classification.mood();
        out.add("mood", Jsonp.createObjectBuilder().add("frustration", mood.frustration()).add("frustrated", mood.frustrated())
                .add("aggressive", mood.aggressive()).add("signals", Jsonp.createArrayBuilder(mood.signals())));
        out.add("category", guesses(classification.categories())).add("team", guesses(classification.teams()))
                .add("priority", guesses(classification.priorities())).add("tags", guesses(classification.tags()));
        JsonArrayBuilder list = Jsonp.createArrayBuilder();
        for (NextAction action : actions) {
            JsonObjectBuilder args = Jsonp.createObjectBuilder();
            new java.util.TreeMap<>(action.arguments()).forEach(args::add);
            list.add(Jsonp.createObjectBuilder().add("kind", action.kind().name().toLowerCase(java.util.Locale.ROOT)).add("title", action.title())
                    .add("reason", action.reason()).add("confidence", action.confidence()).add("arguments", args));
        }
        return out.add("actions", list).build().toString();
    }

    private static JsonArrayBuilder guesses(List<Classification.Guess> guesses) {
        JsonArrayBuilder list = Jsonp.createArrayBuilder();
        guesses.forEach(g -> list.add(Jsonp.createObjectBuilder().add("value", g.value()).add("confidence", g.confidence())));
        return list;
    }

    private static String argumentsJson(Map<String, String> arguments) {
        JsonObjectBuilder args = Jsonp.createObjectBuilder();
        new java.util.TreeMap<>(arguments == null ? Map.<String, String>of() : arguments).forEach((k, v) -> args.add(k, v == null ? "" : v));
        return args.build().toString();
    }

    private static String sources(List<KnowledgeHit> hits) {
        return String.join(", ", hits.stream().map(h -> h.source().name().toLowerCase(java.util.Locale.ROOT) + " " + h.id() + " (" + h.title() + ")").toList());
    }
}
