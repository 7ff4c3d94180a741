package org.relaydesk.web.security;

import jakarta.enterprise.context.RequestScoped;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.Role;

/** The authenticated staff member of this request; checks roles on the server for every action. */
@RequestScoped
public class CurrentUser {
    private AuthenticatedUser user;

    void set(AuthenticatedUser user) {
        this.user = user;
    }

    public AuthenticatedUser get() {
        if (user == null) {
            throw new IllegalStateException("No authenticated user on this request");
        }
        return user;
    }

    public AuthenticatedUser require(Role role) {
        AuthenticatedUser current = get();
        if (!current.may(role)) {
            throw new PermissionDeniedException("This needs the " + role.apiName() + " role");
        }
        return current;
    }

    public AuthenticatedUser requireSystemAdmin() {
        AuthenticatedUser current = get();
        if (!current.systemAdmin()) {
            throw new PermissionDeniedException("Only the system administrator can do this");
        }
        return current;
    }
}
