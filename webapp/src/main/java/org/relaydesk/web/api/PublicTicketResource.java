package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.portal.PortalService;
import org.relaydesk.core.ticket.SatisfactionRating;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.web.security.ClientAddress;
import org.relaydesk.web.security.Public;

/**
 * The customer portal's endpoints (no login). A customer follows a ticket with its access token;
 * every call is rate-limited per client address.
 */
@Path("/public/tickets")
@RequestScoped
@Transactional
@Public
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Customer portal")
public class PublicTicketResource {
    public static final String ACCESS_TOKEN_HEADER = "X-Access-Token";

    @Inject
    PortalService portal;

    @Inject
    PublicRateLimits limits;

    @Inject
    org.relaydesk.core.chat.BotHandoff handoff;

    @Inject
    org.relaydesk.core.workspace.WorkspaceService workspaces;

    @Context
    HttpServletRequest request;

    /** What a customer sees of a ticket: no assignee, no internal fields. */
    public record PublicTicket(UUID id, UUID workspaceId, String ticketNumber, String subject, String description, String status,
            String priority, String requesterName, String requesterEmail, Instant createdAt, Instant updatedAt,
            Instant resolvedAt) {
        static PublicTicket of(Ticket t, org.relaydesk.core.workspace.Workspace workspace) {
            String prefix = workspace.ticketPrefix();
            return new PublicTicket(t.id(), workspace.id(), prefix + t.number(), t.subject(), t.description(), t.status().apiName(),
                    t.priority().apiName(), t.requester().name(), t.requester().primaryEmail(), t.createdAt(), t.updatedAt(),
                    t.resolvedAt());
        }
    }

    public record Submitted(PublicTicket ticket, @jakarta.json.bind.annotation.JsonbProperty("accessToken") String accessToken) {
    }

    public record PublicMessage(UUID id, String body, String bodyText, String authorType, String authorName, Instant createdAt) {
    }

    public record PublicView(PublicTicket ticket, List<PublicMessage> messages, RatingJson satisfaction) {
    }

    public record RatingJson(int rating, String feedback, Instant createdAt) {
        static RatingJson of(SatisfactionRating r) {
            return r == null ? null : new RatingJson(r.rating(), r.feedback(), r.createdAt());
        }
    }

    public record Accepted(String message) {
    }

    @POST
    public Response submit(JsonObject json) {
        limits.writes().acquire(ClientAddress.of(request));
        Body body = new Body(json);
        String workspace = body.string("workspace_id") != null ? body.string("workspace_id") : body.string("workspace");
        PortalService.Submitted submitted = portal.submit(workspace, body.string("subject"), body.string("description"),
                body.string("requester_email"), body.string("requester_name"));
        return Response.status(Response.Status.CREATED)
                .entity(new Submitted(PublicTicket.of(submitted.ticket(), submitted.workspace()), submitted.accessToken()))
                .build();
    }

