package org.relaydesk.web.health;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Times every request for /metrics, labelled by its route: the API resource's template when the
 * request reached one ({@link RouteLabel} names it), otherwise the page's section.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestTiming extends HttpFilter {
    private static final long serialVersionUID = 1L;
    static final String ROUTE = RequestTiming.class.getName() + ".route";

    @Inject
    ServerMetrics metrics;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (!request.isAsyncStarted()) {
                Object route = request.getAttribute(ROUTE);
                String path = request.getRequestURI().substring(request.getContextPath().length());
                metrics.request(route instanceof String named ? named : ServerMetrics.section(path), request.getMethod(), response.getStatus(),
                        System.nanoTime() - start);
            }
        }
    }
}
