package org.relaydesk.web.graphql;

import graphql.ExecutionResult;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.user.TokenScope;
import org.relaydesk.web.security.AnyScope;
import org.relaydesk.web.security.CurrentUser;
import org.relaydesk.web.security.Public;

/**
 * POST /graphql (also /api/graphql): {"query", "variables", "operationName"} with the same bearer
 * token as the REST API; a mutation needs the write scope. The answer is the GraphQL response
 * (data and errors) with 200, or a problem (400) when the request itself is not one.
 * GET /graphql/schema.graphql: the schema.
 */
@Path("/graphql")
@RequestScoped
@Tag(name = "GraphQL")
public class GraphQLResource {
    @Inject
    GraphQLRunner runner;

    @Inject
    GraphQLEngine engine;

    @Inject
    CurrentUser currentUser;

    @POST
    @AnyScope
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "bearer")
    public Response execute(JsonObject json) throws jakarta.transaction.SystemException {
        JsonValue query = json.get("query");
        if (!(query instanceof JsonString text) || text.getString().isBlank()) {
            throw new InvalidInputException("query", "is required: a GraphQL document");
        }
        if (text.getString().length() > GraphQLEngine.MAX_DOCUMENT) {
            throw new InvalidInputException("query", "at most " + GraphQLEngine.MAX_DOCUMENT + " characters");
        }
        JsonValue name = json.get("operationName");
        String operationName = name instanceof JsonString s ? s.getString() : null;
        JsonValue variables = json.get("variables");
        if (variables != null && variables.getValueType() != JsonValue.ValueType.NULL && !(variables instanceof JsonObject)) {
            throw new InvalidInputException("variables", "must be a JSON object");
        }
        boolean mutation = runner.isMutation(text.getString(), operationName).orElse(false);
        if (!currentUser.bearer().allows(mutation ? TokenScope.WRITE : TokenScope.READ)) {
            throw new PermissionDeniedException("This token's scopes do not allow " + (mutation ? "changes" : "reading") + " (scopes: read, write, admin)");
        }
        ExecutionResult result = runner.run(text.getString(), operationName,
                variables instanceof JsonObject object ? JsonValues.toMap(object) : null, mutation);
        return Response.ok(JsonValues.toJson(result.toSpecification()).toString(), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/schema.graphql")
    @Public
    @Produces("text/plain; charset=UTF-8")
    public Response schema() {
        return Response.ok(engine.sdl(), "text/plain; charset=UTF-8").header("Cache-Control", "public, max-age=300").build();
    }
}
