package org.relaydesk.web.error;

import org.relaydesk.core.text.Jsonp;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Builds RFC 9457 problem details responses. */
public final class Problem {
    public static final String MEDIA_TYPE = "application/problem+json";

    private Problem() {
    }

    public static Response of(Response.Status status, String detail) {
        return of(status.getStatusCode(), status.getReasonPhrase(), detail, null);
    }

    public static Response of(int status, String title, String detail, Map<String, String> fieldErrors) {
        return Response.status(status).type(MEDIA_TYPE).entity(body(status, title, detail, fieldErrors)).build();
    }

    /** Problem types Relaydesk names: a URN whose last segment says what happened ("conversation-window-closed"). */
    public static final String TYPE_PREFIX = "urn:relaydesk:problem:";

    /**
     * A problem a client may act on by its {@code type}; {@code details} become extra members
     * (snake_case names, e.g. "closed_at").
     */
    public static Response typed(int status, String type, String detail, Map<String, String> details) {
        JsonObjectBuilder body = Jsonp.createObjectBuilder()
                .add("type", TYPE_PREFIX + type)
                .add("title", Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase())
                .add("status", status)
                .add("detail", detail);
        details.forEach((name, value) -> {
            if (!java.util.Set.of("type", "title", "status", "detail").contains(name) && value != null) {
                body.add(name, value);
            }
        });
        return Response.status(status).type(MEDIA_TYPE).entity(body.build().toString()).build();
    }

    /** The same answer from a servlet or filter, which answers before JAX-RS is reached. */
    public static void write(jakarta.servlet.http.HttpServletResponse response, int status, String title, String detail)
            throws java.io.IOException {
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding(java.nio.charset.StandardCharsets.UTF_8.name());
        response.getWriter().write(body(status, title, detail, null));
    }

    private static String body(int status, String title, String detail, Map<String, String> fieldErrors) {
        JsonObjectBuilder body = Jsonp.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title)
                .add("status", status)
                .add("detail", detail == null ? title : detail);
        if (fieldErrors != null && !fieldErrors.isEmpty()) {
            var errors = Jsonp.createArrayBuilder();
            fieldErrors.forEach((field, message) -> errors.add(Jsonp.createObjectBuilder().add("field", field).add("message", message)));
            body.add("errors", errors);
        }
        return body.build().toString();
    }
}
