package org.relaydesk.web.panel;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.relaydesk.core.persistence.CurrentWorkspace;
import org.relaydesk.core.user.AuthService;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.user.policy.SecurityPolicy;
import org.relaydesk.core.user.policy.SessionRules;
import java.time.Instant;

/**
 * The panels' door: a signed-in session for every panel page, the role each area needs (checked
 * here on the server, whatever the menus show), and the caller's workspace for everything the
 * request does. Also maps the readable URLs /agent/tickets/1042 and /agent/whatsapp/14155550100 onto their pages.
 */
// Mapped in web.xml after RequestGuardFilter, which has already refused ambiguous paths.
public class PanelAccessFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final Pattern TICKET_URL = Pattern.compile("^/agent/tickets/(\\d{1,18})/?$");
    /** A WhatsApp conversation by the customer's WhatsApp id; whatever stands there is the page's to judge (404 when it is none). */
    private static final Pattern WHATSAPP_URL = Pattern.compile("^/agent/whatsapp/([^/]{1,200})/?$");
    /** The workflow builder: /admin/workflows/new and /admin/workflows/{id}. */
    private static final Pattern WORKFLOW_URL = Pattern.compile("^/admin/workflows/(new|[0-9a-fA-F-]{36})/?$");
    /** The admin's and supervisor's ticket lists are the queue's views, behind their areas' doors. */
    private static final java.util.Map<String, String> AREA_QUEUES = java.util.Map.of(
            "/admin/tickets", "/agent/tickets.xhtml?view=all", "/supervisor/tickets", "/agent/tickets.xhtml?view=open",
            // a page, not a folder: a folder named tickets would turn /admin/tickets into a redirect to /admin/tickets/
            "/admin/tickets/analytics", "/admin/ticket-analytics.xhtml");

    @Inject
    PanelSession session;

    @Inject
    CurrentWorkspace workspace;

    @Inject
    AuthService auth;

    @Inject
    SecurityPolicy policy;

    @Inject
    org.relaydesk.core.access.Caller caller;

    @Inject
    org.relaydesk.core.ticket.TicketVisibility visibility;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        // The path the container serves, decoded and normalised: the raw URI can name another area
        // ("/agent/%2e%2e/admin/users" is served as /admin/users).
        String path = servedPath(request);
        // Without a session there is nobody to look up; reading the session bean would open one for
        // every anonymous request (eight hours of memory each).
        AuthenticatedUser user = request.getSession(false) == null ? null : session.getUser();
        boolean timedOut = false;
        if (user != null) {
            // one look-up by key per page: a deactivated account is out at once, a new role applies now
            user = auth.refresh(user).orElse(null);
            SessionRules limits = user == null ? null : policy.cached(user.workspaceId()).sessions();
            Instant now = Instant.now();
            if (user != null && session.endedBy(limits, now)) {
                user = null;
                timedOut = true;
            }
            if (user == null) {
                request.getSession().invalidate();
            } else {
                session.refreshed(user);
                if (!isBackground(request)) {
                    session.active(now);
                }
                // the container forgets the session soon after the idle limit (the check above is what ends it on time)
                int idleSeconds = (int) Math.min(Integer.MAX_VALUE, limits.idleFor(session.remembered()).toSeconds() + 60);
                if (request.getSession().getMaxInactiveInterval() != idleSeconds) {
                    request.getSession().setMaxInactiveInterval(idleSeconds);
                }
            }
        }
        if (user == null) {
            if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
                // an expired session during an Ajax request: tell Faces to navigate, not to render HTML into the page
                response.setContentType("text/xml");
                response.getWriter().write("<?xml version='1.0' encoding='UTF-8'?><partial-response><redirect url=\""
                        + request.getContextPath() + "/login" + (timedOut ? "?ended=true" : "") + "\"></redirect></partial-response>");
                return;
            }
            String next = "GET".equals(request.getMethod()) ? "next=" + URLEncoder.encode(path, StandardCharsets.UTF_8) : "";
            String query = (timedOut ? "ended=true" : "") + (timedOut && !next.isEmpty() ? "&" : "") + next;
            response.sendRedirect(request.getContextPath() + "/login" + (query.isEmpty() ? "" : "?" + query));
            return;
        }
        if (!mayEnter(path, user)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        caller.signedIn(user);
        workspace.set(user.workspaceId());
        visibility.applyFor(user);
        response.setHeader("Cache-Control", "no-store");
        String queue = AREA_QUEUES.get(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        if (queue != null) {
            request.getRequestDispatcher(queue).forward(request, response);
            return;
        }
        Matcher workflow = WORKFLOW_URL.matcher(path);
        if (workflow.matches()) {
            request.getRequestDispatcher("/admin/workflow.xhtml?id=" + workflow.group(1)).forward(request, response);
            return;
        }
        Matcher conversation = WHATSAPP_URL.matcher(path);
        if (conversation.matches()) {
            request.getRequestDispatcher("/agent/whatsapp-conversation.xhtml?wa=" + URLEncoder.encode(conversation.group(1), StandardCharsets.UTF_8))
                    .forward(request, response);
            return;
        }
        Matcher ticket = TICKET_URL.matcher(path);
        if (ticket.matches()) {
            request.getRequestDispatcher("/agent/ticket.xhtml?number=" + ticket.group(1)).forward(request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * A page's own background request, which is no sign that someone is there: the presence heartbeat of
     * an open ticket, the chat desk's and a conversation's refresh polls, the refresh after a live update.
     * Their components' ids end in "-background"; only Ajax requests are asked (no form is read otherwise).
     */
    static boolean isBackground(HttpServletRequest request) {
        if (!"partial/ajax".equals(request.getHeader("Faces-Request"))) {
            return false;
        }
        if (request.getCharacterEncoding() == null) {
            // reading a parameter fixes the body's encoding: the one the pages are served in, as Faces would set
            // (left unset, a reply typed with accents would be read as ISO-8859-1)
            try {
                request.setCharacterEncoding(StandardCharsets.UTF_8.name());
            } catch (java.io.UnsupportedEncodingException never) {
                throw new IllegalStateException("UTF-8 is part of every JDK", never);
            }
        }
        String source = request.getParameter("jakarta.faces.source");
        if (source == null) {
            source = request.getParameter("javax.faces.source"); // the name before Faces 4, which some scripts still send
        }
        return source != null && source.endsWith("-background");
    }

    static String servedPath(HttpServletRequest request) {
        String servlet = request.getServletPath() == null ? "" : request.getServletPath();
        return request.getPathInfo() == null ? servlet : servlet + request.getPathInfo();
    }

    /**
     * Admin pages for admins (the knowledge base editor also for supervisors, who publish it as the API
     * lets them), supervisor pages for supervisors and admins; everything else of the panels for staff.
     */
    static boolean mayEnter(String path, AuthenticatedUser user) {
        if (isUnder(path, "/admin/kb")) {
            return user.may(Role.SUPERVISOR);
        }
        if (isUnder(path, "/admin")) {
            return user.may(Role.ADMIN);
        }
        if (isUnder(path, "/supervisor")) {
            return user.may(Role.SUPERVISOR);
        }
        return isUnder(path, "/agent");
    }

    private static boolean isUnder(String path, String area) {
        return path.equals(area) || path.startsWith(area + "/") || path.startsWith(area + ".");
    }
}
