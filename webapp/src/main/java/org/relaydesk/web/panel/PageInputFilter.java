package org.relaydesk.web.panel;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The pages' counterpart of the API's RequestTextFilter: a form field or query parameter with a NUL
 * character (%00, which PostgreSQL text cannot hold) is answered 400 before any page acts on it,
 * instead of failing in the database as a 500 (the public sign-in and password pages included).
 * The API (/api/*) checks its own input and reads its bodies itself, so it is left alone here; so
 * are multipart uploads, whose parts the upload handlers check.
 */
@WebFilter(urlPatterns = "/*")
public class PageInputFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String contentType = request.getContentType();
        boolean checked = !path.startsWith("/api/") && (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/"));
        if (checked && request.getCharacterEncoding() == null) {
            // Reading parameters fixes the request's encoding: set the one our pages are served in (what
            // Faces would set), or a browser's plain form post would be read as ISO-8859-1.
            request.setCharacterEncoding("UTF-8");
        }
        if (checked && hasNul(request.getParameterMap())) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean hasNul(Map<String, String[]> parameters) {
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            if (parameter.getKey().indexOf('\0') >= 0) {
                return true;
            }
            for (String value : parameter.getValue()) {
                if (value != null && value.indexOf('\0') >= 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
