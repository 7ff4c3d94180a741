package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.canned.CannedResponse;
import org.relaydesk.core.canned.CannedResponseService;
import org.relaydesk.core.user.Role;
import org.relaydesk.web.security.CurrentUser;

/** The shared saved replies. Agents use them; supervisors and admins curate them. */
@Path("/tickets/canned-responses")
@RequestScoped
@Transactional
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Canned responses")
@SecurityRequirement(name = "bearer")
public class CannedResponseResource {
    @Inject
    CannedResponseService canned;

    @Inject
    CurrentUser currentUser;

    @Inject
    Workspaces workspaces;

    public record CannedJson(UUID id, UUID workspaceId, String title, String shortcut, String category, String content, long usageCount,
            Instant createdAt, Instant updatedAt) {
        static CannedJson of(CannedResponse c, UUID workspaceId) {
            return new CannedJson(c.id(), workspaceId, c.title(), c.shortcut(), c.category(), c.content(), c.usageCount(), c.createdAt(), c.updatedAt());
        }
    }

    public record CannedList(List<CannedJson> cannedResponses) {
    }

    public record UseResult(UUID id, String content, long usageCount) {
    }

    @GET
    public CannedList list() {
        return new CannedList(canned.list().stream().map(this::json).toList());
    }

    @GET
    @Path("/{id}")
    public CannedJson get(@PathParam("id") String id) {
        return json(canned.get(Params.pathId(id, "Canned response")));
    }

    @POST
    public Response create(JsonObject json) {
        currentUser.require(Role.SUPERVISOR);
        return Response.status(Response.Status.CREATED).entity(json(canned.create(input(new Body(json))))).build();
    }

    @PUT
    @Path("/{id}")
    public CannedJson update(@PathParam("id") String id, JsonObject json) {
        UUID cannedId = Params.pathId(id, "Canned response");
        currentUser.require(Role.SUPERVISOR);
        // Partial update: fields left out keep their values.
        Body body = new Body(json);
        CannedResponse current = canned.get(cannedId);
        return json(canned.update(cannedId, new CannedResponseService.CannedInput(
                body.has("title") ? body.string("title") : current.title(),
                body.has("shortcut") ? body.string("shortcut") : current.shortcut(),
                body.has("category") ? body.string("category") : current.category(),
                body.has("content") ? body.string("content") : current.content())));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        UUID cannedId = Params.pathId(id, "Canned response");
        currentUser.require(Role.SUPERVISOR);
        canned.delete(cannedId);
        return Response.noContent().build();
    }

    /** Counts a use and returns the content with {{customer_name}}, {{ticket_number}}, {{agent_name}} filled. */
    @POST
    @Path("/{id}/use")
    public UseResult use(@PathParam("id") String id, @QueryParam("ticket_id") String ticketId) {
        var rendered = canned.use(Params.pathId(id, "Canned response"), Params.optionalId(ticketId, "ticket_id"), currentUser.get());
        return new UseResult(rendered.response().id(), rendered.content(), rendered.response().usageCount());
    }

    private static CannedResponseService.CannedInput input(Body body) {
        return new CannedResponseService.CannedInput(body.string("title"), body.string("shortcut"), body.string("category"),
                body.string("content"));
    }

    private CannedJson json(CannedResponse entity) {
        return CannedJson.of(entity, workspaces.id());
    }
}
