package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.sla.SlaPolicies;
import org.relaydesk.core.sla.SlaPolicy;
import org.relaydesk.core.sla.SlaTargets;
import org.relaydesk.core.user.Role;
import org.relaydesk.web.security.CurrentUser;

/**
 * SLA policies as seed 003 shows them: hours (decimals allowed, kept to the minute), overrides per
 * priority, business_hours_only, is_default; plus the order they are tried in and their conditions.
 * Any staff member may read them; admins change them.
 */
@Path("/tickets/sla-policies")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "SLA")
@SecurityRequirement(name = "bearer")
public class SlaPolicyResource {
    @Inject
    Workspaces workspaces;

    @Inject
    SlaPolicies policies;

    @Inject
    CurrentUser currentUser;

    public record Hours(double firstResponseHours, double nextResponseHours, double resolutionHours) {
        static Hours of(SlaTargets t) {
            return new Hours(t.firstResponse().toMinutes() / 60.0, t.nextResponse().toMinutes() / 60.0, t.resolution().toMinutes() / 60.0);
        }
    }

    /** {@code targets}: what each priority gets in the end (the policy's hours with the overrides applied). */
    public record PolicyJson(UUID id, UUID workspaceId, String name, int position, boolean isDefault, boolean businessHoursOnly, UUID businessCalendarId,
            double firstResponseHours, double nextResponseHours, double resolutionHours, Map<String, Map<String, Double>> priorityOverrides,
            JsonObject conditions, int atRiskPercent, Map<String, Hours> targets, Instant createdAt, Instant updatedAt) {
        static PolicyJson of(SlaPolicy p, UUID workspaceId) {
            Map<String, Map<String, Double>> overrides = new LinkedHashMap<>();
            JsonObject stored = org.relaydesk.core.text.Jsonp.createReader(new java.io.StringReader(p.overridesJson())).readObject();
            stored.forEach((priority, value) -> {
                Map<String, Double> hours = new LinkedHashMap<>();
                value.asJsonObject().forEach((key, minutes) -> hours.put(key.replace("_minutes", "_hours"),
                        ((jakarta.json.JsonNumber) minutes).intValue() / 60.0));
                overrides.put(priority, hours);
            });
            Map<String, Hours> targets = new LinkedHashMap<>();
            p.targets().forEach((priority, t) -> targets.put(priority.apiName(), Hours.of(t)));
            return new PolicyJson(p.id(), workspaceId, p.name(), p.position(), p.isDefault(), p.businessHoursOnly(), p.calendarId(),
                    p.firstResponseMinutes() / 60.0, p.nextResponseMinutes() / 60.0, p.resolutionMinutes() / 60.0, overrides,
                    org.relaydesk.core.text.Jsonp.createReader(new java.io.StringReader(p.conditionsJson())).readObject(), p.atRiskPercent(), targets,
                    p.createdAt(), p.updatedAt());
        }
    }

    public record PolicyList(List<PolicyJson> policies) {
    }

    @GET
    public PolicyList list() {
        return new PolicyList(policies.list().stream().map(this::json).toList());
    }

    @GET
    @Path("/{id}")
    public PolicyJson get(@PathParam("id") String id) {
        return json(policies.get(Params.pathId(id, "SLA policy")));
    }

    @POST
    public Response create(JsonObject json) {
        currentUser.require(Role.ADMIN);
        return Response.status(Response.Status.CREATED).entity(json(policies.create(input(new Body(json), null)))).build();
    }

    /** The whole policy, as for create: fields left out take their defaults. */
    @PUT
    @Path("/{id}")
    public PolicyJson update(@PathParam("id") String id, JsonObject json) {
        currentUser.require(Role.ADMIN);
        UUID policyId = Params.pathId(id, "SLA policy");
        return json(policies.update(policyId, input(new Body(json), policies.get(policyId))));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        currentUser.require(Role.ADMIN);
        policies.delete(Params.pathId(id, "SLA policy"));
        return Response.noContent().build();
    }

    private static SlaPolicies.PolicyInput input(Body body, SlaPolicy existing) {
        Map<TicketPriority, Map<String, Integer>> overrides = new EnumMap<>(TicketPriority.class);
        JsonObject given = body.nested("priority_overrides");
        if (given != null) {
            for (String key : given.keySet()) {
                TicketPriority priority = TicketPriority.fromApiName(key)
                        .orElseThrow(() -> new InvalidInputException("priority_overrides." + key, "is not a priority (low, medium, high, urgent, critical)"));
                if (!(given.get(key) instanceof JsonObject hours)) {
                    throw new InvalidInputException("priority_overrides." + key, "must be an object of hours");
                }
                Map<String, Integer> minutes = new LinkedHashMap<>();
                Body inner = new Body(hours);
                for (String field : hours.keySet()) {
                    if (!List.of("first_response_hours", "next_response_hours", "resolution_hours").contains(field)) {
                        throw new InvalidInputException("priority_overrides." + key + "." + field,
                                "is not a target (first_response_hours, next_response_hours, resolution_hours)");
                    }
                    minutes.put(field.replace("_hours", "_minutes"), inner.hoursAsMinutes(field));
                }
                overrides.put(priority, minutes);
            }
        }
        Map<String, List<String>> conditions = new LinkedHashMap<>();
        JsonObject when = body.nested("conditions");
        if (when != null) {
            for (String key : when.keySet()) {
                JsonValue value = when.get(key);
                if (!(value instanceof JsonArray array) || !array.stream().allMatch(JsonString.class::isInstance)) {
                    throw new InvalidInputException("conditions." + key, "must be an array of strings");
                }
                conditions.put(key, array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
            }
        }
        Boolean isDefault = body.bool("is_default");
        Boolean businessHours = body.bool("business_hours_only");
        return new SlaPolicies.PolicyInput(body.string("name"), body.integer("position"),
                isDefault != null ? isDefault : existing != null && existing.isDefault(), Boolean.TRUE.equals(businessHours),
                body.id("business_calendar_id"), body.hoursAsMinutes("first_response_hours"), body.hoursAsMinutes("next_response_hours"),
                body.hoursAsMinutes("resolution_hours"), overrides, conditions, body.integer("at_risk_percent"));
    }

    private PolicyJson json(SlaPolicy entity) {
        return PolicyJson.of(entity, workspaces.id());
    }
}
