package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.user.policy.SecurityPolicy;
import org.relaydesk.web.security.CurrentUser;

/** The workspace's sign-in policy: the roles that must sign in with a second factor. Admins change it. */
@Path("/security/sign-in-policy")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Security")
@SecurityRequirement(name = "bearer")
public class SignInPolicyResource {
    @Inject
    SecurityPolicy policy;

    @Inject
    CurrentUser currentUser;

    public record PolicyJson(List<String> secondFactorRoles) {
    }

    @GET
    public PolicyJson get() {
        currentUser.require(Role.ADMIN);
        return json(policy.secondFactorRoles(currentUser.get().workspaceId()));
    }

    /** {@code second_factor_roles}: any of agent, supervisor, admin (an empty list: a second factor is each person's choice). */
    @PUT
    public PolicyJson put(JsonObject json) {
        Set<String> names = new Body(json).strings("second_factor_roles");
        if (names == null) {
            throw new InvalidInputException("second_factor_roles", "is required (an empty list to require no second factor)");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names) {
            roles.add(Role.fromApiName(name == null ? "" : name.trim().toLowerCase(Locale.ROOT))
                    .orElseThrow(() -> new InvalidInputException("second_factor_roles", "must list roles among agent, supervisor, admin")));
        }
        return json(policy.requireSecondFactor(currentUser.get(), roles));
    }

    private static PolicyJson json(Set<Role> roles) {
        return new PolicyJson(roles.stream().sorted().map(Role::apiName).toList());
    }
}
