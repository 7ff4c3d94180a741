package org.relaydesk.web.panel;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.ticket.Attachment;
import org.relaydesk.core.ticket.AttachmentService;

/**
 * /agent/attachments/{id}: a file of a ticket the signed-in agent may see (the panel filter has
 * checked the session and set workspace and visibility). Pictures show in the browser; every other
 * file is downloaded. Nothing is ever run as a page: nosniff and a sandboxing CSP.
 */
@WebServlet("/agent/attachments/*")
public class AttachmentServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    AttachmentService attachments;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Attachment file;
        try {
            String path = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
            file = attachments.download(UUID.fromString(path.split("/")[0]));
        } catch (IllegalArgumentException | NotFoundException e) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        byte[] content = file.content();
        response.setContentType(file.contentType());
        file.downloadHeaders().forEach(response::setHeader);
        response.setContentLength(content.length);
        response.getOutputStream().write(content);
    }
}