    /**
     * A chatbot hands a conversation to people (seed 003): {@code workspace_id}, {@code conversation_id},
     * {@code subject}, {@code description}, {@code customer_email}, {@code customer_name},
     * {@code chat_history} ([{role, content}], kept on the ticket as its transcript). The same
     * conversation again answers 200 with its ticket instead of a second one.
     */
    @POST
    @Path("/from-chat")
    public Response fromChat(JsonObject json, @HeaderParam(ACCESS_TOKEN_HEADER) String headerToken) {
        limits.writes().acquire(ClientAddress.of(request));
        Body body = new Body(json);
        String workspace = body.string("workspace_id") != null ? body.string("workspace_id") : body.string("workspace");
        java.util.List<org.relaydesk.core.chat.BotHandoff.Turn> history = new java.util.ArrayList<>();
        if (body.has("chat_history") && json.get("chat_history").getValueType() != jakarta.json.JsonValue.ValueType.NULL) {
            if (json.get("chat_history").getValueType() != jakarta.json.JsonValue.ValueType.ARRAY) {
                throw new org.relaydesk.core.error.InvalidInputException("chat_history", "must be an array of {role, content}");
            }
            for (jakarta.json.JsonValue entry : json.getJsonArray("chat_history")) {
                if (!(entry instanceof JsonObject turn)) {
                    throw new org.relaydesk.core.error.InvalidInputException("chat_history", "must be an array of {role, content}");
                }
                Body line = new Body(turn);
                history.add(new org.relaydesk.core.chat.BotHandoff.Turn(line.string("role"), line.string("content")));
                if (history.size() > org.relaydesk.core.chat.BotHandoff.MAX_HISTORY) {
                    throw new org.relaydesk.core.error.InvalidInputException("chat_history", "at most "
                            + org.relaydesk.core.chat.BotHandoff.MAX_HISTORY + " entries");
                }
            }
        }
        var handed = handoff.fromChat(new org.relaydesk.core.chat.BotHandoff.Handoff(workspace, body.string("conversation_id"), body.string("subject"),
                body.string("description"), body.string("customer_email"), body.string("customer_name"), history,
                headerToken != null && !headerToken.isBlank() ? headerToken : body.string("access_token")));
        return Response.status(handed.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(new Submitted(PublicTicket.of(handed.ticket(), handed.workspace()), handed.accessToken())).build();
    }

    /**
     * A chatbot escalates a conversation it handed over (seed 003): {@code workspace_id}, {@code bot_id},
     * {@code conversation_id}, {@code reason}, {@code context} (any JSON, kept as text), and optionally
     * {@code access_token} (the one from-chat returned: the answer then shows the ticket). The ticket
     * goes to High priority with the tag "escalated" and a note.
     */
    @POST
    @Path("/escalate")
    public Response escalate(JsonObject json, @HeaderParam(ACCESS_TOKEN_HEADER) String headerToken) {
        limits.writes().acquire(ClientAddress.of(request));
        Body body = new Body(json);
        String workspace = body.string("workspace_id") != null ? body.string("workspace_id") : body.string("workspace");
        String token = headerToken != null && !headerToken.isBlank() ? headerToken : body.string("access_token");
        String context = json != null && json.containsKey("context") && json.get("context").getValueType() != jakarta.json.JsonValue.ValueType.NULL
                ? json.get("context").toString() : null;
        Ticket ticket = handoff.escalate(workspace, body.string("conversation_id"), token == null || token.isBlank() ? null : token,
                body.string("bot_id"), body.string("reason"), context);
        // the ticket itself only to whoever holds its token: a conversation id alone may be guessed
        return Response.ok(new Escalated(token == null || token.isBlank() ? null : PublicTicket.of(ticket, workspaces.get(ticket.workspaceId())), true))
                .build();
    }

    public record Escalated(PublicTicket ticket, boolean escalated) {
    }

    /**
     * "Email me my links": always 202, whether or not the address is known (the answer must not
     * reveal who is a customer). The address comes in the body, so it stays out of access logs.
     */
    @POST
    @Path("/links")
    public Response requestLinks(JsonObject json) {
        limits.writes().acquire(ClientAddress.of(request));
        portal.requestLinks(new Body(json).string("email"));
        return Response.accepted(new Accepted("If we have tickets for this address, we have emailed links to them.")).build();
    }

    /** The same as {@code POST /links}, kept for existing clients: the address then travels in the URL. */
    @GET
    @Path("/lookup")
    public Response lookup(@QueryParam("email") String email) {
        limits.writes().acquire(ClientAddress.of(request));
        portal.requestLinks(email);
        return Response.accepted(new Accepted("If we have tickets for this address, we have emailed links to them.")).build();
    }

    /**
     * The ticket its token opens. The token goes in the X-Access-Token header (as the status page
     * sends it), so it is in no URL and no access log; {@code ?token=} is still read for older clients.
     */
    @GET
    @Path("/{id}")
    public PublicView view(@PathParam("id") String id, @HeaderParam(ACCESS_TOKEN_HEADER) String headerToken,
            @QueryParam("token") String queryToken) {
        limits.reads().acquire(ClientAddress.of(request));
        String token = headerToken != null && !headerToken.isBlank() ? headerToken : queryToken;
        PortalService.PortalTicket view = portal.view(Params.pathId(id, "Ticket"), token);
        return new PublicView(PublicTicket.of(view.ticket(), view.workspace()),
                view.publicMessages().stream().map(m -> new PublicMessage(m.id(), m.bodyHtml(), m.bodyText(),
                        m.authorType().apiName(), m.authorName(), m.createdAt())).toList(),
                RatingJson.of(view.rating()));
    }

    @POST
    @Path("/{id}/reply")
    public Response reply(@PathParam("id") String id, JsonObject json) {
        limits.reads().acquire(ClientAddress.of(request));
        Body body = new Body(json);
        var message = portal.reply(Params.pathId(id, "Ticket"), body.string("access_token"), body.string("body"));
        return Response.status(Response.Status.CREATED).entity(new PublicMessage(message.id(), message.bodyHtml(), message.bodyText(),
                message.authorType().apiName(), message.authorName(), message.createdAt())).build();
    }

    @POST
    @Path("/{id}/satisfaction")
    public Response rate(@PathParam("id") String id, JsonObject json) {
        limits.reads().acquire(ClientAddress.of(request));
        Body body = new Body(json);
        SatisfactionRating rating = portal.rate(Params.pathId(id, "Ticket"), body.string("access_token"), body.integer("rating"),
                body.string("feedback"));
        return Response.status(Response.Status.CREATED).entity(RatingJson.of(rating)).build();
    }
}
