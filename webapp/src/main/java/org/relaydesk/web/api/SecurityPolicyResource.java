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
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.user.policy.PasswordRules;
import org.relaydesk.core.user.policy.SecurityPolicy;
import org.relaydesk.core.user.policy.SessionRules;
import org.relaydesk.core.user.policy.TokenRules;
import org.relaydesk.web.security.CurrentUser;

/**
 * The workspace's security settings as one document, as /admin/settings/security shows them. A PUT
 * changes the members it names and keeps the others; it is checked whole and saved in one transaction
 * (nothing changes when a member is wrong).
 */
@Path("/security/policy")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Security")
@SecurityRequirement(name = "bearer")
public class SecurityPolicyResource {
    @Inject
    SecurityPolicy policy;

    @Inject
    CurrentUser currentUser;

    public record PolicyJson(List<String> secondFactorRoles, int passwordMinLength, boolean refuseCommonPasswords, int sessionIdleMinutes,
            int sessionAbsoluteHours, boolean rememberMeAllowed, String apiTokensFor, int apiTokenMaxDays, int auditRetentionDays) {
        static PolicyJson of(SecurityPolicy.Policy policy) {
            return new PolicyJson(policy.secondFactorRoles().stream().sorted().map(Role::apiName).toList(), policy.passwords().minLength(),
                    policy.passwords().refuseCommon(), policy.sessions().idleMinutes(), policy.sessions().absoluteHours(),
                    policy.sessions().rememberMeAllowed(), policy.tokens().forName(), policy.tokens().maxDays(), policy.auditDays());
        }
    }

    private static final List<String> MEMBERS = List.of("second_factor_roles", "password_min_length", "refuse_common_passwords",
            "session_idle_minutes", "session_absolute_hours", "remember_me_allowed", "api_tokens_for", "api_token_max_days", "audit_retention_days");

    @GET
    public PolicyJson get() {
        return PolicyJson.of(policy.current(currentUser.get()));
    }

    @PUT
    public PolicyJson put(JsonObject json) {
        SecurityPolicy.Policy now = policy.current(currentUser.get());
        if (json == null) {
            throw new InvalidInputException("body", "is required: a JSON object with the settings to change");
        }
        Body body = new Body(json);
        for (String member : json.keySet()) {
            if (!MEMBERS.contains(member)) {
                throw new InvalidInputException(member, "is not a security setting (they are " + String.join(", ", MEMBERS) + ")");
            }
        }
        Set<String> roleNames = body.strings("second_factor_roles");
        Set<Role> roles = roleNames == null ? now.secondFactorRoles() : SecurityPolicy.rolesNamed(roleNames, "second_factor_roles");
        PasswordRules passwords = new PasswordRules(or(body.integer("password_min_length"), now.passwords().minLength()),
                or(body.bool("refuse_common_passwords"), now.passwords().refuseCommon()));
        SessionRules sessions = new SessionRules(or(body.integer("session_idle_minutes"), now.sessions().idleMinutes()),
                or(body.integer("session_absolute_hours"), now.sessions().absoluteHours()),
                or(body.bool("remember_me_allowed"), now.sessions().rememberMeAllowed()));
        String tokensFor = body.string("api_tokens_for");
        TokenRules tokens = new TokenRules(tokensFor == null ? now.tokens().lowestRole() : TokenRules.parseFor(tokensFor.trim()),
                or(body.integer("api_token_max_days"), now.tokens().maxDays()));
        SecurityPolicy.Policy wanted = new SecurityPolicy.Policy(roles, passwords, sessions, tokens,
                or(body.integer("audit_retention_days"), now.auditDays()));
        return PolicyJson.of(policy.save(currentUser.get(), wanted));
    }

    private static <T> T or(T given, T current) {
        return given == null ? current : given;
    }
}
