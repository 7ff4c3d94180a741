package org.relaydesk.web.graphql;

import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.OperationDefinition;

/**
 * The last word on mutations: the operation graphql-java actually runs is checked against what the
 * request was allowed and committed as. A mutation in a request read as a query (by whatever trick
 * of names) is aborted before any field runs.
 */
final class MutationGuard extends SimplePerformantInstrumentation {
    static final String ALLOWED = "relaydesk.mutation-allowed";

    @Override
    public InstrumentationContext<graphql.ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        var context = parameters.getExecutionContext();
        boolean mutation = context.getOperationDefinition().getOperation() == OperationDefinition.Operation.MUTATION;
        if (mutation && !Boolean.TRUE.equals(context.getGraphQLContext().get(ALLOWED))) {
            throw new AbortExecutionException("This request was read as a query: a mutation cannot run in it (name the operation to run)");
        }
        return super.beginExecuteOperation(parameters, state);
    }
}
