package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.portal.Customer;
import org.relaydesk.core.portal.CustomerAccounts;
import org.relaydesk.core.portal.CustomerTickets;
import org.relaydesk.core.ticket.Attachment;
import org.relaydesk.core.ticket.Message;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.workspace.Workspace;
import org.relaydesk.web.portal.PortalCookie;
import org.relaydesk.web.portal.SignedInCustomer;
import org.relaydesk.web.security.ClientAddress;
import org.relaydesk.web.security.CustomerSignIn;

/**
 * The signed-in portal customer's API: their dashboard, tickets, replies, files, ratings and
 * profile. Signed in by the portal cookie only (no staff session or API token counts here); every
 * ticket is looked up through {@link CustomerTickets}, which answers "not found" for any ticket that
 * is not theirs. Tickets are named by their number, as on the portal's pages.
 */
@Path("/portal")
@RequestScoped
@CustomerSignIn
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Customer portal")
public class PortalTicketResource {
    @Inject
    CustomerTickets tickets;

    @Inject
    CustomerAccounts accounts;

    @Inject
    SignedInCustomer signedIn;

    @Inject
    PublicRateLimits limits;

    @Context
    HttpServletRequest request;

    /** {@code password_min_length}: what a new password needs at least, by the workspace's security settings. */
    public record Me(String name, String email, String workspaceName, String workspaceSlug, boolean sharesOrganization, int passwordMinLength) {
    }

    public record TicketSummary(long number, String ticketNumber, String subject, String status, String statusLabel, String requesterName,
            Instant createdAt, Instant updatedAt) {
        static TicketSummary of(Ticket t, Workspace w) {
            return new TicketSummary(t.number(), w.ticketPrefix() + t.number(), t.subject(), t.status().apiName(), t.status().label(),
                    t.requester().name(), t.createdAt(), t.updatedAt());
        }
    }

    public record TicketList(List<TicketSummary> data, Pagination pagination) {
    }

    public record FileJson(UUID id, String fileName, String contentType, long size, String url) {
        static FileJson of(Attachment a, long number) {
            return new FileJson(a.id(), a.fileName(), a.contentType(), a.size(), "/api/portal/tickets/" + number + "/files/" + a.id());
        }
    }

    public record MessageJson(UUID id, String bodyText, String authorType, String authorName, Instant createdAt, List<FileJson> files) {
    }

    public record RatingJson(int rating, String feedback, Instant createdAt) {
    }

    public record TicketDetail(TicketSummary ticket, String description, boolean own, boolean mayReply, boolean mayReopen, boolean mayRate,
            List<FileJson> files, List<MessageJson> messages, RatingJson satisfaction) {
    }

    public record RecentReply(long number, String ticketNumber, String subject, String authorName, String bodyText, Instant createdAt) {
    }

    public record Dashboard(List<TicketSummary> openTickets, long openCount, List<RecentReply> recentReplies) {
    }

    @GET
    @Path("/me")
    public Me me() {
        Customer customer = customer();
        Workspace workspace = workspace(customer);
        return new Me(customer.name(), customer.email(), workspace.name(), workspace.slug(), tickets.sharesOrganization(customer),
                securityPolicy.passwordRules(customer.workspaceId()).minLength());
    }

    @PATCH
    @Path("/me")
    public Me rename(JsonObject json) {
        signedIn.replace(accounts.rename(customer(), new Body(json).string("name")));
        return me();
    }

    @Inject
    org.relaydesk.core.privacy.ContactDataExport export;

    @Inject
    org.relaydesk.core.user.policy.SecurityPolicy securityPolicy;

    /** Everything the help desk holds about the signed-in customer, as the portal shows it, in a ZIP archive (their right of access). */
    @GET
    @Path("/me/export")
    @Produces({"application/zip", MediaType.APPLICATION_JSON})
    public Response export() {
        Customer customer = customer();
        return ExportDownload.of(export.forCustomer(customer.workspaceId(), customer.contactId()));
    }

    @POST
    @Path("/me/password")
    public Response changePassword(JsonObject json) {
        Body body = new Body(json);
        CustomerAccounts.SignedIn renewed = accounts.changePassword(customer(), body.string("current_password"), body.string("new_password"),
                ClientAddress.of(request));
        return Response.noContent().header("Set-Cookie", PortalCookie.header(renewed.sessionToken(), request)).build();
    }

    @GET
    @Path("/dashboard")
    public Dashboard dashboard() {
        Customer customer = customer();
        Workspace workspace = workspace(customer);
        CustomerTickets.Page open = tickets.list(customer, "open", "mine", 1, 5);
        List<Message> replies = tickets.recentReplies(customer, 5);
        Map<UUID, Ticket> byId = tickets.ticketsById(customer, replies.stream().map(Message::ticketId).collect(Collectors.toSet()));
        List<RecentReply> recent = replies.stream().filter(m -> byId.containsKey(m.ticketId())).map(m -> {
            Ticket t = byId.get(m.ticketId());
            return new RecentReply(t.number(), workspace.ticketPrefix() + t.number(), t.subject(), m.authorName(), excerpt(m.bodyText()),
                    m.createdAt());
        }).toList();
        return new Dashboard(open.tickets().stream().map(t -> TicketSummary.of(t, workspace)).toList(), open.total(), recent);
    }

