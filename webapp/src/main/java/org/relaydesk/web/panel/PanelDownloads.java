package org.relaydesk.web.panel;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** What the panels' download servlets (audit CSV, a contact's export) answer when they refuse: a short plain-text reason, never a page or a trace. */
public final class PanelDownloads {
    private PanelDownloads() {
    }

    public static void refuse(HttpServletResponse response, int status, String reason) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain; charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(reason == null ? "Refused" : reason);
    }
}
