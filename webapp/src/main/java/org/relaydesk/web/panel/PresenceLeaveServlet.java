package org.relaydesk.web.panel;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;

/**
 * A ticket page being left says so with navigator.sendBeacon (which survives the page unloading,
 * unlike an Ajax request), so that others stop seeing "is viewing" at once rather than after the
 * 45 s silence. Behind PanelAccessFilter: only a signed-in agent leaves, and only as themselves.
 */
@WebServlet("/agent/presence/leave")
public class PresenceLeaveServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    PanelSession session;

    @Inject
    Presence presence;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        try {
            presence.leave(session.getUser(), UUID.fromString(request.getParameter("ticket")));
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        } catch (IllegalArgumentException | NullPointerException badTicket) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
    }
}
