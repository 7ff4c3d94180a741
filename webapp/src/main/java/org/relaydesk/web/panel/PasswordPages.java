package org.relaydesk.web.panel;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.Serializable;
import org.relaydesk.core.user.AuthService;
import org.relaydesk.core.user.PasswordLinks;
import org.relaydesk.web.security.ClientAddress;

/** /forgot-password and /set-password: asking for a reset link, and choosing a password through one. */
@Named
@ViewScoped
public class PasswordPages implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    PasswordLinks links;

    @Inject
    AuthService auth;

    @Inject
    PanelSession session;

    private String email;
    private boolean requested;
    private String token;
    private PasswordLinks.Holder holder;
    private String password;
    private String repeat;

    /** The same answer whether or not the address has an account, so nobody can probe addresses. */
    public void requestReset() {
        HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
        requested = PanelActions.attempt(() -> links.requestReset(email, ClientAddress.of(request)), null);
    }

    /** View action of /set-password: is the link still good, and whose is it? */
    public void checkToken() {
        holder = links.check(token).orElse(null);
    }

    public void savePassword() throws IOException {
        if (password == null || !password.equals(repeat)) {
            PanelActions.error("The two passwords differ.");
            return;
        }
        String[] account = new String[1];
        if (!PanelActions.attempt(() -> account[0] = links.setPassword(token, password), null)) {
            return;
        }
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        var signedIn = auth.checkPassword(account[0], password, ClientAddress.of(request));
        if (signedIn.isPresent()) {
            request.changeSessionId();
            session.signIn(signedIn.get(), false);
            PanelActions.infoAfterRedirect("Password saved. Welcome, " + signedIn.get().name() + "!");
            external.redirect(external.getRequestContextPath() + PanelSession.landingFor(signedIn.get()));
        } else {
            PanelActions.infoAfterRedirect("Password saved. Sign in with it now.");
            external.redirect(external.getRequestContextPath() + "/login");
        }
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public boolean isRequested() {
        return requested;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public PasswordLinks.Holder getHolder() {
        return holder;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getRepeat() {
        return repeat;
    }

    public void setRepeat(String repeat) {
        this.repeat = repeat;
    }
}
