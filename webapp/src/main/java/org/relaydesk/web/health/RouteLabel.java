package org.relaydesk.web.health;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Names the API route a request reached, as its template ({@code /api/tickets/{id}/comments}), for {@link RequestTiming}. */
@Provider
public class RouteLabel implements ContainerRequestFilter {
    private static final Map<Method, String> TEMPLATES = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext context) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method != null && request != null) {
            request.setAttribute(RequestTiming.ROUTE, TEMPLATES.computeIfAbsent(method, m -> template(resource.getResourceClass(), m)));
        }
    }

    static String template(Class<?> type, Method method) {
        Path onClass = type.getAnnotation(Path.class);
        Path onMethod = method.getAnnotation(Path.class);
        String path = "/api" + slash(onClass == null ? "" : onClass.value()) + slash(onMethod == null ? "" : onMethod.value());
        // a template's regular expression ({signal: typing|read}) is left out: the name is the label
        return path.replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}").replaceAll("/+$", "").replaceAll("//+", "/");
    }

    private static String slash(String part) {
        return part.isEmpty() || part.startsWith("/") ? part : "/" + part;
    }
}
