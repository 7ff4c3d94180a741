package org.relaydesk.web.panel.admin;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.user.User;
import org.relaydesk.core.user.UserService;
import org.relaydesk.core.user.mfa.SecondFactors;
import org.relaydesk.core.user.mfa.SecurityPolicy;
import org.relaydesk.web.panel.PanelActions;
import org.relaydesk.web.panel.PanelSession;

/** /admin/settings/security: the workspace's sign-in policy (which roles must use a second factor). */
@Named
@ViewScoped
public class AdminSecurityView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    SecurityPolicy policy;

    @Inject
    SecondFactors secondFactors;

    @Inject
    UserService users;

    @Inject
    PanelSession session;

    private boolean agents;
    private boolean supervisors;
    private boolean admins;
    private int auditDays;

    @PostConstruct
    void load() {
        Set<Role> roles = policy.secondFactorRoles(session.getUser().workspaceId());
        agents = roles.contains(Role.AGENT);
        supervisors = roles.contains(Role.SUPERVISOR);
        admins = roles.contains(Role.ADMIN);
        auditDays = policy.auditRetentionDays(session.getUser().workspaceId());
    }

    public void save() {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (agents) {
            roles.add(Role.AGENT);
        }
        if (supervisors) {
            roles.add(Role.SUPERVISOR);
        }
        if (admins) {
            roles.add(Role.ADMIN);
        }
        PanelActions.attempt(() -> policy.save(session.getUser(), roles, auditDays), "Security settings saved");
    }

    /** "3 of 5 active staff sign in with a second factor." */
    public String getCoverage() {
        Set<java.util.UUID> on = secondFactors.enabledAccounts(session.getUser().workspaceId());
        List<User> active = users.list().stream().filter(User::active).toList();
        long with = active.stream().filter(u -> on.contains(u.id())).count();
        return with + " of " + active.size() + " active staff sign in with a second factor.";
    }

    public int getAuditDays() {
        return auditDays;
    }

    public void setAuditDays(int auditDays) {
        this.auditDays = auditDays;
    }

    public boolean isAgents() {
        return agents;
    }

    public void setAgents(boolean agents) {
        this.agents = agents;
    }

    public boolean isSupervisors() {
        return supervisors;
    }

    public void setSupervisors(boolean supervisors) {
        this.supervisors = supervisors;
    }

    public boolean isAdmins() {
        return admins;
    }

    public void setAdmins(boolean admins) {
        this.admins = admins;
    }
}
