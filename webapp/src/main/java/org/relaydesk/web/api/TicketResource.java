package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
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
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.NewTicket;
import org.relaydesk.core.ticket.TicketEvent;
import org.relaydesk.core.ticket.TicketFilter;
import org.relaydesk.core.ticket.TicketPatch;
import org.relaydesk.core.ticket.TicketSearch;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.Role;
import org.relaydesk.web.security.CurrentUser;

/** Tickets of the caller's workspace: the queue, search, lifecycle actions and the timeline. */
@Path("/tickets")
@RequestScoped
@Transactional
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tickets")
@SecurityRequirement(name = "bearer")
public class TicketResource {
    @Inject
    TicketService tickets;

    @Inject
    org.relaydesk.core.sla.SlaService slaService;

    @Inject
    TicketSearch search;

    @Inject
    org.relaydesk.core.channel.ReplyRoutes replyRoutes;

    @Inject
    CurrentUser currentUser;

    @Inject
    Workspaces workspaces;

    public record TicketList(List<TicketJson> tickets, Pagination pagination) {
    }

    public record ActivityJson(UUID id, UUID workspaceId, String action, String field, String before, String after, String actorType,
            UUID actorId, String actorName, Instant createdAt) {
        static ActivityJson of(TicketEvent e, UUID workspaceId) {
            return new ActivityJson(e.id(), workspaceId, e.action(), e.field(), e.beforeValue(), e.afterValue(), e.actorType(), e.actorId(),
                    e.actorName(), e.createdAt());
        }
    }

    public record ActivityList(List<ActivityJson> activities) {
    }

    @GET
    public TicketList list(@QueryParam("status") String status, @QueryParam("priority") String priority,
            @QueryParam("assignee_id") String assigneeId, @QueryParam("category_id") String categoryId,
            @QueryParam("requester_id") String requesterId, @QueryParam("tag") String tag, @QueryParam("q") String q,
            @QueryParam("created_from") String createdFrom, @QueryParam("created_to") String createdTo,
            @QueryParam("channel") String channel, @QueryParam("team_id") String teamId, @QueryParam("sla_state") String slaState,
            @QueryParam("sort") String sort,
            @QueryParam("page") String page, @QueryParam("limit") String limit) {
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        Set<TicketStatus> statuses = status == null ? null : TicketSearch.parseStatuses(status).orElse(null);
        errors.check(status == null || statuses != null, "status", "unknown status; use e.g. open, pending, resolved, closed");
        Set<TicketPriority> priorities = priority == null ? null : TicketSearch.parsePriorities(priority).orElse(null);
        errors.check(priority == null || priorities != null, "priority", "unknown priority; use low, medium, high, urgent, critical");
        TicketFilter.Sort order = TicketFilter.Sort.fromApiName(sort).orElse(null);
        errors.check(order != null, "sort", "use -created_at, created_at, updated_at, priority or number");
        errors.throwIfAny();
        boolean unassigned = "none".equals(assigneeId);
        UUID assignee = "me".equals(assigneeId) ? currentUser.get().id() : unassigned ? null : Params.optionalId(assigneeId, "assignee_id");
        TicketFilter filter = TicketFilter.builder().statuses(statuses).priorities(priorities).assignee(assignee).unassigned(unassigned)
                .category(Params.optionalId(categoryId, "category_id")).requester(Params.optionalId(requesterId, "requester_id"))
                .tag(tag == null ? null : tag.trim().toLowerCase(java.util.Locale.ROOT)).query(q)
                .createdFrom(Params.instant(createdFrom, "created_from", false)).createdTo(Params.instant(createdTo, "created_to", true))
                .channel(channel == null ? null : channel.trim().toLowerCase(java.util.Locale.ROOT)).team(Params.optionalId(teamId, "team_id")).slaState(slaFilter(slaState))
                .sort(order).page(Params.intInRange(page, "page", 1, 1, 1_000_000), Params.intInRange(limit, "limit", 20, 1, TicketFilter.MAX_LIMIT))
                .build();
        TicketFilter.Page result = search.find(filter);
        org.relaydesk.core.workspace.Workspace workspace = workspaces.current();
        return new TicketList(result.tickets().stream().map(t -> TicketJson.of(t, workspace)).toList(),
                new Pagination(result.page(), result.limit(), result.total(), result.totalPages(), result.totalCapped()));
    }

