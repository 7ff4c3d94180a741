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
    /** Where a signed-in member of staff starts. */
    public static final String LANDING = "/agent/tickets";

    private AuthenticatedUser user;

    void signIn(AuthenticatedUser signedIn) {
        this.user = signedIn;
    }

    public AuthenticatedUser getUser() {
        return user;
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
        external.redirect(external.getRequestContextPath() + (user == null ? "/login" : LANDING));
    }

    public String signOut() {
        FacesContext.getCurrentInstance().getExternalContext().invalidateSession();
        return "/login?faces-redirect=true";
    }
}