    @GET
    @Path("/tickets")
    public TicketList list(@QueryParam("status") String status, @QueryParam("scope") String scope, @QueryParam("page") String page,
            @QueryParam("per_page") String perPage) {
        Customer customer = customer();
        Workspace workspace = workspace(customer);
        int pageNumber = Params.intInRange(page, "page", 1, 1, 100_000);
        int size = Params.intInRange(perPage, "per_page", 20, 1, CustomerTickets.MAX_PER_PAGE);
        CustomerTickets.Page found = tickets.list(customer, status, scope, pageNumber, size);
        int pages = (int) Math.max(1, (found.total() + size - 1) / size);
        return new TicketList(found.tickets().stream().map(t -> TicketSummary.of(t, workspace)).toList(),
                new Pagination(pageNumber, size, found.total(), pages, false));
    }

    @POST
    @Path("/tickets")
    public Response create(JsonObject json) {
        Customer customer = customer();
        limits.writes().acquire(ClientAddress.of(request));
        Body body = new Body(json);
        Ticket ticket = tickets.create(customer, body.string("subject"), body.string("description"), files(body));
        return Response.status(Response.Status.CREATED).entity(TicketSummary.of(ticket, workspace(customer))).build();
    }

    @GET
    @Path("/tickets/{number}")
    public TicketDetail view(@PathParam("number") String number) {
        Customer customer = customer();
        long n = number(number);
        CustomerTickets.View view = tickets.view(customer, n);
        List<MessageJson> messages = view.messages().stream().map(m -> new MessageJson(m.id(), m.bodyText(), m.authorType().apiName(),
                m.authorName(), m.createdAt(), view.filesByMessage().getOrDefault(m.id(), List.of()).stream().map(a -> FileJson.of(a, n))
                        .toList())).toList();
        return new TicketDetail(TicketSummary.of(view.ticket(), view.workspace()), view.ticket().description(), view.own(), view.mayReply(),
                view.mayReopen(), view.mayRate(), view.descriptionFiles().stream().map(a -> FileJson.of(a, n)).toList(), messages,
                view.rating() == null ? null : new RatingJson(view.rating().rating(), view.rating().feedback(), view.rating().createdAt()));
    }

    @POST
    @Path("/tickets/{number}/replies")
    public Response reply(@PathParam("number") String number, JsonObject json) {
        Customer customer = customer();
        limits.reads().acquire(ClientAddress.of(request));
        Body body = new Body(json);
        Message message = tickets.reply(customer, number(number), body.string("body"), files(body));
        return Response.status(Response.Status.CREATED).entity(new MessageJson(message.id(), message.bodyText(), message.authorType().apiName(),
                message.authorName(), message.createdAt(), List.of())).build();
    }

    @POST
    @Path("/tickets/{number}/reopen")
    @Consumes(MediaType.WILDCARD)
    public TicketSummary reopen(@PathParam("number") String number) {
        Customer customer = customer();
        return TicketSummary.of(tickets.reopen(customer, number(number)), workspace(customer));
    }

    @POST
    @Path("/tickets/{number}/rating")
    public Response rate(@PathParam("number") String number, JsonObject json) {
        Customer customer = customer();
        Body body = new Body(json);
        var rating = tickets.rate(customer, number(number), body.integer("rating"), body.string("feedback"));
        return Response.status(Response.Status.CREATED).entity(new RatingJson(rating.rating(), rating.feedback(), rating.createdAt())).build();
    }

    @GET
    @Path("/tickets/{number}/files/{fileId}")
    @Produces(MediaType.WILDCARD)
    public Response file(@PathParam("number") String number, @PathParam("fileId") String fileId) {
        Customer customer = customer();
        Attachment file = tickets.file(customer, number(number), Params.pathId(fileId, "Attachment"));
        Response.ResponseBuilder response = Response.ok(file.content(), file.contentType());
        file.downloadHeaders().forEach(response::header);
        return response.build();
    }

    /** The signed-in customer, or 401: only the portal cookie signs in here. */
    private Customer customer() {
        limits.reads().acquire(ClientAddress.of(request));
        return signedIn.of(request).orElseThrow(() -> new NotAuthorizedException("Sign in to the help centre first", "Cookie"));
    }

    private Workspace workspace(Customer customer) {
        return tickets.workspaceOf(customer);
    }

    private static long number(String value) {
        if (value == null || !value.matches("[0-9]{1,18}")) {
            throw new org.relaydesk.core.error.NotFoundException("Ticket");
        }
        return Long.parseLong(value);
    }

    private static String excerpt(String text) {
        String flat = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return flat.length() <= 200 ? flat : flat.substring(0, 199) + "…";
    }

    /** {@code files}: [{name, content_base64}], checked one by one by the service like any upload. */
    private static List<CustomerTickets.NamedFile> files(Body body) {
        JsonValue raw = body.raw("files");
        if (raw == null || raw.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (!(raw instanceof JsonArray array)) {
            throw new InvalidInputException("files", "must be a list of {name, content_base64}");
        }
        List<CustomerTickets.NamedFile> files = new ArrayList<>();
        for (JsonValue item : array) {
            if (!(item instanceof JsonObject file) || !file.containsKey("name") || !file.containsKey("content_base64")
                    || file.get("name").getValueType() != JsonValue.ValueType.STRING
                    || file.get("content_base64").getValueType() != JsonValue.ValueType.STRING) {
                throw new InvalidInputException("files", "each file needs a name and content_base64");
            }
            try {
                files.add(new CustomerTickets.NamedFile(file.getString("name"), Base64.getDecoder().decode(file.getString("content_base64"))));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("files", file.getString("name") + " is not valid base64");
            }
        }
        return files;
    }
}
