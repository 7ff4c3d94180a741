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
        return auth.login(email, password, ClientAddress.of(request)).map(this::answer)
                .orElseGet(() -> org.relaydesk.web.error.Problem.of(Response.Status.UNAUTHORIZED, "Wrong email or password"));
    }

    /**
     * The password was right and a second step is needed: {@code second_step} is {@code code} (send a
     * code of the account's authenticator app or a recovery code to /auth/login/second-factor) or
     * {@code enrol} (the workspace requires a second factor: get a secret from /auth/login/enrolment,
     * then send the app's first code). The challenge is good for five minutes and is no session.
     */
    public record SecondStepResponse(String secondStep, String challenge, Instant expiresAt) {
    }

    /** A finished two-step sign-in; recovery codes only when the second factor was set up in it (shown this once). */
    public record CompletedResponse(String token, Instant expiresAt, UserJson user, List<String> recoveryCodes) {
    }

    public record EnrolmentResponse(String secret, String otpauthUri) {
    }

    private Response answer(AuthService.PasswordAccepted accepted) {
        if (accepted instanceof AuthService.SecondStepNeeded second) {
            return Response.ok(new SecondStepResponse(second.purpose().name().toLowerCase(java.util.Locale.ROOT), second.challenge(),
                    second.expiresAt())).build();
        }
        AuthService.LoginResult r = (AuthService.LoginResult) accepted;
        return Response.ok(new LoginResponse(r.token(), r.expiresAt(), UserJson.of(r.user()))).build();
    }

    @POST
    @Path("/login/second-factor")
    @Public
    public CompletedResponse secondFactor(JsonObject json) {
        Body body = new Body(json);
        String challenge = body.string("challenge");
        String code = body.string("code");
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        errors.check(challenge != null && !challenge.isBlank(), "challenge", "is required")
                .check(code != null && !code.isBlank() && code.length() <= 64, "code", "is required (at most 64 characters)");
        errors.throwIfAny();
        AuthService.CompletedSignIn done = auth.completeSignIn(challenge, code, ClientAddress.of(request));
        return new CompletedResponse(done.session().token(), done.session().expiresAt(), UserJson.of(done.session().user()),
                done.recoveryCodes().isEmpty() ? null : done.recoveryCodes());
    }

    @POST
    @Path("/login/enrolment")
    @Public
    public EnrolmentResponse enrolment(JsonObject json) {
        String challenge = new Body(json).string("challenge");
        if (challenge == null || challenge.isBlank()) {
            throw new InvalidInputException("challenge", "is required");
        }
        var enrolment = auth.enrolDuringSignIn(challenge);
        return new EnrolmentResponse(enrolment.secret(), enrolment.provisioningUri());
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

    /**
     * Ends every session and session token of your account, this one included; {@code revoke_tokens}
     * (required, true or false: nothing so drastic happens on a guess) says whether your personal API
     * tokens are revoked as well. For a lost laptop or a shared computer.
     */
    @POST
    @Path("/logout-everywhere")
    @SecurityRequirement(name = "bearer")
    public Response logoutEverywhere(JsonObject json) {
        Boolean tokens = new Body(json).bool("revoke_tokens");
        if (tokens == null) {
            throw new InvalidInputException("revoke_tokens", "is required: true to revoke your personal API tokens too, false to keep them");
        }
        auth.signOutEverywhere(currentUser.get(), tokens);
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
