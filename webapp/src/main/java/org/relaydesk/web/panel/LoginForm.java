package org.relaydesk.web.panel;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import org.relaydesk.core.error.TooManyRequestsException;
import org.relaydesk.core.user.AuthService;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.mfa.SignInChallenge;
import org.relaydesk.web.security.ClientAddress;

/**
 * The login page: the password (throttled like the API), then, for an account with a second factor,
 * a code of its authenticator app or a recovery code; for an account whose workspace requires one
 * and has none, setting up the app (QR code, first code, recovery codes) before the panel opens.
 */
@Named
@ViewScoped
public class LoginForm implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    AuthService auth;

    @Inject
    PanelSession session;

    private String email;
    private String password;
    private boolean rememberMe;
    private String next;
    /** The second step under way: its signed challenge and purpose (null: the password step). */
    private String challenge;
    private SignInChallenge.Purpose purpose;
    private String code;
    private String enrolSecret;
    private String enrolUri;
    private List<String> recoveryCodes;
    private String landing;
    /** Arrived here because the workspace's session limits ended the session (?ended=true). */
    private boolean ended;

    public boolean isEnded() {
        return ended;
    }

    public void setEnded(boolean ended) {
        this.ended = ended;
    }

    public String signIn() throws java.io.IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
        Optional<AuthService.PasswordAccepted> accepted;
        try {
            accepted = auth.login(email, password, ClientAddress.of(request), rememberMe);
        } catch (RuntimeException e) {
            if (rootCause(e) instanceof TooManyRequestsException tooMany) {
                tooMany(faces, tooMany);
                return null;
            }
            throw e;
        }
        password = null;
        if (accepted.isEmpty()) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Wrong email or password.", null));
            return null;
        }
        if (accepted.get() instanceof AuthService.SecondStepNeeded second) {
            challenge = second.challenge();
            purpose = second.purpose();
            if (purpose == SignInChallenge.Purpose.ENROL) {
                var enrolment = new org.relaydesk.core.user.mfa.SecondFactors.Enrolment[1];
                if (!PanelActions.attempt(() -> enrolment[0] = auth.enrolDuringSignIn(challenge), null)) {
                    restart(); // set up meanwhile from elsewhere: sign in again for the usual second step
                    return null;
                }
                enrolSecret = enrolment[0].secret();
                enrolUri = enrolment[0].provisioningUri();
            }
            return null;
        }
        return open(accepted.get().user(), rememberMe);
    }

    /** The second step: the app's code (or a recovery code); when setting up, the first code of the new app. */
    public String verify() throws java.io.IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
        AuthService.CompletedSignIn[] done = new AuthService.CompletedSignIn[1];
        if (!PanelActions.attempt(() -> done[0] = auth.completeSignIn(challenge, code, ClientAddress.of(request)), null)) {
            code = null;
            if (faces.getMessageList().stream().anyMatch(m -> m.getSummary().startsWith("Challenge"))) {
                restart(); // five minutes passed, or the account changed: back to the password
            }
            return null;
        }
        code = null;
        if (!done[0].recoveryCodes().isEmpty()) {
            // signed in, but the codes are shown once: the panel opens from the page that shows them
            recoveryCodes = done[0].recoveryCodes();
            request.changeSessionId();
            session.signIn(done[0].session().user(), done[0].remember());
            landing = target(faces.getExternalContext(), done[0].session().user());
            return null;
        }
        return open(done[0].session().user(), done[0].remember());
    }

    /** Back to the password step. */
    public void restart() {
        challenge = null;
        purpose = null;
        enrolSecret = null;
        enrolUri = null;
        code = null;
    }

    public void continueToPanel() throws java.io.IOException {
        FacesContext.getCurrentInstance().getExternalContext().redirect(landing);
    }

    private String open(AuthenticatedUser user, boolean remember) throws java.io.IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        request.changeSessionId(); // no session fixation: a signed-in session gets a new id
        session.signIn(user, remember);
        external.redirect(target(external, user));
        return null;
    }

    private String target(ExternalContext external, AuthenticatedUser user) {
        if (next != null && next.matches("^/(agent|supervisor|admin)(/[A-Za-z0-9/_-]*)?$")) {
            // only a panel path of our own: never an open redirect to another site
            return external.getRequestContextPath() + next;
        }
        return external.getRequestContextPath() + PanelSession.landingFor(user);
    }

    private static void tooMany(FacesContext faces, TooManyRequestsException tooMany) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, tooMany.getMessage()
                + ". Try again in " + tooMany.retryAfterSeconds() + " seconds.", null));
    }

    private static Throwable rootCause(Throwable t) {
        Throwable current = t;
        while (current.getCause() != null && current.getCause() != current) {
            if (current instanceof TooManyRequestsException) {
                return current;
            }
            current = current.getCause();
        }
        return current;
    }

    public String getStep() {
        if (recoveryCodes != null) {
            return "recovery-codes";
        }
        return purpose == null ? "password" : purpose == SignInChallenge.Purpose.ENROL ? "enrol" : "code";
    }

    /** The otpauth:// address as a QR code (SVG) for the authenticator app to scan. */
    public String getEnrolQrSvg() {
        return enrolUri == null ? "" : QrCodes.svg(enrolUri);
    }

    public String getEnrolSecret() {
        return enrolSecret == null ? "" : enrolSecret.replaceAll("(.{4})(?!$)", "$1 ");
    }

    public String getEnrolUri() {
        return enrolUri;
    }

    public List<String> getRecoveryCodes() {
        return recoveryCodes;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getNext() {
        return next;
    }

    public void setNext(String next) {
        this.next = next;
    }

    public boolean isRememberMe() {
        return rememberMe;
    }

    public void setRememberMe(boolean rememberMe) {
        this.rememberMe = rememberMe;
    }
}
