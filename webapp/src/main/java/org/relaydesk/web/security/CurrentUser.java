package org.relaydesk.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.relaydesk.core.access.Caller;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.user.AuthService;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.Role;

/**
 * The authenticated staff member of this API request. Resources check roles here as a first line;
 * the services they call check again ({@link org.relaydesk.core.access.RequiresRole}).
 */
@RequestScoped
public class CurrentUser {
    @Inject
    Caller caller;

    private AuthService.Bearer bearer;

    void set(AuthService.Bearer verified) {
        this.bearer = verified;
        caller.signedIn(verified.user());
    }

    /** The credential of this API request, for signing out and minting tokens. */
    public AuthService.Bearer bearer() {
        if (bearer == null) {
            throw new IllegalStateException("No bearer credential on this request");
        }
        return bearer;
    }

    public AuthenticatedUser get() {
        return caller.user().orElseThrow(() -> new IllegalStateException("No authenticated user on this request"));
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
