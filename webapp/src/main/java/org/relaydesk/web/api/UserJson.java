package org.relaydesk.web.api;

import java.time.Instant;
import java.util.UUID;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.User;

/** A staff member as the API shows them (never the password hash). */
public record UserJson(UUID id, UUID workspaceId, String email, String name, String role, boolean systemAdmin,
        Boolean active, Instant createdAt, Instant lastLoginAt) {

    static UserJson of(User u) {
        return new UserJson(u.id(), u.workspaceId(), u.email(), u.name(), u.role().apiName(), u.systemAdmin(), u.active(),
                u.createdAt(), u.lastLoginAt());
    }

    static UserJson of(AuthenticatedUser u) {
        return new UserJson(u.id(), u.workspaceId(), u.email(), u.name(), u.role().apiName(), u.systemAdmin(), true, null, null);
    }
}
