package org.relaydesk.web.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.error.PermissionDeniedException;

/**
 * A service's refusal becomes a GraphQL error with a code a client can act on (BAD_USER_INPUT with
 * the fields, FORBIDDEN, NOT_FOUND, CONFLICT), as the REST API's problems do; anything else is
 * INTERNAL_ERROR without a word of the exception (the server log has it).
 */
final class GraphQLErrors implements DataFetcherExceptionHandler {
    private static final Logger LOG = Logger.getLogger(GraphQLErrors.class.getName());

    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(DataFetcherExceptionHandlerParameters parameters) {
        Throwable failure = unwrap(parameters.getException());
        GraphqlErrorBuilder<?> error = GraphqlErrorBuilder.newError().path(parameters.getPath()).location(parameters.getSourceLocation());
        if (failure instanceof InvalidInputException invalid) {
            error.message(invalid.fieldErrors().isEmpty() ? String.valueOf(invalid.getMessage())
                    : invalid.fieldErrors().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + "; " + b).orElse(""))
                    .extensions(Map.of("code", "BAD_USER_INPUT", "fields", invalid.fieldErrors()));
        } else if (failure instanceof PermissionDeniedException) {
            error.message(failure.getMessage()).extensions(Map.of("code", "FORBIDDEN"));
        } else if (failure instanceof NotFoundException) {
            error.message(failure.getMessage()).extensions(Map.of("code", "NOT_FOUND"));
        } else if (failure instanceof ConflictException) {
            error.message(failure.getMessage()).extensions(Map.of("code", "CONFLICT"));
        } else {
            LOG.log(Level.WARNING, "GraphQL field " + parameters.getPath() + " failed", failure);
            error.message("Something went wrong on our side").extensions(Map.of("code", "INTERNAL_ERROR"));
        }
        GraphQLError built = error.build();
        return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(built).build());
    }

    /** The refusal a container or CompletableFuture wrapped. */
    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t && !(t instanceof InvalidInputException || t instanceof PermissionDeniedException
                || t instanceof NotFoundException || t instanceof ConflictException)) {
            t = t.getCause();
        }
        return t;
    }
}
