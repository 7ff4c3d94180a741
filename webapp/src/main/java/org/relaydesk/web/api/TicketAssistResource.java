package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.api.assist.Classification;
import org.relaydesk.api.assist.KnowledgeHit;
import org.relaydesk.api.assist.NextAction;
import org.relaydesk.core.assist.AssistLog;
import org.relaydesk.core.assist.AssistService;
import org.relaydesk.core.error.InvalidInputException;

/**
 * The assistant on a ticket through the API: its suggestions, carrying one out, a draft, a summary,
 * related knowledge and the audit trail, for agents on tickets they may open (the service checks
 * both). Without an enabled assistant every call answers 409 assistant-not-available.
 */
@Path("/tickets/{id}/assist")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Assist")
public class TicketAssistResource {
    @Inject
    AssistService assist;

    public record GuessJson(String value, double confidence) {
    }

    public record MoodJson(double frustration, boolean frustrated, boolean aggressive, List<String> signals) {
    }

    public record ActionJson(String kind, String title, String reason, double confidence, Map<String, String> arguments) {
        static ActionJson of(NextAction a) {
            return new ActionJson(a.kind().name().toLowerCase(Locale.ROOT), a.title(), a.reason(), a.confidence(), new java.util.TreeMap<>(a.arguments()));
        }
    }

    public record SuggestionsJson(UUID suggestionId, MoodJson mood, List<GuessJson> category, List<GuessJson> team, List<GuessJson> priority,
            List<GuessJson> tags, GuessJson language, List<ActionJson> actions, String model) {
    }

    public record HitJson(String source, UUID id, String title, String url, String passage, double score) {
        static HitJson of(KnowledgeHit h) {
            return new HitJson(h.source().name().toLowerCase(Locale.ROOT), h.id(), h.title(), h.url(), h.passage(), Math.round(h.score() * 1000) / 1000.0);
        }
    }

    public record TextJson(String text, List<HitJson> sources, String model) {
    }

    public record DoneJson(String done) {
    }

    public record HitList(List<HitJson> data) {
    }

    public record TrailJson(UUID id, String feature, String outcome, UUID suggestionId, String actionKind, String input, String output, String model,
            String actor, Instant at) {
    }

    public record TrailList(List<TrailJson> data) {
    }

    @GET
    public SuggestionsJson suggestions(@PathParam("id") String id) {
        AssistService.Suggestions s = assist.suggest(Params.pathId(id, "Ticket"));
        Classification c = s.classification();
        return new SuggestionsJson(s.suggestionId(), new MoodJson(s.mood().frustration(), s.mood().frustrated(), s.mood().aggressive(), s.mood().signals()),
                guesses(c.categories()), guesses(c.teams()), guesses(c.priorities()), guesses(c.tags()),
                c.language() == null ? null : new GuessJson(c.language().value(), c.language().confidence()),
                s.actions().stream().map(ActionJson::of).toList(), s.model());
    }

    @POST
    @Path("/actions")
    public DoneJson act(@PathParam("id") String id, JsonObject json) {
        AssistActionRequest request = AssistActionRequest.from(new Body(json));
        return new DoneJson(assist.act(Params.pathId(id, "Ticket"), request.suggestionId(), request.kind(), request.arguments()));
    }

    @POST
    @Path("/dismissals")
    public DoneJson dismiss(@PathParam("id") String id, JsonObject json) {
        Body body = new Body(json);
        UUID suggestion = Params.optionalId(body.string("suggestion_id"), "suggestion_id");
        if (suggestion == null) {
            throw new InvalidInputException("suggestion_id", "is required");
        }
        String kind = body.string("kind");
        assist.dismiss(Params.pathId(id, "Ticket"), suggestion, kind == null ? null : java.util.Arrays.stream(NextAction.Kind.values())
                .filter(k -> k.name().equalsIgnoreCase(kind.strip())).findFirst().orElseThrow(() -> new InvalidInputException("kind", "is not a known kind")));
        return new DoneJson("dismissed");
    }

    @POST
    @Path("/draft")
    public TextJson draft(@PathParam("id") String id) {
        var draft = assist.draft(Params.pathId(id, "Ticket"));
        return new TextJson(draft.text(), draft.sources().stream().map(HitJson::of).toList(), draft.model());
    }

    @POST
    @Path("/summary")
    public TextJson summary(@PathParam("id") String id) {
        var summary = assist.summary(Params.pathId(id, "Ticket"));
        return new TextJson(summary.text(), List.of(), summary.model());
    }

    @GET
    @Path("/related")
    public HitList related(@PathParam("id") String id, @QueryParam("limit") String limit) {
        return new HitList(assist.related(Params.pathId(id, "Ticket"), Params.intInRange(limit, "limit", 5, 1, 20)).stream().map(HitJson::of).toList());
    }

    @GET
    @Path("/trail")
    public TrailList trail(@PathParam("id") String id) {
        return new TrailList(assist.trail(Params.pathId(id, "Ticket")).stream().map(TicketAssistResource::trail).toList());
    }

    private static List<GuessJson> guesses(List<Classification.Guess> guesses) {
        return guesses.stream().map(g -> new GuessJson(g.value(), g.confidence())).toList();
    }

    private static TrailJson trail(AssistLog.Entry e) {
        return new TrailJson(e.id(), e.feature(), e.outcome(), e.suggestionId(), e.actionKind(), e.input(), e.output(), e.model(), e.actor(), e.at());
    }
}
