package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.retention.LegalHolds;
import org.relaydesk.core.retention.RetentionPolicies;
import org.relaydesk.core.retention.RetentionPolicy;
import org.relaydesk.web.security.CurrentUser;

/**
 * Retention policies (admins): what happens to old tickets, with a preview that lists them and a run
 * on demand; and legal holds, which keep a ticket out of every policy, deletion and erasure.
 */
@Path("/retention")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Retention")
@SecurityRequirement(name = "bearer")
public class RetentionResource {
    @Inject
    RetentionPolicies policies;

    @Inject
    LegalHolds holds;

    @Inject
    CurrentUser currentUser;

    public record PolicyJson(UUID id, String name, String action, int afterDays, List<String> statuses, List<String> channels, UUID categoryId,
            boolean enabled, Instant lastRunAt, Integer lastRunCount) {
        static PolicyJson of(RetentionPolicy p) {
            return new PolicyJson(p.id(), p.name(), p.action().apiName(), p.afterDays(), p.statuses().stream().map(s -> s.name().toLowerCase(Locale.ROOT))
                    .sorted().toList(), p.channels().stream().sorted().toList(), p.categoryId(), p.enabled(), p.lastRunAt(), p.lastRunCount());
        }
    }

    public record PolicyList(List<PolicyJson> policies) {
    }

    /** A preview or a run: how many tickets, their numbers (the first 1,000), and the last change before which they qualify. */
    public record MatchesJson(int count, List<Long> tickets, Instant changedBefore) {
        static MatchesJson of(RetentionPolicies.Matches m) {
            return new MatchesJson(m.count(), m.numbers(), m.changedBefore());
        }
    }

    @GET
    @Path("/policies")
    public PolicyList list() {
        return new PolicyList(policies.list(currentUser.get()).stream().map(PolicyJson::of).toList());
    }

    /** {@code name, action (close | delete | delete_attachments), after_days (1-3650), statuses [..], channels [..]?, category_id?, enabled?}. */
    @POST
    @Path("/policies")
    public Response create(JsonObject json) {
        return Response.status(Response.Status.CREATED).entity(PolicyJson.of(policies.create(currentUser.get(), draft(json)))).build();
    }

    @PUT
    @Path("/policies/{id}")
    public PolicyJson update(@PathParam("id") String id, JsonObject json) {
        return PolicyJson.of(policies.update(currentUser.get(), Params.pathId(id, "Retention policy"), draft(json)));
    }

    @DELETE
    @Path("/policies/{id}")
    public Response delete(@PathParam("id") String id) {
        policies.delete(currentUser.get(), Params.pathId(id, "Retention policy"));
        return Response.noContent().build();
    }

    /** The dry run: changes nothing. */
    @POST
    @Path("/policies/{id}/preview")
    public MatchesJson preview(@PathParam("id") String id) {
        return MatchesJson.of(policies.preview(currentUser.get(), Params.pathId(id, "Retention policy")));
    }

    @POST
    @Path("/policies/{id}/run")
    public MatchesJson run(@PathParam("id") String id) {
        return MatchesJson.of(policies.runNow(currentUser.get(), Params.pathId(id, "Retention policy")));
    }

    public record HoldJson(UUID ticketId, long number, String subject, boolean held, Instant since, String reason) {
        static HoldJson of(LegalHolds.Hold h) {
            return new HoldJson(h.ticketId(), h.number(), h.subject(), h.since() != null, h.since(), h.reason());
        }
    }

    public record HoldList(List<HoldJson> holds) {
    }

    @GET
    @Path("/holds")
    public HoldList holds() {
        return new HoldList(holds.list(currentUser.get()).stream().map(HoldJson::of).toList());
    }

    @GET
    @Path("/holds/{ticketId}")
    public HoldJson hold(@PathParam("ticketId") String ticketId) {
        return HoldJson.of(holds.of(currentUser.get(), Params.pathId(ticketId, "Ticket")));
    }

    /** {@code {"held": true, "reason": "…"}} puts the ticket under legal hold; {@code {"held": false}} lifts it. */
    @PUT
    @Path("/holds/{ticketId}")
    public HoldJson setHold(@PathParam("ticketId") String ticketId, JsonObject json) {
        Body body = new Body(json == null ? jakarta.json.JsonValue.EMPTY_JSON_OBJECT : json);
        Boolean held = body.bool("held");
        if (held == null) {
            throw new InvalidInputException("held", "is required: true to hold the ticket, false to lift the hold");
        }
        return HoldJson.of(holds.set(currentUser.get(), Params.pathId(ticketId, "Ticket"), held, body.string("reason")));
    }

    private static RetentionPolicy.Draft draft(JsonObject json) {
        if (json == null) {
            throw new InvalidInputException("body", "is required");
        }
        Body body = new Body(json);
        String action = body.string("action");
        Set<String> statuses = body.strings("statuses");
        Set<String> channels = body.strings("channels");
        String category = body.string("category_id");
        UUID categoryId = null;
        if (category != null && !category.isBlank()) {
            try {
                categoryId = UUID.fromString(category.trim());
            } catch (IllegalArgumentException notAnId) {
                throw new InvalidInputException("category_id", "must be a category's id");
            }
        }
        return new RetentionPolicy.Draft(body.string("name"), action == null ? null : RetentionPolicy.Action.parse(action), body.integer("after_days"),
                statuses == null ? null : RetentionPolicy.statusesNamed(statuses), channels, categoryId, body.bool("enabled"));
    }
}
