package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.user.AuthService;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.web.security.ClientAddress;
import org.relaydesk.web.security.CurrentUser;
import org.relaydesk.web.security.Public;

/** Signing in for a session token, and personal API tokens for scripts. */
@Path("/auth")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Authentication")
public class AuthResource {
    @Inject
    AuthService auth;

    @Inject
    CurrentUser currentUser;

    @Context
    HttpServletRequest request;

    public record LoginResponse(String token, Instant expiresAt, UserJson user) {
    }

    public record TokenJson(UUID id, String name, String token, Instant createdAt, Instant lastUsedAt) {
    }

    public record TokenList(List<TokenJson> tokens) {
    }

    @POST
    @Path("/login")
    @Public
    public Response login(JsonObject json) {
        Body body = new Body(json);
        String email = body.string("email");
        String password = body.string("password");
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        errors.check(email != null && !email.isBlank(), "email", "is required")
                .check(password != null && !password.isEmpty(), "password", "is required");
        errors.throwIfAny();
        return auth.login(email, password, ClientAddress.of(request))
                .map(r -> Response.ok(new LoginResponse(r.token(), r.expiresAt(), UserJson.of(r.user()))).build())
                .orElseGet(() -> org.relaydesk.web.error.Problem.of(Response.Status.UNAUTHORIZED, "Wrong email or password"));
    }

    @GET
    @Path("/me")
    @SecurityRequirement(name = "bearer")
    public UserJson me() {
        return UserJson.of(currentUser.get());
    }

    @GET
    @Path("/tokens")
    @SecurityRequirement(name = "bearer")
    public TokenList tokens() {
        return new TokenList(auth.apiTokensOf(currentUser.get()).stream()
                .map(t -> new TokenJson(t.id(), t.name(), null, t.createdAt(), t.lastUsedAt())).toList());
    }

    /** The token is in this response only; it is stored hashed and cannot be shown again. */
    @POST
    @Path("/tokens")
    @SecurityRequirement(name = "bearer")
    public Response createToken(JsonObject json) {
        AuthenticatedUser user = currentUser.get();
        AuthService.CreatedToken created = auth.createApiToken(user, new Body(json).string("name"));
        return Response.status(Response.Status.CREATED)
                .entity(new TokenJson(created.id(), created.name(), created.token(), created.createdAt(), null)).build();
    }

    @DELETE
    @Path("/tokens/{id}")
    @SecurityRequirement(name = "bearer")
    public Response revoke(@PathParam("id") String id) {
        auth.revokeApiToken(currentUser.get(), Params.pathId(id, "API token"));
        return Response.noContent().build();
    }
}
