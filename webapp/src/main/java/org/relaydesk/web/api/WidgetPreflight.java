package org.relaydesk.web.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers browsers' CORS preflights of the widget's endpoints before any resource matching or
 * authentication: a preflight carries no credentials and gets only the methods and headers the
 * widget uses ({@link WidgetCors} adds the origin). Anything else goes on as usual.
 */
@Provider
@PreMatching
public class WidgetPreflight implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        if (!"OPTIONS".equals(request.getMethod()) || request.getHeaderString("Access-Control-Request-Method") == null
                || !request.getUriInfo().getPath().startsWith("public/widget/")) {
            return;
        }
        request.abortWith(Response.noContent().header("Access-Control-Allow-Methods", "GET, POST")
                .header("Access-Control-Allow-Headers", String.join(", ", "Content-Type", WidgetResource.CHAT_TOKEN_HEADER,
                        WidgetResource.VISITOR_SESSION_HEADER, WidgetResource.VISITOR_EMAIL_HEADER, WidgetResource.VISITOR_HASH_HEADER))
                .header("Access-Control-Max-Age", WidgetCors.MAX_AGE_SECONDS).build());
    }
}
