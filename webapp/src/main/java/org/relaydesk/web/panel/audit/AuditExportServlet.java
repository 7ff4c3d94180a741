package org.relaydesk.web.panel.audit;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.relaydesk.core.access.Caller;
import org.relaydesk.core.audit.AuditLog;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.web.panel.PanelActions;

/**
 * /admin/audit/export?action=&amp;actor=&amp;from=&amp;to=: the audit log page's search as CSV, for the
 * signed-in admin (the panel filter checked the session and the role; the service checks again).
 */
@WebServlet("/admin/audit/export")
public class AuditExportServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    AuditLog log;

    @Inject
    Caller caller;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String csv;
        try {
            AuditLog.Filter filter = AuditFilters.of(request.getParameter("action"), request.getParameter("actor"), request.getParameter("from"),
                    request.getParameter("to"));
            csv = log.exportCsv(caller.user().orElseThrow(() -> new PermissionDeniedException("Sign in as an admin")), filter);
        } catch (InvalidInputException e) {
            org.relaydesk.web.panel.PanelDownloads.refuse(response, HttpServletResponse.SC_BAD_REQUEST, PanelActions.reason(e));
            return;
        } catch (PermissionDeniedException e) {
            org.relaydesk.web.panel.PanelDownloads.refuse(response, HttpServletResponse.SC_FORBIDDEN, e.getMessage());
            return;
        }
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-log.csv\"");
        response.setHeader("Cache-Control", "private, no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getOutputStream().write(csv.getBytes(StandardCharsets.UTF_8));
    }
}
