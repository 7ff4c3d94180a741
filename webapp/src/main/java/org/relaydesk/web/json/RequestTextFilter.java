package org.relaydesk.web.json;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;
import org.relaydesk.web.error.Problem;

/**
 * The query and path of every API request, checked before any resource sees them: a percent-encoding
 * that does not decode (%zz) or a NUL character (%00, which PostgreSQL text cannot hold) is refused with
 * 400 naming the parameter, instead of failing deep inside as a 500. (Bytes that are not UTF-8 decode to
 * U+FFFD, which is harmless text, so they pass.)
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestTextFilter implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        MultivaluedMap<String, String> query;
        String path;
        try {
            query = request.getUriInfo().getQueryParameters(true);
            path = request.getUriInfo().getPath(true);
        } catch (IllegalArgumentException | IllegalStateException malformed) {
            request.abortWith(Problem.of(400, "Bad Request", "The address has a malformed percent-encoding", null));
            return;
        }
        String refused = refusedParameter(path, query);
        if (refused != null) {
            request.abortWith(Problem.of(400, "Bad Request", "The request has invalid fields",
                    Map.of(refused, "contains a NUL character (U+0000)")));
        }
    }

    /** The name of the first parameter (or "path") whose decoded text is unusable; null when all are fine. */
    static String refusedParameter(String path, Map<String, List<String>> query) {
        if (unusable(path)) {
            return "path";
        }
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            if (unusable(parameter.getKey())) {
                return "query";
            }
            for (String value : parameter.getValue()) {
                if (unusable(value)) {
                    return parameter.getKey();
                }
            }
        }
        return null;
    }

    private static boolean unusable(String text) {
        return text != null && text.indexOf('\0') >= 0;
    }
}
