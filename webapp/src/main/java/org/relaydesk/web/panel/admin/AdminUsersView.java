package org.relaydesk.web.panel.admin;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.relaydesk.core.user.PasswordLinks;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.user.User;
import org.relaydesk.core.user.UserService;
import org.relaydesk.web.panel.PanelActions;
import org.relaydesk.web.panel.PanelSession;

/**
 * /admin/users: invite staff, change roles, deactivate and reactivate, hand out password links.
 * Until an email channel is configured the admin gets the one-time link to pass on; every link
 * works once and expires (an invitation after a week, a reset after an hour).
 */
@Named
@ViewScoped
public class AdminUsersView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    UserService users;

    @Inject
    PasswordLinks links;

    @Inject
    PanelSession session;

    @Inject
    org.relaydesk.core.user.mfa.SecondFactors secondFactors;

    private java.util.Set<UUID> withSecondFactor;

    private List<User> all;
    /** The role menu of each row, filled from the users as read. */
    private final java.util.Map<UUID, String> roleChoice = new java.util.HashMap<>();
    private String inviteEmail;
    private String inviteName;
    private String inviteRole = Role.AGENT.apiName();
    private String shownLink;
    private String shownLinkFor;

    public List<User> getUsers() {
        if (all == null) {
            all = users.list();
            all.forEach(u -> roleChoice.put(u.id(), u.role().apiName()));
        }
        return all;
    }

    public void invite() {
        String[] link = new String[1];
        if (PanelActions.attempt(() -> link[0] = links.invite(inviteEmail, inviteName, inviteRole, session.getUser()).token(),
                "Invitation created for " + inviteEmail)) {
            show(link[0], inviteEmail, "/set-password?token=");
            inviteEmail = null;
            inviteName = null;
            inviteRole = Role.AGENT.apiName();
            all = null;
        }
    }

    /** The link goes to the colleague's own address, never onto this page. */
    public void resetPassword(User user) {
        PasswordLinks.ResetSent[] sent = new PasswordLinks.ResetSent[1];
        if (PanelActions.attempt(() -> sent[0] = links.sendReset(user.id(), session.getUser()), "A reset link is on its way to " + user.email())
                && !sent[0].mailboxReady()) {
            PanelActions.error(user.systemAdmin()
                    ? "No mailbox that the system administrator saved last can send it yet: as the system administrator, save an email account with an SMTP server under Channels, and it goes out then."
                    : "No mailbox can send it yet: add an email account with an SMTP server under Channels, and it goes out then.");
        }
    }

    /** The system administrator's account is managed by the system administrator only. */
    public boolean mayManage(User user) {
        return !user.systemAdmin() || session.isSystemAdmin();
    }

    public void changeRole(User user) {
        String role = roleChoice.get(user.id());
        PanelActions.attempt(() -> users.changeRole(user.id(), role, session.getUser()), user.name() + " is now " + role);
        all = null;
    }

    public java.util.Map<UUID, String> getRoleChoice() {
        return roleChoice;
    }

    public boolean hasSecondFactor(User user) {
        if (withSecondFactor == null) {
            withSecondFactor = secondFactors.enabledAccounts(session.getUser().workspaceId());
        }
        return withSecondFactor.contains(user.id());
    }

    /** A lost phone without recovery codes: the colleague's second factor goes, and so do their sessions. */
    public void resetSecondFactor(User user) {
        if (PanelActions.attempt(() -> secondFactors.reset(session.getUser(), user.id()),
                "Two-step sign-in of " + user.name() + " removed: they are signed out and set it up again when they sign in")) {
            withSecondFactor = null;
        }
    }

    public void deactivate(UUID id) {
        PanelActions.attempt(() -> users.deactivate(id, session.getUser()), "User deactivated: they are signed out and cannot sign in");
        all = null;
    }

    public void reactivate(UUID id) {
        PanelActions.attempt(() -> users.reactivate(id, session.getUser()), "User reactivated");
        all = null;
    }

    private void show(String token, String email, String path) {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        String origin = request.getScheme() + "://" + request.getServerName()
                + (request.getServerPort() == 80 || request.getServerPort() == 443 ? "" : ":" + request.getServerPort());
        shownLink = PanelActions.baseUrl().orElse(origin) + external.getRequestContextPath() + path + token;
        shownLinkFor = email;
    }

    public List<Role> getRoles() {
        return List.of(Role.values());
    }

    public boolean isSelf(User user) {
        return user.id().equals(session.getUser().id());
    }

    public String getInviteEmail() {
        return inviteEmail;
    }

    public void setInviteEmail(String inviteEmail) {
        this.inviteEmail = inviteEmail;
    }

    public String getInviteName() {
        return inviteName;
    }

    public void setInviteName(String inviteName) {
        this.inviteName = inviteName;
    }

    public String getInviteRole() {
        return inviteRole;
    }

    public void setInviteRole(String inviteRole) {
        this.inviteRole = inviteRole;
    }

    public String getShownLink() {
        return shownLink;
    }

    public String getShownLinkFor() {
        return shownLinkFor;
    }
}
