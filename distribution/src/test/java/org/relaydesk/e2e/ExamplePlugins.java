package org.relaydesk.e2e;

import java.io.IOException;

/** Plugins the end-to-end tests install, written against plugin-api alone. */
final class ExamplePlugins {
    static final String SHOUT = """
            package example;

            import java.util.List;
            import java.util.Locale;
            import java.util.Map;
            import org.relaydesk.api.workflow.ActionContext;
            import org.relaydesk.api.workflow.ActionFailedException;
            import org.relaydesk.api.workflow.ActionParameter;
            import org.relaydesk.api.workflow.WorkflowAction;

            public class Shout implements WorkflowAction {
                public String id() { return "example.shout"; }
                public String label() { return "Shout (example plugin)"; }
                public List<ActionParameter> parameters() { return List.of(ActionParameter.required("tag", "Tag", ActionParameter.Kind.TEXT)); }
                public String run(ActionContext context, Map<String, String> arguments) throws ActionFailedException {
                    context.addTag(arguments.get("tag"));
                    context.addInternalNote(context.ticket().subject().toUpperCase(Locale.ROOT));
                    try {
                        Class.forName("org.relaydesk.core.ticket.TicketService", false, Shout.class.getClassLoader());
                        context.addTag("core-visible");
                    } catch (ClassNotFoundException expected) {
                        context.addTag("core-hidden");
                    }
                    return "shouted";
                }
            }
            """;
    static final String HANG = """
            package example;

            import java.util.List;
            import java.util.Map;
            import org.relaydesk.api.workflow.ActionContext;
            import org.relaydesk.api.workflow.ActionFailedException;
            import org.relaydesk.api.workflow.ActionParameter;
            import org.relaydesk.api.workflow.WorkflowAction;

            public class Hang implements WorkflowAction {
                public String id() { return "example.hang"; }
                public String label() { return "Hang (example plugin)"; }
                public List<ActionParameter> parameters() { return List.of(); }
                public String run(ActionContext context, Map<String, String> arguments) throws ActionFailedException {
                    context.addTag("never-applied");
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return "woke up";
                }
            }
            """;

    private ExamplePlugins() {
    }

    /** action-example 1.0.0: the workflow actions example.shout (tags, notes the subject in capitals) and example.hang (never answers). */
    static byte[] actionExample() throws IOException {
        return new PluginJarBuilder("action-example", "1.0.0").manifest("Plugin-Description", "Example workflow actions")
                .source("example.Shout", SHOUT).source("example.Hang", HANG)
                .service("org.relaydesk.api.workflow.WorkflowAction", "example.Shout").service("org.relaydesk.api.workflow.WorkflowAction", "example.Hang")
                .build();
    }
}
