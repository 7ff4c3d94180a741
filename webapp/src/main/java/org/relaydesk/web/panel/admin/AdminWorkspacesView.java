package org.relaydesk.web.panel.admin;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.user.UserService;
import org.relaydesk.core.workspace.Workspace;
import org.relaydesk.core.workspace.WorkspaceService;
import org.relaydesk.web.panel.PanelActions;
import org.relaydesk.web.panel.PanelSession;

/** /admin/workspaces: the system administrator's list of help desks on this installation, and new ones. */
@Named
@ViewScoped
public class AdminWorkspacesView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    WorkspaceService workspaces;

    @Inject
    PanelSession session;

    @Inject
    Tenancy tenancy;

    private List<Workspace> all;
    private String name;
    private String slug;
    private String adminName;
    private String adminEmail;
    private String adminPassword;

    /** View action: workspace admins are not system admins; they get 403 like any forbidden page. */
    public void requireSystemAdmin() throws IOException {
        if (!session.isSystemAdmin()) {
            FacesContext faces = FacesContext.getCurrentInstance();
            faces.getExternalContext().responseSendError(HttpServletResponse.SC_FORBIDDEN, "Only the system administrator");
            faces.responseComplete();
        }
    }

    public List<Workspace> getWorkspaces() {
        if (all == null) {
            all = workspaces.list();
        }
        return all;
    }

    public void create() {
        if (!session.isSystemAdmin()) {
            PanelActions.error("Only the system administrator can create workspaces.");
            return;
        }
        java.util.UUID own = tenancy.workspaceId();
        boolean created = PanelActions.attempt(() -> workspaces.create(name, slug, new UserService.NewUser(adminEmail, adminName, "admin", adminPassword)),
                "Workspace " + name + " created; " + adminEmail + " can sign in as its admin");
        tenancy.actAs(own); // creating switches to the new workspace for its first admin
        if (created) {
            name = null;
            slug = null;
            adminName = null;
            adminEmail = null;
            adminPassword = null;
            all = null;
        }
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = slug;
    }

    public String getAdminName() {
        return adminName;
    }

    public void setAdminName(String adminName) {
        this.adminName = adminName;
    }

    public String getAdminEmail() {
        return adminEmail;
    }

    public void setAdminEmail(String adminEmail) {
        this.adminEmail = adminEmail;
    }

    public String getAdminPassword() {
        return adminPassword;
    }

    public void setAdminPassword(String adminPassword) {
        this.adminPassword = adminPassword;
    }
}
