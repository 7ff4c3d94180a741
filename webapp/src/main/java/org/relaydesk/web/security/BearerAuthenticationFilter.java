package org.relaydesk.web.security;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import org.relaydesk.core.user.AuthService;
import org.relaydesk.core.user.TokenScope;
import org.relaydesk.web.error.Problem;

/**
 * Every API call needs a valid bearer token (session JWT or personal API token) unless its
 * resource is marked {@link Public}. Establishes the caller and thereby the workspace every
 * query of the request is confined to.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerAuthenticationFilter implements ContainerRequestFilter {
    @Context
    ResourceInfo resourceInfo;

    @Inject
    AuthService auth;

    @Inject
    CurrentUser currentUser;

    @Inject
    org.relaydesk.web.portal.SignedInCustomer portalCustomer;

    @jakarta.ws.rs.core.Context
    jakarta.servlet.http.HttpServletRequest servletRequest;

    @Inject
    org.relaydesk.core.ticket.TicketVisibility visibility;

    @Override
    public void filter(ContainerRequestContext request) {
        if (isPublic()) {
            return;
        }
        if (resourceInfo.getResourceClass().isAnnotationPresent(CustomerSignIn.class)) {
            // the portal's own door: its cookie, never a staff token (a staff token here is ignored, not honoured)
            if (portalCustomer.of(servletRequest).isEmpty()) {
                request.abortWith(Problem.of(Response.Status.UNAUTHORIZED, "Sign in to the help centre first"));
            }
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<AuthService.Bearer> bearer = Optional.empty();
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            bearer = auth.verifyBearer(header.substring(7).trim());
        }
        if (bearer.isEmpty()) {
            request.abortWith(Response.fromResponse(
                    Problem.of(Response.Status.UNAUTHORIZED, "A valid bearer token is required (POST /api/auth/login)"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"relaydesk\"").build());
            return;
        }
        String method = request.getMethod();
        boolean reads = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
        boolean anyScope = resourceInfo.getResourceMethod().isAnnotationPresent(AnyScope.class);
        if (!anyScope && !bearer.get().allows(reads ? TokenScope.READ : TokenScope.WRITE)) {
            request.abortWith(Problem.of(Response.Status.FORBIDDEN,
                    "This token's scopes do not allow " + (reads ? "reading" : "changes") + " (scopes: read, write, admin)"));
            return;
        }
        currentUser.set(bearer.get());
        visibility.applyFor(bearer.get().user());
    }

    private boolean isPublic() {
        if (resourceInfo.getResourceMethod() == null) {
            return true; // no resource matched: let JAX-RS answer 404/405
        }
        return resourceInfo.getResourceMethod().isAnnotationPresent(Public.class)
                || resourceInfo.getResourceClass().isAnnotationPresent(Public.class);
    }
}
