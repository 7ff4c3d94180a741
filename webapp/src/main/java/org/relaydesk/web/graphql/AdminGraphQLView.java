package org.relaydesk.web.graphql;

import graphql.ExecutionResult;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.Serializable;
import java.io.StringWriter;
import java.util.Map;
import org.relaydesk.core.text.Jsonp;
import org.relaydesk.web.panel.PanelActions;

/**
 * /admin/graphql: a small console to try GraphQL queries as the signed-in admin (the same limits and
 * rules as POST /graphql); the schema beside it. Mutations run too, as the admin.
 */
@Named
@ViewScoped
public class AdminGraphQLView implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final JsonWriterFactory PRETTY = Jsonp.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));

    @Inject
    GraphQLRunner runner;

    @Inject
    GraphQLEngine engine;

    private String query = "{\n  me { name role }\n  tickets(first: 5) {\n    total\n    tickets { ticketNumber subject status requester { name email } assignee { name } }\n  }\n}";
    private String variables;
    private String result;

    public void run() {
        if (query == null || query.isBlank() || query.length() > GraphQLEngine.MAX_DOCUMENT) {
            PanelActions.error("Write a query of at most " + GraphQLEngine.MAX_DOCUMENT + " characters");
            return;
        }
        Map<String, Object> values = null;
        if (variables != null && !variables.isBlank()) {
            try (var reader = Jsonp.createReader(variables)) {
                values = JsonValues.toMap(reader.readObject());
            } catch (RuntimeException e) {
                PanelActions.error("The variables are not a JSON object");
                return;
            }
        }
        try {
            ExecutionResult answer = runner.run(query, null, values, runner.isMutation(query, null).orElse(false));
            StringWriter out = new StringWriter();
            try (var writer = PRETTY.createWriter(out)) {
                writer.write((JsonObject) JsonValues.toJson(answer.toSpecification()));
            }
            result = out.toString().strip();
        } catch (org.relaydesk.core.error.InvalidInputException e) {
            PanelActions.error(PanelActions.reason(e));
        } catch (jakarta.transaction.SystemException | RuntimeException e) {
            java.util.logging.Logger.getLogger(AdminGraphQLView.class.getName()).log(java.util.logging.Level.WARNING, "GraphQL console", e);
            PanelActions.error("The query could not run; the server log has the detail");
        }
    }

    public String getSchema() {
        return engine.sdl();
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }

    public String getVariables() {
        return variables;
    }

    public void setVariables(String variables) {
        this.variables = variables;
    }

    public String getResult() {
        return result;
    }
}
