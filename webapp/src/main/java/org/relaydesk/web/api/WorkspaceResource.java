package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.user.UserService;
import org.relaydesk.core.workspace.Workspace;
import org.relaydesk.core.workspace.WorkspaceService;
import org.relaydesk.web.security.CurrentUser;

/** Workspaces (tenants). Only the installation's system administrator creates and lists them. */
@Path("/workspaces")
@RequestScoped
@Transactional
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Workspaces")
@SecurityRequirement(name = "bearer")
public class WorkspaceResource {
    @Inject
    WorkspaceService workspaces;

    @Inject
    CurrentUser currentUser;

    public record WorkspaceJson(UUID id, String name, String slug, String ticketPrefix, String timeZone, Instant createdAt) {
        static WorkspaceJson of(Workspace w) {
            return new WorkspaceJson(w.id(), w.name(), w.slug(), w.ticketPrefix(), w.timeZone(), w.createdAt());
        }
    }

    public record CreatedWorkspace(WorkspaceJson workspace, UserJson admin) {
    }

    public record WorkspaceList(List<WorkspaceJson> workspaces) {
    }

    @GET
    public WorkspaceList list() {
        currentUser.requireSystemAdmin();
        return new WorkspaceList(workspaces.list().stream().map(WorkspaceJson::of).toList());
    }

    @POST
    public Response create(JsonObject json) {
        currentUser.requireSystemAdmin();
        Body body = new Body(json);
        JsonObject admin = body.nested("admin");
        if (admin == null) {
            throw new InvalidInputException("admin", "is required: {email, name, password}");
        }
        Body adminBody = new Body(admin);
        WorkspaceService.Created created = workspaces.create(body.string("name"), body.string("slug"),
                new UserService.NewUser(adminBody.string("email"), adminBody.string("name"), "admin", adminBody.string("password")));
        return Response.status(Response.Status.CREATED)
                .entity(new CreatedWorkspace(WorkspaceJson.of(created.workspace()), UserJson.of(created.admin()))).build();
    }
}
