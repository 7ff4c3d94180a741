package org.relaydesk.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The first filter of every request (declared first in web.xml): refuses ambiguous paths before any
 * other layer can read them differently (see {@link RequestPaths}), and notes the client's address
 * for the request's audit entries.
 */
public class RequestGuardFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @jakarta.inject.Inject
    org.relaydesk.core.access.Caller caller;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (RequestPaths.ambiguous(request.getRequestURI())) {
            refuse(request, response);
            return;
        }
        caller.from(ClientAddress.of(request)); // where the request came from, as the audit log records it
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setHeader("Cache-Control", "no-store");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("text/html")) {
            response.setContentType("text/html");
            response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><title>Bad address</title></head><body>"
                    + "<h1>This address is not valid</h1><p>Its path has encoded or repeated separators or dot segments."
                    + " <a href=\"/\">Go to the start page</a>.</p></body></html>");
        } else {
            org.relaydesk.web.error.Problem.write(response, HttpServletResponse.SC_BAD_REQUEST, "Bad Request",
                    "The request path is ambiguous (encoded or repeated separators or dot segments) and was refused");
        }
    }
}
