package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.ticket.Attachment;
import org.relaydesk.core.ticket.AttachmentService;
import org.relaydesk.web.security.CurrentUser;

/**
 * A ticket's files. Sending a file takes two calls, as in the panel: upload the bytes here (the
 * answer is a pending file), then name its id in {@code attachment_ids} of a new comment. The real
 * type is read from the bytes (Apache Tika) against the same allow-list as the panel.
 */
@Path("/tickets/{id}/attachments")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Attachments")
@SecurityRequirement(name = "bearer")
public class AttachmentResource {
    @Inject
    AttachmentService attachments;

    @Inject
    CurrentUser currentUser;

    public record AttachmentList(List<AttachmentJson> attachments) {
    }

    /** The files sent on the ticket: those that came with it, then each message's in order. */
    @GET
    public AttachmentList list(@PathParam("id") String id) {
        AttachmentService.TicketFiles files = attachments.filesOf(Params.pathId(id, "Ticket"));
        List<AttachmentJson> all = new ArrayList<>(files.withDescription().stream().map(AttachmentJson::of).toList());
        files.byMessage().values().forEach(list -> list.forEach(a -> all.add(AttachmentJson.of(a))));
        return new AttachmentList(all);
    }

    /** The request body is the file itself; its name comes in {@code ?filename=}. */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response upload(@PathParam("id") String id, @QueryParam("filename") String fileName, InputStream body) throws IOException {
        if (fileName == null || fileName.isBlank()) {
            throw new InvalidInputException("filename", "is required (?filename=report.pdf)");
        }
        // never more than one byte past the limit in memory: check() then refuses the file by its size
        byte[] content = body == null ? new byte[0] : body.readNBytes((int) AttachmentService.MAX_FILE_BYTES + 1);
        Attachment stored = attachments.upload(Params.pathId(id, "Ticket"), fileName, content, currentUser.get().id());
        return Response.status(Response.Status.CREATED).entity(AttachmentJson.of(stored)).build();
    }

    /** The file's bytes; pictures may show inline, anything else downloads, nothing runs as a page. */
    @GET
    @Path("/{attachmentId}")
    @Produces(MediaType.WILDCARD)
    public Response download(@PathParam("id") String id, @PathParam("attachmentId") String attachmentId) {
        Attachment file = attachments.ofTicket(Params.pathId(id, "Ticket"), Params.pathId(attachmentId, "Attachment"));
        Response.ResponseBuilder response = Response.ok(file.content(), file.contentType());
        file.downloadHeaders().forEach(response::header);
        return response.build();
    }

    /** Removes a pending upload; a file already sent stays (409). */
    @DELETE
    @Path("/{attachmentId}")
    public Response discard(@PathParam("id") String id, @PathParam("attachmentId") String attachmentId) {
        attachments.discardPending(Params.pathId(id, "Ticket"), Params.pathId(attachmentId, "Attachment"));
        return Response.noContent().build();
    }
}
