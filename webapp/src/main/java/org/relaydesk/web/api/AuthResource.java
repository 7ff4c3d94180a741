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
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.user.AuthService;
import org.relaydesk.core.user.TokenScope;
import org.relaydesk.web.security.AnyScope;
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

    public record TokenJson(UUID id, String name, String token, List<String> scopes, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {
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
                .map(t -> new TokenJson(t.id(), t.name(), null, names(t.scopes()), t.createdAt(), t.expiresAt(), t.lastUsedAt())).toList());
    }

    /**
     * The token is in this response only; it is stored hashed and cannot be shown again. Scopes are
     * read, write and admin (default read and write); it expires after expires_in_days (default 90,
     * at most 365). A token minted with another token is bounded by it and revoked with it.
     */
    @POST
    @Path("/tokens")
    @SecurityRequirement(name = "bearer")
    public Response createToken(JsonObject json) {
        Body body = new Body(json);
        Set<TokenScope> scopes = null;
        if (body.has("scopes")) {
            scopes = EnumSet.noneOf(TokenScope.class);
            for (String name : body.strings("scopes")) {
                scopes.add(TokenScope.fromApiName(name.trim().toLowerCase(java.util.Locale.ROOT))
                        .orElseThrow(() -> new InvalidInputException("scopes", "must be read, write or admin")));
            }
        }
        AuthService.Bearer bearer = currentUser.bearer();
        AuthService.CreatedToken created = auth.createApiToken(bearer.user(),
                new AuthService.TokenRequest(body.string("name"), scopes, body.integer("expires_in_days")),
                bearer.credential().startsWith("token:") ? bearer : null);
        return Response.status(Response.Status.CREATED).entity(new TokenJson(created.id(), created.name(), created.token(),
                names(created.scopes()), created.createdAt(), created.expiresAt(), null)).build();
    }

    /** Ends the calling credential: a session token stops working at once, a personal token is revoked. */
    @POST
    @Path("/logout")
    @AnyScope
    @SecurityRequirement(name = "bearer")
    public Response logout() {
        auth.signOut(currentUser.bearer());
        return Response.noContent().build();
    }

    private static List<String> names(Set<TokenScope> scopes) {
        return scopes.stream().sorted().map(TokenScope::apiName).toList();
    }

    @DELETE
    @Path("/tokens/{id}")
    @SecurityRequirement(name = "bearer")
    public Response revoke(@PathParam("id") String id) {
        auth.revokeApiToken(currentUser.get(), Params.pathId(id, "API token"));
        return Response.noContent().build();
    }
}
