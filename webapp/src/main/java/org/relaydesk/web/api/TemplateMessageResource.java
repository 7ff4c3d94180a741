package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.channel.TemplateService;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.web.security.CurrentUser;

/**
 * Sends an approved provider template on a ticket (the only message a closed conversation window
 * allows): {"via": account id, "name", "language", "values": {"body.1": "..."}}. Answers with the
 * message as the thread shows it (its text as the customer reads it).
 */
@Path("/tickets/{id}/template-messages")
@RequestScoped
@Transactional
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Comments")
@SecurityRequirement(name = "bearer")
public class TemplateMessageResource {
    static final int MAX_VALUES = 50;

    @Inject
    TemplateService templates;

    @Inject
    Workspaces workspaces;

    @Inject
    CurrentUser currentUser;

    @POST
    public Response send(@PathParam("id") String id, JsonObject json) {
        Body body = new Body(json);
        JsonObject given = body.nested("values");
        Map<String, String> values = new LinkedHashMap<>();
        if (given != null) {
            if (given.size() > MAX_VALUES) {
                throw new InvalidInputException("values", "at most " + MAX_VALUES + " values");
            }
            given.forEach((key, value) -> {
                if (!(value instanceof JsonString text)) {
                    throw new InvalidInputException("values." + key, "must be a string");
                }
                values.put(key, text.getString());
            });
        }
        var message = templates.send(Params.pathId(id, "Ticket"), body.id("via"), body.string("name"), body.string("language"), values,
                currentUser.get());
        return Response.status(Response.Status.CREATED).entity(CommentJson.of(message, workspaces.id(), List.of())).build();
    }
}