    @POST
    public Response create(JsonObject json) {
        Body body = new Body(json);
        AuthenticatedUser user = currentUser.get();
        NewTicket input = new NewTicket(body.string("subject"), body.string("description"), body.string("requester_email"),
                body.string("requester_name"), body.string("priority"), body.string("type"), body.id("category_id"),
                body.id("assignee_id"), body.id("team_id"), body.id("department_id"), body.strings("tags"),
                body.object("custom_fields"), "api", body.strings("required_skills"), body.string("requester_phone"),
                body.string("requester_whatsapp"));
        TicketJson created = TicketJson.of(tickets.create(input, actor(user)), workspaces.current());
        return Response.status(Response.Status.CREATED).entity(created)
                .header("Location", "/api/tickets/" + created.id()).build();
    }

    @GET
    @Path("/{id}")
    public TicketJson get(@PathParam("id") String id) {
        UUID ticketId = Params.pathId(id, "Ticket");
        return TicketJson.of(tickets.get(ticketId), workspaces.current(), replyRoutes.window(ticketId));
    }

    public record RouteJson(UUID accountId, String accountName, String kind, String kindName, String icon, String addressKind, String toAddress,
            boolean arrivedThrough, boolean optedOut, TicketJson.WindowJson window, boolean templates, boolean freeFormAllowed) {
    }

    public record RouteList(List<RouteJson> routes) {
    }

    /** The ways the requester can be reached ("Send via"), the ticket's own first, each with its conversation window. */
    @GET
    @Path("/{id}/reply-routes")
    public RouteList replyRoutes(@PathParam("id") String id) {
        return new RouteList(replyRoutes.routes(Params.pathId(id, "Ticket")).stream().map(r -> new RouteJson(r.accountId(), r.accountName(), r.kind(),
                r.kindName(), r.icon(), r.addressKind(), r.toAddress(), r.arrivedThrough(), r.optedOut(), TicketJson.WindowJson.of(r.window()),
                r.templates(), r.freeFormAllowed())).toList());
    }

