package org.relaydesk.web.graphql;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** /graphql and /graphql/schema.graphql, where GraphQL clients look, are the API's /api/graphql (the same authentication and limits). */
@WebFilter(urlPatterns = {"/graphql", "/graphql/schema.graphql"})
public class GraphQLPathFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        request.getRequestDispatcher("/api" + path).forward(request, response);
    }
}
