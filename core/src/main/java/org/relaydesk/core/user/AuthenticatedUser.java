package org.relaydesk.core.user;

import java.util.UUID;

/**
 * The staff member behind a request, as authentication established it. {@code sessionEpoch} is the
 * account's password epoch when the session began: a session of an earlier epoch is over.
 */
public record AuthenticatedUser(UUID id, UUID workspaceId, String email, String name, Role role, boolean systemAdmin, int sessionEpoch) {
    public AuthenticatedUser(UUID id, UUID workspaceId, String email, String name, Role role, boolean systemAdmin) {
        this(id, workspaceId, email, name, role, systemAdmin, 0);
    }

    public static AuthenticatedUser of(User user) {
        return new AuthenticatedUser(user.id(), user.workspaceId(), user.email(), user.name(), user.role(), user.systemAdmin(), user.sessionEpoch());
    }

    public boolean may(Role needed) {
        return role.atLeast(needed);
    }

    /** The same person with no more than this role: a token without the admin scope acts as at most a supervisor. */
    public AuthenticatedUser atMost(Role ceiling) {
        if (role.atLeast(ceiling) && role != ceiling) {
            return new AuthenticatedUser(id, workspaceId, email, name, ceiling, false, sessionEpoch);
        }
        return this;
    }
}
