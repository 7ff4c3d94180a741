package org.relaydesk.web.panel;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.relaydesk.core.workspace.Workspace;
import org.relaydesk.web.api.Workspaces;

/** The signed-in workspace's look in the panels: its name, brand colour and logo. */
@Named
@RequestScoped
public class Branding {
    @Inject
    Workspaces workspaces;

    @Inject
    PanelSession session;

    private Workspace workspace() {
        return session.isSignedIn() ? workspaces.current() : null;
    }

    /** Validated as #RRGGBB when saved, so it is safe inside a style element. */
    public String getColor() {
        Workspace workspace = workspace();
        return workspace == null ? "#3B82F6" : workspace.brandColor();
    }

    public String getName() {
        Workspace workspace = workspace();
        return workspace == null ? "Relaydesk" : workspace.name();
    }

    /** "#" in "#1042": every list of tickets shows numbers as the workspace writes them. */
    public String getTicketPrefix() {
        Workspace workspace = workspace();
        return workspace == null ? "#" : workspace.ticketPrefix();
    }

    public String getLogoUrl() {
        Workspace workspace = workspace();
        return workspace == null || !workspace.hasLogo() ? null : "/branding/logo?v=" + workspace.version();
    }
}