    @PUT
    @Path("/{id}")
    public TicketJson update(@PathParam("id") String id, JsonObject json) {
        UUID ticketId = Params.pathId(id, "Ticket");
        Body body = new Body(json);
        TicketPatch patch = new TicketPatch(body.string("subject"), body.string("description"), body.string("status"),
                body.string("priority"), body.string("type"), body.nullableId("category_id"), body.nullableId("assignee_id"),
                body.nullableId("team_id"), body.nullableId("department_id"), body.has("tags") ? orEmpty(body.strings("tags")) : null,
                body.object("custom_fields"), body.has("required_skills") ? orEmpty(body.strings("required_skills")) : null);
        return TicketJson.of(tickets.update(ticketId, patch, actor(currentUser.get())), workspaces.current());
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        UUID ticketId = Params.pathId(id, "Ticket");
        currentUser.require(Role.ADMIN);
        tickets.delete(ticketId, currentUser.get());
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/resolve")
    public TicketJson resolve(@PathParam("id") String id) {
        return TicketJson.of(tickets.resolve(Params.pathId(id, "Ticket"), actor(currentUser.get())), workspaces.current());
    }

    @POST
    @Path("/{id}/close")
    public TicketJson close(@PathParam("id") String id) {
        return TicketJson.of(tickets.close(Params.pathId(id, "Ticket"), actor(currentUser.get())), workspaces.current());
    }

    @POST
    @Path("/{id}/reopen")
    public TicketJson reopen(@PathParam("id") String id) {
        return TicketJson.of(tickets.reopen(Params.pathId(id, "Ticket"), actor(currentUser.get())), workspaces.current());
    }

    @POST
    @Path("/{id}/assign")
    public TicketJson assign(@PathParam("id") String id, JsonObject json) {
        UUID ticketId = Params.pathId(id, "Ticket");
        UUID assignee = new Body(json).id("assignee_id");
        return TicketJson.of(tickets.assign(ticketId, assignee, actor(currentUser.get())), workspaces.current());
    }

    @POST
    @Path("/{id}/unassign")
    public TicketJson unassign(@PathParam("id") String id) {
        return TicketJson.of(tickets.unassign(Params.pathId(id, "Ticket"), actor(currentUser.get())), workspaces.current());
    }

    @POST
    @Path("/{id}/merge")
    public TicketJson merge(@PathParam("id") String id, JsonObject json) {
        UUID ticketId = Params.pathId(id, "Ticket");
        UUID into = new Body(json).id("into_ticket_id");
        return TicketJson.of(tickets.merge(ticketId, into, actor(currentUser.get())), workspaces.current());
    }

    @GET
    @Path("/{id}/activities")
    public ActivityList activities(@PathParam("id") String id) {
        return new ActivityList(tickets.activities(Params.pathId(id, "Ticket")).stream().map(e -> ActivityJson.of(e, workspaces.id())).toList());
    }

    public record ClockJson(Instant startedAt, Instant dueAt, Instant atRiskAt, Instant stoppedAt, String state, long remainingMinutes) {
        static ClockJson of(org.relaydesk.core.sla.SlaClock.Measure m) {
            return m == null ? null : new ClockJson(m.startedAt(), m.dueAt(), m.atRiskAt(), m.stoppedAt(), m.state().apiName(),
                    m.remaining().toMinutes());
        }
    }

    public record SlaEntryJson(Instant at, String metric, String event, String reason) {
    }

    /** The due times are those of running clocks; {@code timeline} explains each of them. */
    public record SlaJson(UUID ticketId, UUID policyId, String policyName, String state, Instant firstResponseDueAt,
            Instant nextResponseDueAt, Instant resolutionDueAt, ClockJson firstResponse, ClockJson nextResponse, ClockJson resolution,
            List<SlaEntryJson> timeline) {
    }

    @GET
    @Path("/{id}/sla")
    public SlaJson sla(@PathParam("id") String id) {
        UUID ticketId = Params.pathId(id, "Ticket");
        org.relaydesk.core.sla.SlaService.Sla sla = slaService.of(ticketId);
        var r = sla.result();
        boolean active = sla.active();
        java.util.function.Function<org.relaydesk.core.sla.SlaClock.Measure, Instant> due = m -> active && m != null && m.stoppedAt() == null
                ? m.dueAt() : null;
        return new SlaJson(ticketId, sla.policy() == null ? null : sla.policy().id(), sla.policy() == null ? "Standard" : sla.policy().name(),
                r.state().apiName(), due.apply(r.firstResponse()), due.apply(r.nextResponse()), due.apply(r.resolution()),
                ClockJson.of(r.firstResponse()), ClockJson.of(r.nextResponse()), ClockJson.of(r.resolution()),
                r.timeline().stream().map(e -> new SlaEntryJson(e.at(), e.metric().apiName(), e.event(), e.reason())).toList());
    }

    private static String slaFilter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String state = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (!java.util.List.of("on_track", "at_risk", "breached", "met", "paused").contains(state)) {
            throw new org.relaydesk.core.error.InvalidInputException("sla_state", "must be one of on_track, at_risk, breached, met, paused");
        }
        return state;
    }

    private static Set<String> orEmpty(Set<String> tags) {
        return tags == null ? Set.of() : tags;
    }

    static Actor actor(AuthenticatedUser user) {
        return new Actor("agent", user.id(), user.name());
    }
}
