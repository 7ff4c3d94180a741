package org.relaydesk.web.error;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.error.TooManyRequestsException;

/**
 * Every failure leaves as problem+json with a clear message. Domain exceptions arrive wrapped by
 * CDI/JTA interceptors, so the mapper unwraps the cause chain first; anything unexpected is logged
 * with an id that the client sees instead of a stack trace.
 */
@Provider
public class ExceptionMappers implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(ExceptionMappers.class.getName());

    @Override
    public Response toResponse(Throwable thrown) {
        Response wrapperAnswer = null;
        int hops = 0;
        for (Throwable t = thrown; t != null && hops++ < 32; t = t.getCause() == t ? null : t.getCause()) {
            Response mapped = map(t);
            if (mapped != null && isGenericWrapper(t)) {
                // A reader failure wraps the precise cause (a field error): prefer that if there is one.
                wrapperAnswer = wrapperAnswer == null ? mapped : wrapperAnswer;
            } else if (mapped != null) {
                return mapped;
            }
        }
        if (wrapperAnswer != null) {
            return wrapperAnswer;
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, thrown);
        return Problem.of(500, "Internal Server Error", "Something went wrong on our side (incident " + incident + ")", null);
    }

    private static Response map(Throwable t) {
        if (t instanceof InvalidInputException e) {
            return Problem.of(400, "Bad Request", "The request has invalid fields", e.fieldErrors());
        }
        if (t instanceof org.relaydesk.core.error.NotFoundException e) {
            return Problem.of(Response.Status.NOT_FOUND, e.getMessage());
        }
        if (t instanceof ConflictException e) {
            return e.type() == null ? Problem.of(Response.Status.CONFLICT, e.getMessage()) : Problem.typed(409, e.type(), e.getMessage(), e.details());
        }
        if (t instanceof PermissionDeniedException e) {
            return Problem.of(Response.Status.FORBIDDEN, e.getMessage());
        }
        if (t instanceof TooManyRequestsException e) {
            Response base = Problem.of(429, "Too Many Requests", e.getMessage() + "; retry in " + e.retryAfterSeconds() + " s", null);
            return Response.fromResponse(base).header("Retry-After", e.retryAfterSeconds()).build();
        }
        if (t instanceof ServerBusyException e) {
            Response base = Problem.of(503, "Service Unavailable", e.getMessage() + "; retry in " + e.retryAfterSeconds() + " s", null);
            return Response.fromResponse(base).header("Retry-After", e.retryAfterSeconds()).build();
        }
        if (t instanceof OptimisticLockException || ConcurrentChange.isConflict(t)) {
            return Problem.of(Response.Status.CONFLICT, "Someone else changed this at the same time; reload and try again");
        }
        if (t instanceof ConstraintViolationException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            e.getConstraintViolations().forEach(v -> errors.put(lastNode(v.getPropertyPath().toString()), v.getMessage()));
            return Problem.of(400, "Bad Request", "The request has invalid fields", errors);
        }
        if (t instanceof JsonParsingException || t instanceof JsonbException || t instanceof ProcessingException) {
            return Problem.of(Response.Status.BAD_REQUEST, "The request body is not valid JSON of the expected shape");
        }
        if (t instanceof java.sql.SQLException e && e.getSQLState() != null && e.getSQLState().startsWith("22")) {
            // SQL class 22 is "data exception": a value the database cannot take (too long, out of range,
            // a NUL character). The caller's input, not our fault; the edge checks should have caught it.
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.WARNING, "Input refused by the database (SQLSTATE " + e.getSQLState() + "), incident " + incident, e);
            return Problem.of(400, "Bad Request", "A value in the request cannot be stored (incident " + incident + ")", null);
        }
        if (t instanceof NotFoundException) {
            return Problem.of(Response.Status.NOT_FOUND, "No such resource");
        }
        if (t instanceof NotAllowedException) {
            return Problem.of(405, "Method Not Allowed", "This method is not allowed here", null);
        }
        if (t instanceof WebApplicationException e) {
            Response.StatusType status = e.getResponse().getStatusInfo();
            if (status.getStatusCode() < 500 && isProblem(e.getResponse())) {
                return e.getResponse(); // already a problem with its own detail (e.g. the JSON body reader's 413/415)
            }
            if (status.getStatusCode() < 500) {
                return Problem.of(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), null);
            }
        }
        return null;
    }

    private static boolean isGenericWrapper(Throwable t) {
        return t instanceof ProcessingException || t instanceof JsonbException || t instanceof JsonParsingException;
    }

    private static boolean isProblem(Response response) {
        return response.hasEntity() && response.getMediaType() != null
                && Problem.MEDIA_TYPE.equals(response.getMediaType().getType() + "/" + response.getMediaType().getSubtype());
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
