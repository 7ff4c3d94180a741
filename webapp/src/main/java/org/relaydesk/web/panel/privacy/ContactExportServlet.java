package org.relaydesk.web.panel.privacy;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.util.UUID;
import org.relaydesk.core.access.Caller;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.privacy.ContactDataExport;

/**
 * /admin/privacy/export?contact=ID: the privacy page's download of a contact's data, for the signed-in
 * admin (the panel filter checked the session and the role; the service checks again).
 */
@WebServlet("/admin/privacy/export")
public class ContactExportServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    ContactDataExport export;

    @Inject
    Caller caller;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if ("cross-site".equals(request.getHeader("Sec-Fetch-Site"))) {
            // a link on another site must not make an admin's browser export someone (the session cookie goes along with a top-level link)
            org.relaydesk.web.panel.PanelDownloads.refuse(response, HttpServletResponse.SC_FORBIDDEN, "Start the export from the privacy page");
            return;
        }
        UUID contact;
        try {
            contact = UUID.fromString(String.valueOf(request.getParameter("contact")));
        } catch (IllegalArgumentException notAnId) {
            org.relaydesk.web.panel.PanelDownloads.refuse(response, HttpServletResponse.SC_BAD_REQUEST, "contact must be a contact's id");
            return;
        }
        ContactDataExport.Archive archive;
        try {
            archive = export.forAdmin(caller.user().orElseThrow(() -> new PermissionDeniedException("Sign in as an admin")), contact);
        } catch (NotFoundException e) {
            org.relaydesk.web.panel.PanelDownloads.refuse(response, HttpServletResponse.SC_NOT_FOUND, "There is no such contact in this workspace");
            return;
        } catch (PermissionDeniedException e) {
            org.relaydesk.web.panel.PanelDownloads.refuse(response, HttpServletResponse.SC_FORBIDDEN, e.getMessage());
            return;
        } catch (org.relaydesk.core.error.TooManyRequestsException e) {
            org.relaydesk.web.panel.PanelDownloads.refuse(response, 429, e.getMessage());
            return;
        }
        try {
            response.setContentType("application/zip");
            response.setHeader("Content-Disposition", "attachment; filename=\"" + archive.fileName() + "\"");
            response.setHeader("Cache-Control", "private, no-store");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setContentLengthLong(Files.size(archive.file()));
            Files.copy(archive.file(), response.getOutputStream());
        } finally {
            archive.delete();
        }
    }
}
