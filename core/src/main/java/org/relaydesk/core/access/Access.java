package org.relaydesk.core.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.Optional;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.Role;

/**
 * The service layer's access rules. A call in a request context needs a signed-in staff member with
 * the role, unless the code that opened the context declared it the system's own work
 * ({@link Caller#actAsSystem()}); a call with no request context at all (a plugin's or a watcher's
 * own thread) is the system's own.
 */
@ApplicationScoped
public class Access {
    @Inject
    Caller caller;

    @Inject
    BeanManager beans;

    /** The staff member of this request, if one signed in. */
    public Optional<AuthenticatedUser> current() {
        return requestActive() ? caller.user() : Optional.empty();
    }

    /** Passes for the system's own work and for a signed-in caller with at least this role. */
    public void require(Role role) {
        if (!systemWork() && !caller.user().map(user -> user.may(role)).orElse(false)) {
            throw new PermissionDeniedException("This needs the " + role.apiName() + " role");
        }
    }

    public void requireSystemAdmin() {
        if (!systemWork() && !caller.user().map(AuthenticatedUser::systemAdmin).orElse(false)) {
            throw new PermissionDeniedException("Only the system administrator can do this");
        }
    }

    /** The system's own work: no request context, or one declared so (start-up, jobs). */
    public boolean systemWork() {
        return !requestActive() || caller.system();
    }

    private boolean requestActive() {
        try {
            return beans.getContext(RequestScoped.class).isActive();
        } catch (ContextNotActiveException notActive) {
            return false;
        }
    }
}
