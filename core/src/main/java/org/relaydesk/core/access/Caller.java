package org.relaydesk.core.access;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import org.relaydesk.core.user.AuthenticatedUser;

/**
 * Who is behind the current request. Every HTTP request starts as an outsider (the web layer says
 * so before anything else runs) and becomes a staff member only when a session or bearer token is
 * verified. Work that no HTTP request started (jobs, start-up) is the system's own.
 */
@RequestScoped
public class Caller {
    private boolean fromOutside;
    private AuthenticatedUser user;

    /** Called first for every HTTP request: nothing it does is trusted until someone signs in. */
    public void arrivedFromOutside() {
        fromOutside = true;
    }

    /**
     * The rest of this request is the system's own work, as if no HTTP request had started it: for
     * code that runs on a request's thread without acting for its caller (and for in-container tests,
     * whose test runner is reached over HTTP).
     */
    public void actAsSystem() {
        fromOutside = false;
        user = null;
    }

    public void signedIn(AuthenticatedUser signedIn) {
        this.user = signedIn;
    }

    boolean fromOutside() {
        return fromOutside;
    }

    public Optional<AuthenticatedUser> user() {
        return Optional.ofNullable(user);
    }
}
