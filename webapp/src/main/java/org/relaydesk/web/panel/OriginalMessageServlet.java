package org.relaydesk.web.panel;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.relaydesk.core.channel.TicketOriginals;
import org.relaydesk.core.error.NotFoundException;

/**
 * /agent/originals/{ticket id}/{original id}: a message as it arrived (an email's .eml), for an
 * agent who may see the ticket (the panel filter has checked the session and set workspace and
 * visibility). Always a download, never shown as a page.
 */
@WebServlet("/agent/originals/*")
public class OriginalMessageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    TicketOriginals originals;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        TicketOriginals.Content content;
        try {
            String[] path = (request.getPathInfo() == null ? "" : request.getPathInfo().substring(1)).split("/");
            content = originals.content(UUID.fromString(path[0]), UUID.fromString(path.length > 1 ? path[1] : ""));
        } catch (IllegalArgumentException | NotFoundException e) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType(content.contentType());
        content.downloadHeaders().forEach(response::setHeader);
        response.setContentLength(content.bytes().length);
        response.getOutputStream().write(content.bytes());
    }
}
