package org.relaydesk.core.user.policy;

import java.util.Optional;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.user.Role;

/**
 * Personal API tokens in a workspace: which roles may have them (from {@code lowestRole} up; none when
 * empty) and how many days a new one may live at most. A token whose owner's role no longer qualifies
 * stops working until the policy or the role changes back.
 */
public record TokenRules(Optional<Role> lowestRole, int maxDays) {
    public static final int MAX_DAYS = 365;
    public static final TokenRules DEFAULT = new TokenRules(Optional.of(Role.AGENT), MAX_DAYS);
    /** How the rule is stored and named in the API: a role's name, or this for nobody. */
    public static final String NOBODY = "nobody";

    public TokenRules {
        if (maxDays < 1 || maxDays > MAX_DAYS) {
            throw new InvalidInputException("api_token_max_days", "must be between 1 and " + MAX_DAYS);
        }
    }

    public boolean allows(Role role) {
        return lowestRole.map(role::atLeast).orElse(false);
    }

    public String forName() {
        return lowestRole.map(Role::apiName).orElse(NOBODY);
    }

    public static Optional<Role> parseFor(String name) {
        if (NOBODY.equals(name)) {
            return Optional.empty();
        }
        return Optional.of(Role.fromApiName(name == null ? "" : name).orElseThrow(
                () -> new InvalidInputException("api_tokens_for", "must be agent, supervisor, admin or nobody")));
    }
}
