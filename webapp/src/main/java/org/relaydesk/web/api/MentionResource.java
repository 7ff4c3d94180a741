package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.notice.AgentNotices;
import org.relaydesk.core.user.Role;
import org.relaydesk.web.security.CurrentUser;

/**
 * The colleagues an internal note on this ticket can @mention (those of the workspace who may see
 * it), for the reply box's autocomplete; {@code handle} is what to write ("@alex").
 */
@Path("/tickets/{id}/mentionable")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tickets")
@SecurityRequirement(name = "bearer")
public class MentionResource {
    @Inject
    AgentNotices notices;

    @Inject
    CurrentUser currentUser;

    public record ColleagueList(List<AgentNotices.Mentionable> colleagues) {
    }

    @GET
    public ColleagueList list(@PathParam("id") String id, @QueryParam("q") String query) {
        currentUser.require(Role.AGENT);
        if (query != null && query.length() > 200) {
            throw new org.relaydesk.core.error.InvalidInputException("q", "at most 200 characters");
        }
        return new ColleagueList(notices.mentionable(Params.pathId(id, "Ticket"), query));
    }
}
