package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.channel.TicketOriginals;

/** A ticket's messages as they arrived through its channels (an email's full source), for staff who may see the ticket. */
@Path("/tickets/{id}/originals")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Attachments")
@SecurityRequirement(name = "bearer")
public class OriginalMessageResource {
    @Inject
    TicketOriginals originals;

    public record OriginalList(List<TicketOriginals.Original> originals) {
    }

    @GET
    public OriginalList list(@PathParam("id") String id) {
        return new OriginalList(originals.of(Params.pathId(id, "Ticket")));
    }

    @GET
    @Path("/{originalId}")
    @Produces(MediaType.WILDCARD)
    public Response download(@PathParam("id") String id, @PathParam("originalId") String originalId) {
        TicketOriginals.Content content = originals.content(Params.pathId(id, "Ticket"), Params.pathId(originalId, "Original message"));
        Response.ResponseBuilder response = Response.ok(content.bytes(), content.contentType());
        content.downloadHeaders().forEach(response::header);
        return response.build();
    }
}
