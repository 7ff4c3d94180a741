package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.report.ReportSubscription;
import org.relaydesk.core.report.ReportSubscriptionInput;
import org.relaydesk.core.report.ScheduledReports;
import org.relaydesk.core.user.Role;
import org.relaydesk.web.security.CurrentUser;

/** /api/reports/scheduled: reports emailed daily, weekly or monthly to members of staff, with the CSV attached; admins only. */
@Path("/reports/scheduled")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Scheduled reports")
@SecurityRequirement(name = "bearer")
public class ScheduledReportResource {
    @Inject
    ScheduledReports reports;

    @Inject
    CurrentUser currentUser;

    public record SubscriptionJson(UUID id, String name, String report, String frequency, JsonObject filter, List<UUID> recipients, boolean active,
            Instant nextRunAt, Instant lastSentAt, Instant createdAt) {
        static SubscriptionJson of(ReportSubscription s) {
            return new SubscriptionJson(s.id(), s.name(), s.report(), s.frequency().apiName(), s.filter(), List.copyOf(s.recipients()), s.active(),
                    s.nextRunAt(), s.lastSentAt(), s.createdAt());
        }
    }

    public record SubscriptionList(List<SubscriptionJson> scheduledReports) {
    }

    public record Sent(int emails) {
    }

    @GET
    public SubscriptionList list() {
        currentUser.require(Role.ADMIN);
        return new SubscriptionList(reports.list().stream().map(SubscriptionJson::of).toList());
    }

    @POST
    public Response create(JsonObject json) {
        currentUser.require(Role.ADMIN);
        return Response.status(Response.Status.CREATED).entity(SubscriptionJson.of(reports.create(input(new Body(json))))).build();
    }

    @GET
    @Path("/{id}")
    public SubscriptionJson get(@PathParam("id") String id) {
        currentUser.require(Role.ADMIN);
        return SubscriptionJson.of(reports.get(Params.pathId(id, "Scheduled report")));
    }

    @PUT
    @Path("/{id}")
    public SubscriptionJson update(@PathParam("id") String id, JsonObject json) {
        UUID subscription = Params.pathId(id, "Scheduled report");
        currentUser.require(Role.ADMIN);
        return SubscriptionJson.of(reports.update(subscription, input(new Body(json))));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        UUID subscription = Params.pathId(id, "Scheduled report");
        currentUser.require(Role.ADMIN);
        reports.delete(subscription);
        return Response.noContent().build();
    }

    /** Sends it now for the last whole day, week or month of its schedule; the schedule itself stays. */
    @POST
    @Path("/{id}/send")
    public Response send(@PathParam("id") String id) {
        UUID subscription = Params.pathId(id, "Scheduled report");
        currentUser.require(Role.ADMIN);
        return Response.accepted(new Sent(reports.sendNow(subscription))).build();
    }

    private static ReportSubscriptionInput input(Body body) {
        Set<UUID> recipients = body.has("recipients") ? new LinkedHashSet<>(body.ids("recipients")) : null;
        return new ReportSubscriptionInput(body.string("name"), body.string("report"), body.string("frequency"), filter(body.nested("filter"), body.has("filter")),
                recipients, body.bool("active"));
    }

    private static Map<String, String> filter(JsonObject filter, boolean given) {
        if (!given) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (filter != null) {
            for (Map.Entry<String, JsonValue> entry : filter.entrySet()) {
                if (entry.getValue() instanceof JsonString text) {
                    values.put(entry.getKey(), text.getString());
                } else if (entry.getValue().getValueType() != JsonValue.ValueType.NULL) {
                    throw new InvalidInputException("filter." + entry.getKey(), "must be a string (as in the analytics API's parameters)");
                }
            }
        }
        return values;
    }
}
