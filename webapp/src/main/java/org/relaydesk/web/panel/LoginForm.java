package org.relaydesk.web.panel;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.relaydesk.core.error.TooManyRequestsException;
import org.relaydesk.core.user.AuthService;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.web.security.ClientAddress;

/** The login form: checks the password (throttled like the API) and opens a panel session. */
@Named
@RequestScoped
public class LoginForm {
    /**
     * "Remember me" keeps an idle session for 30 days instead of 8 hours; the cookie still ends with
     * the browser session.
     */
    private static final int REMEMBER_SECONDS = 30 * 24 * 3600;

    @Inject
    AuthService auth;

    @Inject
    PanelSession session;

    private String email;
    private String password;
    private boolean rememberMe;
    private String next;

    public String signIn() throws java.io.IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        Optional<AuthenticatedUser> user;
        try {
            user = auth.checkPassword(email, password, ClientAddress.of(request));
        } catch (RuntimeException e) {
            if (rootCause(e) instanceof TooManyRequestsException tooMany) {
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, tooMany.getMessage()
                        + ". Try again in " + tooMany.retryAfterSeconds() + " seconds.", null));
                return null;
            }
            throw e;
        }
        if (user.isEmpty()) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Wrong email or password.", null));
            return null;
        }
        request.changeSessionId(); // no session fixation: a signed-in session gets a new id
        session.signIn(user.get());
        if (rememberMe) {
            request.getSession().setMaxInactiveInterval(REMEMBER_SECONDS);
        }
        if (next != null && next.matches("^/(agent|supervisor|admin)(/[A-Za-z0-9/_-]*)?$")) {
            // only a panel path of our own: never an open redirect to another site
            external.redirect(external.getRequestContextPath() + next);
            return null;
        }
        return PanelSession.landingFor(user.get()) + "?faces-redirect=true";
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
