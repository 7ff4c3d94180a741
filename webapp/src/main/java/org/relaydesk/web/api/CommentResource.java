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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.ticket.AttachmentService;
import org.relaydesk.core.ticket.ReplyExtras;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.web.security.CurrentUser;

/** A ticket's conversation: public replies and internal notes. Staff see both. */
@Path("/tickets/{id}/comments")
@RequestScoped
@Transactional
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Comments")
@SecurityRequirement(name = "bearer")
public class CommentResource {
    @Inject
    Workspaces workspaces;

    @Inject
    TicketService tickets;

    @Inject
    CurrentUser currentUser;

    @Inject
    AttachmentService attachments;

    @Inject
    org.relaydesk.core.channel.ChannelDeliveries deliveries;

    @Inject
    jakarta.validation.Validator validator;

    public record CommentList(List<CommentJson> comments) {
    }

    @GET
    public CommentList list(@PathParam("id") String id) {
        UUID ticketId = Params.pathId(id, "Ticket");
        var files = attachments.filesOf(ticketId).byMessage();
        var messages = tickets.messages(ticketId, true);
        var sent = deliveries.ofTicket(ticketId);
        return new CommentList(messages.stream().map(m -> CommentJson.of(m, workspaces.id(), files.getOrDefault(m.id(), List.of()), sent.get(m.id()))).toList());
    }

    /**
     * {@code attachment_ids}: files uploaded to this ticket before (POST .../attachments) go with the
     * comment. {@code via}: the channel account a public reply leaves through, one of GET
     * .../reply-routes (default: the ticket's own); a closed conversation window or an opted-out
     * customer is refused with 409 (conversation-window-closed, recipient-opted-out).
     * {@code choices}: buttons or a list for the customer to answer with (see {@link ChoicesRequest}),
     * only on a route whose channel shows them. {@code reply_to}: the id of a comment of this ticket the
     * reply answers, quoted on channels that show it.
     */
    @POST
    public Response add(@PathParam("id") String id, JsonObject json) {
        Body body = new Body(json);
        Boolean internal = body.bool("is_internal");
        UUID ticketId = Params.pathId(id, "Ticket");
        ChoicesRequest choices = ChoicesRequest.from(body.raw("choices"));
        var extras = new ReplyExtras(choices == null ? null : choices.validated(validator), body.id("reply_to"));
        var message = tickets.addStaffMessage(ticketId, body.string("body"), Boolean.TRUE.equals(internal),
                currentUser.get(), body.ids("attachment_ids"), body.id("via"), extras);
        var files = attachments.filesOf(ticketId).byMessage().getOrDefault(message.id(), List.of());
        return Response.status(Response.Status.CREATED).entity(CommentJson.of(message, workspaces.id(), files)).build();
    }

    @PUT
    @Path("/{commentId}")
    public CommentJson edit(@PathParam("id") String id, @PathParam("commentId") String commentId, JsonObject json) {
        return CommentJson.of(tickets.editMessage(Params.pathId(id, "Ticket"), Params.pathId(commentId, "Comment"),
                new Body(json).string("body"), currentUser.get()), workspaces.id(), List.of());
    }

    @DELETE
    @Path("/{commentId}")
    public Response delete(@PathParam("id") String id, @PathParam("commentId") String commentId) {
        tickets.deleteMessage(Params.pathId(id, "Ticket"), Params.pathId(commentId, "Comment"), currentUser.get());
        return Response.noContent().build();
    }
}
