package org.relaydesk.core.user;

import java.util.UUID;

/** The staff member behind a request, as authentication established it. */
public record AuthenticatedUser(UUID id, UUID workspaceId, String email, String name, Role role, boolean systemAdmin) {
    public static AuthenticatedUser of(User user) {
        return new AuthenticatedUser(user.id(), user.workspaceId(), user.email(), user.name(), user.role(), user.systemAdmin());
    }

    public boolean may(Role needed) {
        return role.atLeast(needed);
    }
}
