package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.user.UserService;
import org.relaydesk.web.security.CurrentUser;

/** Staff of the caller's workspace. Everyone sees colleagues (to assign tickets); admins add them. */
@Path("/users")
@RequestScoped
@Transactional
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
@SecurityRequirement(name = "bearer")
public class UserResource {
    @Inject
    UserService users;

    @Inject
    CurrentUser currentUser;

    @Inject
    org.relaydesk.core.user.mfa.SecondFactors secondFactors;

    public record UserList(List<UserJson> users) {
    }

    @GET
    public UserList list() {
        return new UserList(users.list().stream().map(UserJson::of).toList());
    }

    @GET
    @Path("/{id}")
    public UserJson get(@PathParam("id") String id) {
        return UserJson.of(users.get(Params.pathId(id, "User")));
    }

    @POST
    public Response create(JsonObject json) {
        currentUser.require(Role.ADMIN);
        Body body = new Body(json);
        var created = users.create(new UserService.NewUser(body.string("email"), body.string("name"), body.string("role"),
                body.string("password")));
        return Response.status(Response.Status.CREATED).entity(UserJson.of(created)).build();
    }

    /**
     * Removes a colleague's second factor (a lost phone and no recovery codes): their sessions end,
     * and they set it up again at their next sign-in where the workspace requires it. Admins only.
     */
    @DELETE
    @Path("/{id}/second-factor")
    public Response resetSecondFactor(@PathParam("id") String id) {
        secondFactors.reset(currentUser.get(), Params.pathId(id, "User"));
        return Response.noContent().build();
    }
}
