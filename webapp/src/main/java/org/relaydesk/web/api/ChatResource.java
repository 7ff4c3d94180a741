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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.chat.ChatService;

/**
 * The chat desk through the API, as /agent/chats offers it (the service checks the role and the
 * ticket's visibility): being at the desk, the inbox, accepting, writing, handing over, ending.
 */
@Path("/chats")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Chats")
public class ChatResource {
    @Inject
    ChatService chats;

    public record Inbox(List<ChatService.Summary> data) {
    }

    public record Sent(UUID id, java.time.Instant createdAt) {
    }

    /** At the desk: visitors are offered a live chat while at least one agent is (renew within 45 s). */
    @POST
    @Path("/desk")
    public Response atTheDesk() {
        chats.atTheDesk();
        return Response.noContent().build();
    }

    @POST
    @Path("/desk/leave")
    public Response leaveTheDesk() {
        chats.leftTheDesk();
        return Response.noContent().build();
    }

    @GET
    public Inbox inbox() {
        return new Inbox(chats.inbox());
    }

    @GET
    @Path("/{id}")
    public ChatService.Summary chat(@PathParam("id") String id) {
        return chats.chat(Params.pathId(id, "Chat"));
    }

    @POST
    @Path("/{id}/accept")
    public ChatService.Summary accept(@PathParam("id") String id) {
        return chats.accept(Params.pathId(id, "Chat"));
    }

    /** {@code body}: plain text to the visitor. */
    @POST
    @Path("/{id}/messages")
    public Response say(@PathParam("id") String id, JsonObject json) {
        var message = chats.reply(Params.pathId(id, "Chat"), new Body(json).string("body"));
        return Response.status(Response.Status.CREATED).entity(new Sent(message.id(), message.createdAt())).build();
    }

    @POST
    @Path("/{id}/typing")
    public Response typing(@PathParam("id") String id) {
        chats.agentSignal(Params.pathId(id, "Chat"), true);
        return Response.noContent().build();
    }

    /** {@code agent_id}: the colleague who takes the chat; or {@code team_id}: the team whose agents it waits for. */
    @POST
    @Path("/{id}/transfer")
    public Response transfer(@PathParam("id") String id, JsonObject json) {
        Body body = new Body(json);
        UUID chat = Params.pathId(id, "Chat");
        if (body.has("team_id")) {
            ChatService.Summary waiting = chats.transferToTeam(chat, body.id("team_id"));
            return waiting == null ? Response.noContent().build() : Response.ok(waiting).build();
        }
        return Response.ok(chats.transfer(chat, body.id("agent_id"))).build();
    }

    @POST
    @Path("/{id}/end")
    public Response end(@PathParam("id") String id) {
        chats.end(Params.pathId(id, "Chat"));
        return Response.noContent().build();
    }
}
