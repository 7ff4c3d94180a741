package org.relaydesk.web.graphql;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphqlErrorBuilder;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one GraphQL request in one transaction. A query's transaction is always rolled back (it
 * reads only); a mutation's commits only when every field went through: if one was refused, none
 * of the request's changes stay, and the answer says so.
 */
@ApplicationScoped
public class GraphQLRunner {
    @Inject
    GraphQLEngine engine;

    @Inject
    GraphQLFetchers fetchers;

    @Resource
    UserTransaction transaction;

    /** A request's transaction may not run longer than this, whatever it asks. */
    static final int TIMEOUT_SECONDS = 30;

    /**
     * Whether the operation that will run is a mutation, chosen as graphql-java chooses it (a blank
     * name is no name: the document's only operation). Empty when the document does not parse (the
     * engine then answers with the syntax error and runs nothing). A name that matches nothing, or
     * several operations without a name to choose, is refused here.
     */
    public Optional<Boolean> isMutation(String query, String operationName) {
        Document document;
        try {
            document = Parser.parse(query);
        } catch (InvalidSyntaxException e) {
            return Optional.empty();
        }
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        String name = operationName == null || operationName.isBlank() ? null : operationName;
        List<OperationDefinition> chosen = operations.stream().filter(o -> name == null || name.equals(o.getName())).toList();
        if (chosen.size() != 1) {
            throw new org.relaydesk.core.error.InvalidInputException("operationName", name == null
                    ? "the document has " + operations.size() + " operations: name the one to run" : "no operation is named " + name);
        }
        return Optional.of(chosen.get(0).getOperation() == OperationDefinition.Operation.MUTATION);
    }

    public ExecutionResult run(String query, String operationName, Map<String, Object> variables, boolean mutation) throws SystemException {
        GraphQLBatch batch = fetchers.newBatch();
        ExecutionInput input = ExecutionInput.newExecutionInput().query(query)
                .operationName(operationName == null || operationName.isBlank() ? null : operationName)
                .variables(variables == null ? Map.of() : variables).dataLoaderRegistry(batch.loaders)
                .graphQLContext(Map.of(GraphQLFetchers.BATCH, batch, MutationGuard.ALLOWED, mutation)).build();
        boolean committed = false;
        try {
            transaction.setTransactionTimeout(TIMEOUT_SECONDS);
            transaction.begin();
            ExecutionResult result = engine.graphQL().execute(input);
            boolean refused = transaction.getStatus() == Status.STATUS_MARKED_ROLLBACK || mutation && !result.getErrors().isEmpty();
            if (!mutation || refused) {
                return mutation ? nothingChanged(result) : result;
            }
            transaction.commit();
            committed = true;
            return result;
        } catch (jakarta.transaction.NotSupportedException | jakarta.transaction.RollbackException | jakarta.transaction.HeuristicMixedException
                | jakarta.transaction.HeuristicRollbackException e) {
            throw new IllegalStateException("The request could not be completed: " + e.getMessage(), e);
        } finally {
            if (!committed) {
                rollbackQuietly(); // a query's reads, a refused mutation, and anything that failed
            }
            transaction.setTransactionTimeout(0);
        }
    }

    private static ExecutionResult nothingChanged(ExecutionResult result) {
        List<graphql.GraphQLError> errors = new ArrayList<>(result.getErrors());
        errors.add(GraphqlErrorBuilder.newError().message("Nothing was changed: a mutation of this request was refused, so none of them applies")
                .extensions(Map.of("code", "NOT_APPLIED")).build());
        return ExecutionResultImpl.newExecutionResult().data(null).errors(errors).build();
    }

    private void rollbackQuietly() {
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        } catch (SystemException | IllegalStateException | SecurityException e) {
            // the transaction is gone already
        }
    }
}
