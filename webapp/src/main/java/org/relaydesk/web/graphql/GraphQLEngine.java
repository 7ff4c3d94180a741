package org.relaydesk.web.graphql;

import graphql.GraphQL;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The schema (src/main/resources/.../schema.graphqls) wired to {@link GraphQLFetchers}, built once,
 * with the limits every query runs under: depth and complexity, a list counting its children
 * times the number asked for, so that a query cannot ask the server for the whole database.
 */
@ApplicationScoped
public class GraphQLEngine {
    static final int MAX_DEPTH = 8;
    static final int MAX_COMPLEXITY = 2000;
    static final int MAX_DOCUMENT = 20_000;
    /** What a list without "first" counts as (a team's members, the workspace's users). */
    static final int TYPICAL_LIST = 10;

    @Inject
    GraphQLFetchers fetchers;

    private String sdl;
    private GraphQL graphQL;

    @PostConstruct
    void build() {
        sdl = read();
        RuntimeWiring wiring = fetchers.wiring(RuntimeWiring.newRuntimeWiring()).build();
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring);
        graphQL = GraphQL.newGraphQL(schema).defaultDataFetcherExceptionHandler(new GraphQLErrors()).instrumentation(new ChainedInstrumentation(List.of(new MutationGuard(), new MaxQueryDepthInstrumentation(MAX_DEPTH),
                new MaxQueryComplexityInstrumentation(MAX_COMPLEXITY, (environment, children) -> own(environment) + times(environment) * children))))
                .build();
    }

    /**
     * How many times a field's children count: the number it asks for ("first"); a list inside a
     * field that asked for a number (a page's tickets) once more; any other list as a typical one.
     */
    static int times(graphql.analysis.FieldComplexityEnvironment environment) {
        Object first = environment.getArguments().get("first");
        if (first instanceof Integer n) {
            return Math.max(1, n);
        }
        boolean list = graphql.schema.GraphQLTypeUtil.isList(graphql.schema.GraphQLTypeUtil.unwrapNonNull(environment.getFieldDefinition().getType()));
        if (!list) {
            return 1;
        }
        graphql.analysis.FieldComplexityEnvironment parent = environment.getParentEnvironment();
        return parent != null && parent.getArguments().get("first") instanceof Integer ? 1 : TYPICAL_LIST;
    }

    /**
     * What a field costs itself: 1, and a search or a count of the database more (an alias repeats
     * it, and each repetition is another statement).
     */
    static int own(graphql.analysis.FieldComplexityEnvironment environment) {
        String name = environment.getFieldDefinition().getName();
        return environment.getParentEnvironment() == null && ROOT_SEARCHES.contains(name) ? SEARCH_COST : 1;
    }

    static final java.util.Set<String> ROOT_SEARCHES = java.util.Set.of("tickets", "articles", "users", "teams", "categories", "slaPolicies");
    static final int SEARCH_COST = 100;

    GraphQL graphQL() {
        return graphQL;
    }

    /** The schema as written, for GET /graphql/schema.graphql. */
    public String sdl() {
        return sdl;
    }

    private static String read() {
        try (InputStream in = GraphQLEngine.class.getResourceAsStream("schema.graphqls")) {
            if (in == null) {
                throw new IllegalStateException("schema.graphqls is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
