package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.workflow.Condition;
import org.relaydesk.core.workflow.RuleDefinition;
import org.relaydesk.core.workflow.Trigger;
import org.relaydesk.core.workflow.WorkflowRule;
import org.relaydesk.core.workflow.WorkflowRules;
import org.relaydesk.core.workflow.WorkflowRun;
import org.relaydesk.core.workflow.WorkflowRunner;
import org.relaydesk.web.security.CurrentUser;

/**
 * Workflow rules: a trigger, conditions (all or any) and ordered actions. Admins make and change
 * them and read them and their run log (WorkflowRules checks this itself); any staff member may read
 * the catalogue the builder offers.
 */
@Path("/workflows")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Workflows")
@SecurityRequirement(name = "bearer")
public class WorkflowResource {
    @Inject
    WorkflowRules rules;

    @Inject
    WorkflowRunner runner;

    @Inject
    CurrentUser currentUser;

    public record RuleJson(UUID id, String name, boolean enabled, int position, String trigger, java.math.BigDecimal triggerHours,
            JsonObject conditions, JsonArray actions, long runCount, Instant lastRunAt, Instant createdAt, Instant updatedAt) {
        static RuleJson of(WorkflowRule r) {
            return new RuleJson(r.id(), r.name(), r.enabled(), r.position(), r.trigger().apiName(), r.triggerHours(), RuleDefinition.read(r.conditionsJson()).asJsonObject(),
                    RuleDefinition.read(r.actionsJson()).asJsonArray(), r.runCount(), r.lastRunAt(), r.createdAt(), r.updatedAt());
        }
    }

    public record RuleList(List<RuleJson> workflows) {
    }

    public record RunJson(UUID ticketId, String outcome, String detail, Instant createdAt) {
        static RunJson of(WorkflowRun r) {
            return new RunJson(r.ticketId(), r.outcome(), r.detail(), r.createdAt());
        }
    }

    public record RunList(List<RunJson> runs) {
    }

    public record TestResult(List<String> lines) {
    }

    public record ParameterJson(String name, String label, String kind, boolean required, List<String> choices) {
    }

    public record ActionJson(String id, String label, List<ParameterJson> parameters) {
    }

    public record FieldJson(String field, List<String> operators) {
    }

    public record TriggerJson(String id, String label) {
    }

    /** What the builder may offer: triggers, condition fields with their operators, actions with their parameters. */
    public record Catalogue(List<TriggerJson> triggers, List<FieldJson> fields, List<ActionJson> actions) {
    }

    @GET
    public RuleList list() {
        return new RuleList(rules.list().stream().map(RuleJson::of).toList());
    }

    @GET
    @Path("/catalogue")
    public Catalogue catalogue() {
        return new Catalogue(
                java.util.Arrays.stream(Trigger.values()).map(t -> new TriggerJson(t.apiName(), t.label())).toList(),
                Condition.OPERATORS.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                        .map(e -> new FieldJson(e.getKey().equals("custom") ? "custom.<key>" : e.getKey(), e.getValue())).toList(),
                runner.allActions().stream().map(a -> new ActionJson(a.id(), a.label(), a.parameters().stream()
                        .map(p -> new ParameterJson(p.name(), p.label(), p.kind().name().toLowerCase(java.util.Locale.ROOT), p.required(), p.choices()))
                        .toList())).toList());
    }

    @GET
    @Path("/{id}")
    public RuleJson get(@PathParam("id") String id) {
        return RuleJson.of(rules.get(Params.pathId(id, "Workflow rule")));
    }

    @POST
    public Response create(JsonObject json) {
        currentUser.require(Role.ADMIN);
        return Response.status(Response.Status.CREATED).entity(RuleJson.of(rules.create(input(new Body(json))))).build();
    }

    @PUT
    @Path("/{id}")
    public RuleJson update(@PathParam("id") String id, JsonObject json) {
        currentUser.require(Role.ADMIN);
        return RuleJson.of(rules.update(Params.pathId(id, "Workflow rule"), input(new Body(json))));
    }

    @POST
    @Path("/{id}/duplicate")
    public Response duplicate(@PathParam("id") String id) {
        currentUser.require(Role.ADMIN);
        return Response.status(Response.Status.CREATED).entity(RuleJson.of(rules.duplicate(Params.pathId(id, "Workflow rule")))).build();
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        currentUser.require(Role.ADMIN);
        rules.delete(Params.pathId(id, "Workflow rule"));
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/runs")
    public RunList runs(@PathParam("id") String id, @QueryParam("limit") String limit) {
        return new RunList(rules.runs(Params.pathId(id, "Workflow rule"), Params.intInRange(limit, "limit", 50, 1, 200)).stream()
                .map(RunJson::of).toList());
    }

    /** A dry run: {@code {"ticket_id": ...}}; nothing is changed. */
    @POST
    @Path("/{id}/test")
    public TestResult test(@PathParam("id") String id, JsonObject json) {
        UUID ticket = new Body(json).id("ticket_id");
        if (ticket == null) {
            throw new InvalidInputException("ticket_id", "is required");
        }
        return new TestResult(runner.test(Params.pathId(id, "Workflow rule"), ticket));
    }

    private static WorkflowRules.RuleInput input(Body body) {
        RuleDefinition definition;
        try {
            JsonValue steps = body.raw("actions");
            if (steps != null && !(steps instanceof JsonArray)) {
                throw new IllegalArgumentException("actions must be an array");
            }
            definition = new RuleDefinition(RuleDefinition.conditions(body.nested("conditions")), RuleDefinition.steps((JsonArray) steps));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new InvalidInputException("rule", e.getMessage());
        }
        JsonValue hours = body.raw("trigger_hours");
        if (hours != null && hours.getValueType() != JsonValue.ValueType.NULL && !(hours instanceof jakarta.json.JsonNumber)) {
            throw new InvalidInputException("trigger_hours", "must be a number of hours");
        }
        return new WorkflowRules.RuleInput(body.string("name"), body.bool("enabled"), body.integer("position"), body.string("trigger"),
                hours instanceof jakarta.json.JsonNumber n ? n.bigDecimalValue() : null, definition);
    }
}
