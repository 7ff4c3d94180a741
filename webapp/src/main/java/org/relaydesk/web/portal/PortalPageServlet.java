package org.relaydesk.web.portal;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.relaydesk.core.portal.Customer;
import org.relaydesk.core.portal.PortalWorkspaces;
import org.relaydesk.core.workspace.Workspace;
import org.relaydesk.core.workspace.WorkspaceService;

/**
 * Serves the portal's pages: one page frame, branded with the workspace's name, colour and logo,
 * that portal.js fills from /api/portal. Signed-in pages need the portal cookie (never a staff
 * session); without it they send the visitor to /portal/login. Data is only ever in the API's
 * answers, each checked for the customer there.
 */
@WebServlet(urlPatterns = {"/portal", "/portal/*", "/register"})
public class PortalPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    SignedInCustomer signedIn;

    @Inject
    PortalWorkspaces portalWorkspaces;

    @Inject
    WorkspaceService workspaces;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        Optional<PortalPages.Page> page = PortalPages.of(path);
        if (page.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Optional<Customer> customer = signedIn.of(request);
        String slug = request.getParameter("workspace");
        if (page.get().signedIn() && customer.isEmpty()) {
            String next = "?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
            response.sendRedirect(request.getContextPath() + "/portal/login" + next
                    + (slug == null || !Workspace.SLUG.matcher(slug).matches() ? "" : "&workspace=" + slug));
            return;
        }
        if (path.equals("/portal") || path.equals("/portal/")) {
            response.sendRedirect(request.getContextPath() + "/portal/dashboard");
            return;
        }
        Workspace workspace = customer.isPresent() ? workspaces.get(customer.get().workspaceId())
                : portalWorkspaces.find(slug == null || !Workspace.SLUG.matcher(slug).matches() ? null : slug).orElse(null);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(PortalFrame.render(page.get(), workspace, customer.isPresent()));
    }
}
