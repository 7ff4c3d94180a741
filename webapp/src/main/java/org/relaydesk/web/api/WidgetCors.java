package org.relaydesk.web.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.relaydesk.core.widget.AllowedOrigins;

/**
 * Lets the page that called the widget's endpoints read the answer. Safe for any origin: the
 * service answers data only to the sites a widget allows and a refusal to every other one, and the
 * calls carry no cookies or credentials (no Allow-Credentials), so an echoed origin exposes nothing
 * but that refusal, which is meant to be read ("this site is not allowed"). Preflights are answered
 * by {@link WidgetPreflight}.
 */
@Provider
public class WidgetCors implements ContainerResponseFilter {
    static final String MAX_AGE_SECONDS = "600";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        List<String> segments = request.getUriInfo().getPathSegments().stream().map(s -> s.getPath()).toList();
        if (segments.size() < 2 || !segments.get(0).equals("public") || !segments.get(1).equals("widget")) {
            return;
        }
        String origin = request.getHeaderString("Origin");
        response.getHeaders().add("Vary", "Origin");
        if (AllowedOrigins.origin(origin).isEmpty()) {
            return;
        }
        response.getHeaders().putSingle("Access-Control-Allow-Origin", origin.strip());
    }
}
