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
import org.relaydesk.core.user.policy.PasswordRules;
import org.relaydesk.core.user.policy.SecurityPolicy;
import org.relaydesk.core.user.policy.SessionRules;
import org.relaydesk.core.user.policy.TokenRules;
import org.relaydesk.web.panel.PanelActions;
import org.relaydesk.web.panel.PanelSession;

/**
 * /admin/settings/security: the workspace's security settings: which roles must use a second factor,
 * the password policy, session limits, personal API tokens and the audit log's retention.
 */
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
    private int passwordMinLength;
    private boolean refuseCommonPasswords;
    private int idleMinutes;
    private int absoluteHours;
    private boolean rememberMeAllowed;
    private String tokensFor;
    private int tokenMaxDays;

    @PostConstruct
    void load() {
        SecurityPolicy.Policy current = policy.current(session.getUser());
        Set<Role> roles = current.secondFactorRoles();
        agents = roles.contains(Role.AGENT);
        supervisors = roles.contains(Role.SUPERVISOR);
        admins = roles.contains(Role.ADMIN);
        auditDays = current.auditDays();
        passwordMinLength = current.passwords().minLength();
        refuseCommonPasswords = current.passwords().refuseCommon();
        idleMinutes = current.sessions().idleMinutes();
        absoluteHours = current.sessions().absoluteHours();
        rememberMeAllowed = current.sessions().rememberMeAllowed();
        tokensFor = current.tokens().forName();
        tokenMaxDays = current.tokens().maxDays();
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
        PanelActions.attempt(() -> policy.save(session.getUser(), new SecurityPolicy.Policy(roles,
                new PasswordRules(passwordMinLength, refuseCommonPasswords), new SessionRules(idleMinutes, absoluteHours, rememberMeAllowed),
                new TokenRules(TokenRules.parseFor(tokensFor), tokenMaxDays), auditDays)), "Security settings saved");
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
    public int getPasswordMinLength() {
        return passwordMinLength;
    }

    public void setPasswordMinLength(int passwordMinLength) {
        this.passwordMinLength = passwordMinLength;
    }

    public boolean isRefuseCommonPasswords() {
        return refuseCommonPasswords;
    }

    public void setRefuseCommonPasswords(boolean refuseCommonPasswords) {
        this.refuseCommonPasswords = refuseCommonPasswords;
    }

    public int getIdleMinutes() {
        return idleMinutes;
    }

    public void setIdleMinutes(int idleMinutes) {
        this.idleMinutes = idleMinutes;
    }

    public int getAbsoluteHours() {
        return absoluteHours;
    }

    public void setAbsoluteHours(int absoluteHours) {
        this.absoluteHours = absoluteHours;
    }

    public boolean isRememberMeAllowed() {
        return rememberMeAllowed;
    }

    public void setRememberMeAllowed(boolean rememberMeAllowed) {
        this.rememberMeAllowed = rememberMeAllowed;
    }

    public String getTokensFor() {
        return tokensFor;
    }

    public void setTokensFor(String tokensFor) {
        this.tokensFor = tokensFor;
    }

    public int getTokenMaxDays() {
        return tokenMaxDays;
    }

    public void setTokenMaxDays(int tokenMaxDays) {
        this.tokenMaxDays = tokenMaxDays;
    }
}
