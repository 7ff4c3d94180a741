package org.relaydesk.web.panel;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.relaydesk.core.workspace.Workspace;
import org.relaydesk.core.workspace.WorkspaceService;

/**
 * /branding/logo: the signed-in workspace's logo, or a workspace's by ?workspace=slug for public
 * pages. Served with its sniffed type and nosniff, so an upload can never be read as a page.
 */
@WebServlet("/branding/logo")
public class LogoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    PanelSession session;

    @Inject
    WorkspaceService workspaces;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String slug = request.getParameter("workspace");
        Workspace workspace = slug != null ? workspaces.findBySlug(slug).orElse(null)
                : session.isSignedIn() ? workspaces.get(session.getUser().workspaceId()) : null;
        byte[] logo = workspace == null ? null : workspace.logo();
        if (logo == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType(workspace.logoType());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'none'");
        // the URL carries the workspace's version, so a new logo is a new URL
        response.setHeader("Cache-Control", "private, max-age=86400");
        response.setContentLength(logo.length);
        response.getOutputStream().write(logo);
    }
}
