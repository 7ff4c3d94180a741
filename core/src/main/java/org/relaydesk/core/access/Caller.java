package org.relaydesk.core.access;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import org.relaydesk.core.user.AuthenticatedUser;

/**
 * Who is behind the current request: nobody, until a session or bearer token is verified and the
 * web layer says who signed in. A request is the system's own work only when code that is not
 * acting for anyone outside says so (start-up, the job scheduler); deny is the default.
 */
@RequestScoped
public class Caller {
    private boolean system;
    private AuthenticatedUser user;
    private String clientAddress;

    /**
     * The rest of this request is the system's own work: for code that runs in a request context of
     * its own without acting for an outside caller (start-up, scheduled jobs, and in-container tests,
     * whose test runner is reached over HTTP). Never call it on a path an outsider's request takes.
     */
    public void actAsSystem() {
        system = true;
        user = null;
    }

    public void signedIn(AuthenticatedUser signedIn) {
        system = false;
        this.user = signedIn;
    }

    boolean system() {
        return system;
    }

    public Optional<AuthenticatedUser> user() {
        return Optional.ofNullable(user);
    }

    /** Where the request came from (the web layer says, as rate limits read it), for the audit log. */
    public void from(String address) {
        this.clientAddress = address;
    }

    public Optional<String> clientAddress() {
        return Optional.ofNullable(clientAddress);
    }
}
