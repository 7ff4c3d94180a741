package org.relaydesk.web.panel;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
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
    private static final Set<String> INLINE = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

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
        String disposition = INLINE.contains(file.contentType()) ? "inline" : "attachment";
        response.setContentType(file.contentType());
        response.setHeader("Content-Disposition", disposition + "; filename*=UTF-8''"
                + URLEncoder.encode(file.fileName(), StandardCharsets.UTF_8).replace("+", "%20"));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
        response.setHeader("Cache-Control", "private, no-store");
        response.setContentLength(content.length);
        response.getOutputStream().write(content);
    }
}
