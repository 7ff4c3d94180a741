package org.relaydesk.web.panel.agent;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.relaydesk.core.user.Availability;
import org.relaydesk.core.user.User;
import org.relaydesk.core.user.UserService;
import org.relaydesk.web.panel.PanelActions;
import org.relaydesk.web.panel.PanelSession;

/** /agent/settings: my name, availability, notifications and password. */
@Named
@ViewScoped
public class AgentSettingsView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    UserService users;

    @Inject
    PanelSession session;

    @Inject
    org.relaydesk.core.user.mfa.SecondFactors secondFactors;

    @Inject
    org.relaydesk.core.user.AuthService auth;

    @Inject
    org.relaydesk.core.audit.AuditLog auditLog;

    private boolean revokeTokensToo;
    private List<org.relaydesk.core.user.ApiToken> tokens;
    private List<org.relaydesk.core.audit.AuditLog.Entry> recentSignIns;

    private String name;
    private String email;
    private String availability;
    private boolean notifyAssigned;
    private boolean notifyCustomerReply;
    private boolean notifyInternalNote;
    private boolean notifyMentioned;
    private String currentPassword;
    private String newPassword;
    private String repeatPassword;
    private org.relaydesk.core.user.mfa.SecondFactors.Status secondFactor;
    private org.relaydesk.core.user.mfa.SecondFactors.Enrolment enrolment;
    private String secondFactorCode;
    private List<String> recoveryCodes;

    @PostConstruct
    void load() {
        User me = users.get(session.getUser().id());
        name = me.name();
        email = me.email();
        availability = me.availability().apiName();
        notifyAssigned = me.notifyAssigned();
        notifyCustomerReply = me.notifyCustomerReply();
        notifyInternalNote = me.notifyInternalNote();
        notifyMentioned = me.notifyMentioned();
        secondFactor = secondFactors.status(session.getUser());
    }

    /** Two-step sign-in, first step: a new secret for the authenticator app, shown as a QR code and as text. */
    public void beginSecondFactor() {
        recoveryCodes = null;
        PanelActions.attempt(() -> enrolment = secondFactors.begin(session.getUser().workspaceId(), session.getUser().id()), null);
    }

    /** Second step: the app's first code turns it on; the recovery codes are shown this once. */
    public void confirmSecondFactor() {
        if (PanelActions.attempt(() -> recoveryCodes = secondFactors.confirm(session.getUser().workspaceId(), session.getUser().id(),
                secondFactorCode), "Two-step sign-in is on: from now on you sign in with your password and a code from the app. "
                        + "Your other sessions have ended")) {
            enrolment = null;
            // every session of the account ended with it; this one goes on
            session.renew(org.relaydesk.core.user.AuthenticatedUser.of(users.get(session.getUser().id())));
            secondFactor = secondFactors.status(session.getUser());
        }
        secondFactorCode = null;
    }

    public void cancelSecondFactor() {
        enrolment = null;
        secondFactorCode = null;
    }

    public void newRecoveryCodes() {
        PanelActions.attempt(() -> recoveryCodes = secondFactors.newRecoveryCodes(session.getUser(), secondFactorCode),
                "New recovery codes made: the old ones no longer work");
        secondFactorCode = null;
        secondFactor = secondFactors.status(session.getUser());
    }

    public void turnOffSecondFactor() {
        if (PanelActions.attempt(() -> secondFactors.turnOff(session.getUser(), secondFactorCode), "Two-step sign-in is off")) {
            recoveryCodes = null;
            secondFactor = secondFactors.status(session.getUser());
        }
        secondFactorCode = null;
    }

    /** "Sign out everywhere else": every other session ends (this one is renewed), and the API tokens too if asked. */
    public void signOutEverywhereElse() {
        if (PanelActions.attempt(() -> session.renew(auth.signOutEverywhere(session.getUser(), revokeTokensToo)),
                revokeTokensToo ? "Signed out everywhere else; your API tokens are revoked" : "Signed out everywhere else")) {
            revokeTokensToo = false;
            tokens = null;
        }
    }

    public void revokeToken(java.util.UUID id) {
        PanelActions.attempt(() -> auth.revokeApiToken(session.getUser(), id), "API token revoked");
        tokens = null;
    }

    /** Read once per view (a table asks its value many times), again after a change. */
    public List<org.relaydesk.core.user.ApiToken> getTokens() {
        if (tokens == null) {
            tokens = auth.apiTokensOf(session.getUser());
        }
        return tokens;
    }

    public List<org.relaydesk.core.audit.AuditLog.Entry> getRecentSignIns() {
        if (recentSignIns == null) {
            recentSignIns = auditLog.recentSignIns(session.getUser(), 5);
        }
        return recentSignIns;
    }

    public boolean isRevokeTokensToo() {
        return revokeTokensToo;
    }

    public void setRevokeTokensToo(boolean revokeTokensToo) {
        this.revokeTokensToo = revokeTokensToo;
    }

    public org.relaydesk.core.user.mfa.SecondFactors.Status getSecondFactor() {
        return secondFactor;
    }

    public boolean isEnrolling() {
        return enrolment != null;
    }

    public String getEnrolQrSvg() {
        return enrolment == null ? "" : org.relaydesk.web.panel.QrCodes.svg(enrolment.provisioningUri());
    }

    public String getEnrolSecret() {
        return enrolment == null ? "" : enrolment.secret().replaceAll("(.{4})(?!$)", "$1 ");
    }

    public List<String> getRecoveryCodes() {
        return recoveryCodes;
    }

    public String getSecondFactorCode() {
        return secondFactorCode;
    }

    public void setSecondFactorCode(String secondFactorCode) {
        this.secondFactorCode = secondFactorCode;
    }

    public void saveProfile() {
        PanelActions.attempt(() -> users.updateProfile(session.getUser().id(), name, availability, notifyAssigned, notifyCustomerReply,
                notifyInternalNote, notifyMentioned), "Profile saved");
    }

    public void changePassword() {
        if (newPassword == null || !newPassword.equals(repeatPassword)) {
            PanelActions.error("The new password and its repetition differ.");
            return;
        }
        if (PanelActions.attempt(() -> session.renew(users.changeOwnPassword(session.getUser().id(), currentPassword, newPassword)),
                "Password changed: your other sessions and API tokens have ended")) {
            currentPassword = null;
            newPassword = null;
            repeatPassword = null;
        }
    }

    public List<Availability> getAvailabilities() {
        return List.of(Availability.values());
    }

    public String getEmail() {
        return email;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getAvailability() {
        return availability;
    }

    public void setAvailability(String availability) {
        this.availability = availability;
    }

    public boolean isNotifyAssigned() {
        return notifyAssigned;
    }

    public void setNotifyAssigned(boolean notifyAssigned) {
        this.notifyAssigned = notifyAssigned;
    }

    public boolean isNotifyCustomerReply() {
        return notifyCustomerReply;
    }

    public void setNotifyCustomerReply(boolean notifyCustomerReply) {
        this.notifyCustomerReply = notifyCustomerReply;
    }

    public boolean isNotifyMentioned() {
        return notifyMentioned;
    }

    public void setNotifyMentioned(boolean notifyMentioned) {
        this.notifyMentioned = notifyMentioned;
    }

    public boolean isNotifyInternalNote() {
        return notifyInternalNote;
    }

    public void setNotifyInternalNote(boolean notifyInternalNote) {
        this.notifyInternalNote = notifyInternalNote;
    }

    public String getCurrentPassword() {
        return currentPassword;
    }

    public void setCurrentPassword(String currentPassword) {
        this.currentPassword = currentPassword;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public String getRepeatPassword() {
        return repeatPassword;
    }

    public void setRepeatPassword(String repeatPassword) {
        this.repeatPassword = repeatPassword;
    }
}
