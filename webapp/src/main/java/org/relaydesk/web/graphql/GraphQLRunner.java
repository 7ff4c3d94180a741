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

    /** Whether the operation to run is a mutation (empty: the document does not parse; the engine will say why). */
    public Optional<Boolean> isMutation(String query, String operationName) {
        try {
            Document document = Parser.parse(query);
            List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
            return operations.stream().filter(o -> operationName == null || operationName.equals(o.getName())).findFirst()
                    .map(o -> o.getOperation() == OperationDefinition.Operation.MUTATION);
        } catch (InvalidSyntaxException e) {
            return Optional.empty();
        }
    }

    public ExecutionResult run(String query, String operationName, Map<String, Object> variables, boolean mutation) throws SystemException {
        GraphQLBatch batch = fetchers.newBatch();
        ExecutionInput input = ExecutionInput.newExecutionInput().query(query).operationName(operationName)
                .variables(variables == null ? Map.of() : variables).dataLoaderRegistry(batch.loaders)
                .graphQLContext(Map.of(GraphQLFetchers.BATCH, batch)).build();
        try {
            transaction.begin();
            ExecutionResult result = engine.graphQL().execute(input);
            boolean refused = transaction.getStatus() == Status.STATUS_MARKED_ROLLBACK || mutation && !result.getErrors().isEmpty();
            if (!mutation || refused) {
                transaction.rollback();
                return mutation ? nothingChanged(result) : result;
            }
            transaction.commit();
            return result;
        } catch (jakarta.transaction.NotSupportedException | jakarta.transaction.RollbackException | jakarta.transaction.HeuristicMixedException
                | jakarta.transaction.HeuristicRollbackException e) {
            rollbackQuietly();
            throw new IllegalStateException("The request could not be completed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
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
