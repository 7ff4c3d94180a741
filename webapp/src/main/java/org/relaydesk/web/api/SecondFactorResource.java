package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.mfa.SecondFactors;
import org.relaydesk.web.security.CurrentUser;

/**
 * The caller's own second factor (an authenticator app): set it up (a secret, then its first code),
 * new recovery codes, turn it off. Whatever changes it needs a current code, not only the session;
 * and a session it must be: a personal API token (a script's) cannot set up or change the person's
 * second factor.
 */
@Path("/auth/second-factor")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Authentication")
@SecurityRequirement(name = "bearer")
public class SecondFactorResource {
    @Inject
    SecondFactors secondFactors;

    @Inject
    CurrentUser currentUser;

    public record StatusJson(boolean enabled, Instant enabledAt, int recoveryCodesLeft, boolean required) {
    }

    public record RecoveryCodesJson(List<String> recoveryCodes) {
    }

    @GET
    public StatusJson status() {
        SecondFactors.Status status = secondFactors.status(me());
        return new StatusJson(status.enabled(), status.enabledAt(), status.recoveryCodesLeft(), status.required());
    }

    /** A new secret for the app (replacing one not yet confirmed); the second factor is on once /confirm gets its first code. */
    @POST
    public AuthResource.EnrolmentResponse begin() {
        AuthenticatedUser me = me();
        SecondFactors.Enrolment enrolment = secondFactors.begin(me.workspaceId(), me.id());
        return new AuthResource.EnrolmentResponse(enrolment.secret(), enrolment.provisioningUri());
    }

    @POST
    @Path("/confirm")
    public RecoveryCodesJson confirm(JsonObject json) {
        AuthenticatedUser me = me();
        return new RecoveryCodesJson(secondFactors.confirm(me.workspaceId(), me.id(), code(json)));
    }

    @POST
    @Path("/recovery-codes")
    public RecoveryCodesJson newRecoveryCodes(JsonObject json) {
        return new RecoveryCodesJson(secondFactors.newRecoveryCodes(me(), code(json)));
    }

    @POST
    @Path("/off")
    public Response turnOff(JsonObject json) {
        secondFactors.turnOff(me(), code(json));
        return Response.noContent().build();
    }

    private AuthenticatedUser me() {
        if (!currentUser.bearer().credential().startsWith("session:")) {
            throw new org.relaydesk.core.error.PermissionDeniedException("Two-step sign-in is managed in a signed-in session, not with a personal API token");
        }
        return currentUser.get();
    }

    private static String code(JsonObject json) {
        String code = new Body(json).string("code");
        if (code == null || code.isBlank() || code.length() > 64) {
            throw new InvalidInputException("code", "is required (at most 64 characters)");
        }
        return code;
    }
}
