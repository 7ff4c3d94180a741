package org.relaydesk.web.panel;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import org.relaydesk.core.user.AuthenticatedUser;

/** The signed-in staff member of a panel session. */
@Named
@SessionScoped
public class PanelSession implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Where an agent starts: their own queue. */
    public static final String LANDING = "/agent/tickets";

    /** Role-based landing: agents in their queue, supervisors and admins on their dashboard. */
    public static String landingFor(AuthenticatedUser user) {
        if (user.may(org.relaydesk.core.user.Role.ADMIN)) {
            return "/admin/dashboard";
        }
        return user.may(org.relaydesk.core.user.Role.SUPERVISOR) ? "/supervisor/dashboard" : LANDING;
    }

    private AuthenticatedUser user;
    /** When the password was given, when the person last did something, and whether they asked to be remembered: for the workspace's session limits. */
    private java.time.Instant signedInAt;
    private java.time.Instant lastActiveAt;
    private boolean remembered;

    /** A new sign-in: the workspace's session limits count from now. */
    void signIn(AuthenticatedUser signedIn, boolean remember) {
        this.user = signedIn;
        this.signedInAt = java.time.Instant.now();
        this.lastActiveAt = signedInAt;
        this.remembered = remember;
    }

    /** The same person, looked up again for this request (a new role, a new name). */
    void refreshed(AuthenticatedUser current) {
        this.user = current;
    }

    /**
     * The signed-in person for a servlet outside the panels' door (which checks this itself): nobody once
     * the workspace's session limits have ended the session.
     */
    public java.util.Optional<AuthenticatedUser> userWithinLimits(org.relaydesk.core.user.policy.SecurityPolicy policy) {
        if (user == null || endedBy(policy.cached(user.workspaceId()).sessions(), java.time.Instant.now())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(user);
    }

    /** Whether the workspace's limits have ended this session by {@code now}. */
    boolean endedBy(org.relaydesk.core.user.policy.SessionRules rules, java.time.Instant now) {
        return signedInAt == null || rules.ended(signedInAt, lastActiveAt, remembered, now);
    }

    /** The person did something (not a page's own background request): the idle limit counts from now. */
    void active(java.time.Instant now) {
        lastActiveAt = now;
    }

    boolean remembered() {
        return remembered;
    }

    /**
     * After the signed-in person changed their own password: this session goes on in the new epoch
     * (every other session has ended) under a new session id.
     */
    public void renew(AuthenticatedUser changed) {
        this.user = changed;
        ((jakarta.servlet.http.HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest()).changeSessionId();
    }

    public AuthenticatedUser getUser() {
        return user;
    }

    /** Where live updates reach this panel: the user in this session's epoch (see TicketAudience). */
    public String getPushAddress() {
        return user == null ? "" : user.id() + ":" + user.sessionEpoch();
    }

    public boolean isSupervisor() {
        return user != null && user.may(org.relaydesk.core.user.Role.SUPERVISOR);
    }

    public boolean isAdmin() {
        return user != null && user.may(org.relaydesk.core.user.Role.ADMIN);
    }

    public boolean isSystemAdmin() {
        return user != null && user.systemAdmin();
    }

    public boolean isSignedIn() {
        return user != null;
    }

    /** View action of every panel page: without a session, go to the login page. */
    public void requireSignedIn() throws IOException {
        if (user == null) {
            ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
            external.redirect(external.getRequestContextPath() + "/login");
        }
    }

    /** View action of "/": the panel for the signed-in, the login page for everyone else. */
    public void goToStart() throws IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        external.redirect(external.getRequestContextPath() + (user == null ? "/login" : landingFor(user)));
    }

    public String signOut() {
        FacesContext.getCurrentInstance().getExternalContext().invalidateSession();
        return "/login?faces-redirect=true";
    }
}
