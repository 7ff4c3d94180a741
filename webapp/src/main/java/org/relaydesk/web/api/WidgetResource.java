package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.channel.NoticeMailer;
import org.relaydesk.core.kb.KbArticle;
import org.relaydesk.core.widget.WidgetService;
import org.relaydesk.web.security.ClientAddress;
import org.relaydesk.web.security.Public;

/**
 * What the floating widget asks from visitors' browsers: its look and words, help articles, and the
 * contact form. Every call names the widget's site key and must come from a page of a site the
 * widget allows (the service checks the Origin; {@link WidgetCors} lets that page read the answer,
 * a refusal included). Rate-limited per address like the other public endpoints.
 */
@Path("/public/widget/{site}")
@RequestScoped
@Public
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Widget")
public class WidgetResource {
    @Inject
    WidgetService widgets;

    @Inject
    PublicRateLimits limits;

    @Inject
    org.relaydesk.core.chat.ChatService chats;

    @Inject
    org.relaydesk.web.widget.ChatLiveTokens liveTokens;

    @Inject
    org.relaydesk.core.widget.WidgetVisitors visitors;

    @Inject
    org.relaydesk.core.portal.CustomerTickets customerTickets;

    @Context
    HttpServletRequest request;

    /** An article to read inside the widget: its sanitised HTML, and its page on the help centre. */
    public record ArticleJson(String slug, String title, String summary, String language, String bodyHtml, String url) {
    }

    @GET
    @Path("/config")
    public WidgetService.Config config(@PathParam("site") String site, @HeaderParam("Origin") String origin, @QueryParam("lang") String lang) {
        limits.reads().acquire(ClientAddress.of(request));
        WidgetService.Visit visit = widgets.visit(site, origin);
        return widgets.config(visit, lang == null || lang.length() > 35 ? null : lang, chats.anyoneAtTheDesk(visit.workspace().id()));
    }

    @GET
    @Path("/articles")
    public KbJson.SearchResult articles(@PathParam("site") String site, @HeaderParam("Origin") String origin, @QueryParam("q") String q) {
        limits.reads().acquire(ClientAddress.of(request));
        WidgetService.Visit visit = widgets.visit(site, origin);
        String base = helpCentre();
        List<KbJson.Hit> hits = widgets.articles(visit, q).stream().map(KbJson.Hit::of)
                .map(h -> new KbJson.Hit(h.id(), h.slug(), h.title(), h.summary(), h.language(), h.visibility(), h.categoryId(), h.snippet(),
                        h.score(), base + "/article/" + h.slug() + workspaceQuery(visit)))
                .toList();
        return new KbJson.SearchResult(q == null ? "" : q.strip(), hits);
    }

    @GET
    @Path("/articles/{slug}")
    public ArticleJson article(@PathParam("site") String site, @HeaderParam("Origin") String origin, @PathParam("slug") String slug) {
        limits.reads().acquire(ClientAddress.of(request));
        WidgetService.Visit visit = widgets.visit(site, origin);
        KbArticle article = widgets.article(visit, slug);
        String page = helpCentre() + "/article/" + article.slug() + workspaceQuery(visit);
        return new ArticleJson(article.slug(), article.title(), article.summary(), article.language(), absolute(article.bodyHtml(), page), page);
    }

    /**
     * The article's body as the widget shows it inside another site's page: its links and pictures
     * addressed absolutely (a relative one would point into the customer's site), sanitised again
     * on the way out.
     */
    static String absolute(String bodyHtml, String articlePage) {
        org.jsoup.nodes.Document body = org.jsoup.Jsoup.parseBodyFragment(bodyHtml, articlePage);
        for (org.jsoup.nodes.Element link : body.select("a[href]")) {
            String href = link.attr("href");
            if (!href.startsWith("#")) {
                link.attr("href", link.absUrl("href"));
            }
        }
        for (org.jsoup.nodes.Element image : body.select("img[src]")) {
            image.attr("src", image.absUrl("src"));
        }
        return org.relaydesk.core.text.MessageSanitizer.sanitize(body.body().html()).html();
    }

    /**
     * The assistant's answer to a question, from the help centre's public articles, before the
     * contact form: {@code known} with its {@code text} and {@code sources} (title, slug), or not; or
     * {@code person_now} when the visitor sounds upset. 404 when the workspace does not answer.
     */
    @GET
    @Path("/answer")
    public org.relaydesk.core.assist.AssistService.VisitorAnswer answer(@PathParam("site") String site, @HeaderParam("Origin") String origin,
            @QueryParam("q") String q, @QueryParam("lang") String lang) {
        limits.reads().acquire(ClientAddress.of(request));
        WidgetService.Visit visit = widgets.visit(site, origin);
        return widgets.answer(visit, q, lang == null || lang.length() > 35 ? null : lang);
    }

    /** "Was this helpful?": {@code helpful} true or false, once per answer. */
    @POST
    @Path("/answers/{answer}/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response answerFeedback(@PathParam("site") String site, @HeaderParam("Origin") String origin, @PathParam("answer") String answer,
            JsonObject json) {
        limits.writes().acquire(ClientAddress.of(request));
        WidgetService.Visit visit = widgets.visit(site, origin);
        Boolean helpful = new Body(json).bool("helpful");
        if (helpful == null) {
            throw new org.relaydesk.core.error.InvalidInputException("helpful", "is required: true or false");
        }
        widgets.answerFeedback(visit, Params.pathId(answer, "Answer"), helpful);
        return Response.noContent().build();
    }

    /** The contact form: {@code name}, {@code email}, {@code message}, optional {@code page_url} (the page it was sent from). */
    @POST
    @Path("/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response send(@PathParam("site") String site, @HeaderParam("Origin") String origin, JsonObject json) {
        limits.writes().acquire(ClientAddress.of(request));
        WidgetService.Visit visit = widgets.visit(site, origin);
        Body body = new Body(json);
        WidgetService.Sent sent = widgets.send(visit, new WidgetService.VisitorMessage(body.string("name"), body.string("email"),
                body.string("message"), body.string("page_url")));
        return Response.status(Response.Status.CREATED).entity(sent).build();
    }

    // ---------------------------------------------------------------- live chat

    /** The header a visitor's browser proves its chat with (never in the URL, so never in an access log). */
    public static final String CHAT_TOKEN_HEADER = "X-Chat-Token";

    /** A chat as its visitor's page reads it, with a pass for the live connection ({@code /widget/live}). */
    public record ChatJson(UUID chatId, String status, String agentName, boolean agentTyping, java.time.Instant agentReadAt,
            List<org.relaydesk.core.chat.ChatService.Line> lines, String livePass) {
    }

    /** A chat just started: its id, the secret the visitor's browser keeps, and the chat. */
    public record StartedJson(UUID chatId, String token, ChatJson chat) {
    }

    /**
     * Starts a live chat: {@code visitor_id} (the browser's own id), {@code message}, optional {@code name},
     * {@code email}, {@code page_url}. 409 of type {@code chat-nobody-online} when no agent is at the desk.
     */
    @POST
    @Path("/chats")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response startChat(@PathParam("site") String site, @HeaderParam("Origin") String origin, JsonObject json) {
        limits.writes().acquire(ClientAddress.of(request));
        WidgetService.Visit visit = widgets.visit(site, origin);
        Body body = new Body(json);
        // a visitor the site vouches for (or who proved their address for "My tickets") chats as that customer
        var proven = provenVisitor(visit).orElse(null);
        var started = chats.start(visit, new org.relaydesk.core.chat.ChatService.Opening(body.string("visitor_id"), body.string("name"),
                body.string("email"), body.string("message"), body.string("page_url")), proven);
        ChatJson chat = json(chats.view(visit, started.chatId(), started.token(), null));
        return Response.status(Response.Status.CREATED).entity(new StartedJson(started.chatId(), started.token(), chat)).build();
    }

    /** The chat now, with the lines after {@code after} (the id of the last line the page has). */
    @GET
    @Path("/chats/{chat}")
    public ChatJson chat(@PathParam("site") String site, @HeaderParam("Origin") String origin, @PathParam("chat") String chat,
            @HeaderParam(CHAT_TOKEN_HEADER) String token, @QueryParam("after") String after) {
        limits.reads().acquire(ClientAddress.of(request));
        WidgetService.Visit visit = widgets.visit(site, origin);
        UUID chatId = Params.pathId(chat, "Chat");
        return json(chats.view(visit, chatId, token, Params.optionalId(after, "after")));
    }

    /** The visitor writes: {@code body}; answers the chat with the lines after {@code after}. */
    @POST
    @Path("/chats/{chat}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response say(@PathParam("site") String site, @HeaderParam("Origin") String origin, @PathParam("chat") String chat,
            @HeaderParam(CHAT_TOKEN_HEADER) String token, JsonObject json) {
        limits.reads().acquire(ClientAddress.of(request));
        WidgetService.Visit visit = widgets.visit(site, origin);
        Body body = new Body(json);
        var view = chats.say(visit, Params.pathId(chat, "Chat"), token, body.string("body"), Params.optionalId(body.string("after"), "after"));
        return Response.status(Response.Status.CREATED).entity(json(view)).build();
    }

    /** The visitor is typing ({@code typing}) or has read the agent's lines ({@code read}). */
    @POST
    @Path("/chats/{chat}/{signal: typing|read}")
    public Response signal(@PathParam("site") String site, @HeaderParam("Origin") String origin, @PathParam("chat") String chat,
            @PathParam("signal") String signal, @HeaderParam(CHAT_TOKEN_HEADER) String token) {
        limits.reads().acquire(ClientAddress.of(request));
        chats.visitorSignal(widgets.visit(site, origin), Params.pathId(chat, "Chat"), token, signal.equals("typing"));
        return Response.noContent().build();
    }

    /** The visitor ends the chat; its ticket stays, answered by email where an address is known. */
    @POST
    @Path("/chats/{chat}/leave")
    public Response leave(@PathParam("site") String site, @HeaderParam("Origin") String origin, @PathParam("chat") String chat,
            @HeaderParam(CHAT_TOKEN_HEADER) String token) {
        limits.reads().acquire(ClientAddress.of(request));
        chats.leave(widgets.visit(site, origin), Params.pathId(chat, "Chat"), token);
        return Response.noContent().build();
    }

    private ChatJson json(org.relaydesk.core.chat.ChatService.VisitorView view) {
        return new ChatJson(view.chatId(), view.status(), view.agentName(), view.agentTyping(), view.agentReadAt(), view.lines(),
                view.status().equals("ended") ? null : liveTokens.issue(view.chatId(), view.ticketId()));
    }

    // ---------------------------------------------------------------- "My tickets"

    /** The visitor's widget session (from the emailed code) in this header; or the host site's signed identity in the two below. */
    public static final String VISITOR_SESSION_HEADER = "X-Visitor-Session";
    public static final String VISITOR_EMAIL_HEADER = "X-Visitor-Email";
    public static final String VISITOR_HASH_HEADER = "X-Visitor-Hash";

    /** One of the visitor's tickets in the list. */
    public record VisitorTicket(long number, String ticketNumber, String subject, String status, java.time.Instant updatedAt) {
    }

    public record VisitorTickets(String email, List<VisitorTicket> data) {
    }

    /** A line of a ticket's conversation as its customer sees it. */
    public record VisitorLine(UUID id, String author, String name, String text, java.time.Instant at) {
    }

    public record VisitorThread(VisitorTicket ticket, String description, List<VisitorLine> lines, boolean mayReply) {
    }

    public record VisitorSession(String session, String email) {
    }

    @GET
    @Path("/tickets")
    public VisitorTickets tickets(@PathParam("site") String site, @HeaderParam("Origin") String origin) {
        limits.reads().acquire(ClientAddress.of(request));
        WidgetService.Visit visit = widgets.visit(site, origin);
        org.relaydesk.core.portal.Customer customer = visitor(visit);
        if (customer.contactId() == null) {
            return new VisitorTickets(customer.email(), List.of());
        }
        var page = customerTickets.list(customer, "all", "mine", 1, 25);
        return new VisitorTickets(customer.email(), page.tickets().stream().map(t -> visitorTicket(visit, t)).toList());
    }

    @GET
    @Path("/tickets/{number}")
    public VisitorThread ticket(@PathParam("site") String site, @HeaderParam("Origin") String origin, @PathParam("number") String number) {
        limits.reads().acquire(ClientAddress.of(request));
        WidgetService.Visit visit = widgets.visit(site, origin);
        var view = customerTickets.view(ownTickets(visitor(visit)), number(number));
        return new VisitorThread(visitorTicket(visit, view.ticket()), view.ticket().description(), view.messages().stream()
                .map(m -> new VisitorLine(m.id(), m.authorType() == org.relaydesk.api.ticket.MessageAuthorType.CUSTOMER ? "visitor" : "agent",
                        m.authorName(), m.bodyText(), m.createdAt())).toList(), view.own() && view.mayReply());
    }

    @POST
    @Path("/tickets/{number}/replies")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replyToTicket(@PathParam("site") String site, @HeaderParam("Origin") String origin, @PathParam("number") String number,
            JsonObject json) {
        limits.writes().acquire(ClientAddress.of(request));
        WidgetService.Visit visit = widgets.visit(site, origin);
        String body = new Body(json).string("body");
        if (body == null || body.isBlank() || body.length() > 10_000) {
            throw new org.relaydesk.core.error.InvalidInputException("body", "is required (at most 10,000 characters)");
        }
        var message = customerTickets.reply(ownTickets(visitor(visit)), number(number), org.relaydesk.core.text.MessageSanitizer.plainToHtml(body),
                List.of());
        return Response.status(Response.Status.CREATED).entity(new VisitorLine(message.id(), "visitor", message.authorName(), message.bodyText(),
                message.createdAt())).build();
    }

    /** "Email me a code for my tickets": {@code email}; always 202, known address or not (the email's sender decides). */
    @POST
    @Path("/visitor/code")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response requestCode(@PathParam("site") String site, @HeaderParam("Origin") String origin, @QueryParam("lang") String lang, JsonObject json) {
        limits.writes().acquire(ClientAddress.of(request));
        WidgetService.Visit visit = widgets.visit(site, origin);
        visitors.requestCode(visit, new Body(json).string("email"), lang == null || lang.length() > 35 ? null : lang);
        return Response.accepted().build();
    }

    /** The emailed code typed in: {@code email}, {@code code}; right once (five tries), it becomes the widget's session. */
    @POST
    @Path("/visitor/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    public VisitorSession verify(@PathParam("site") String site, @HeaderParam("Origin") String origin, JsonObject json) {
        limits.writes().acquire(ClientAddress.of(request));
        Body body = new Body(json);
        var session = visitors.verify(widgets.visit(site, origin), body.string("email"), body.string("code"));
        return new VisitorSession(session.token(), session.email());
    }

    /** "Sign out": the session ends on the server. */
    @POST
    @Path("/visitor/sign-out")
    public Response signOut(@PathParam("site") String site, @HeaderParam("Origin") String origin) {
        limits.reads().acquire(ClientAddress.of(request));
        visitors.signOut(widgets.visit(site, origin), request.getHeader(VISITOR_SESSION_HEADER));
        return Response.noContent().build();
    }

    /** The proven visitor of this request; 401 when the page proves nobody. */
    private org.relaydesk.core.portal.Customer visitor(WidgetService.Visit visit) {
        return provenVisitor(visit).orElseThrow(() -> new jakarta.ws.rs.NotAuthorizedException(org.relaydesk.web.error.Problem.of(Response.Status.UNAUTHORIZED,
                        "Prove who you are first: the site's signed identity, or the code we email you")));
    }

    /** Whom this request's proof names: the site's signed identity, or the session of an emailed code; empty without either. */
    private java.util.Optional<org.relaydesk.core.portal.Customer> provenVisitor(WidgetService.Visit visit) {
        var claim = new org.relaydesk.core.widget.WidgetVisitors.Claim(request.getHeader(VISITOR_EMAIL_HEADER), request.getHeader(VISITOR_HASH_HEADER));
        return visitors.who(visit, claim, request.getHeader(VISITOR_SESSION_HEADER));
    }

    /** A visitor with no contact yet has no tickets: any number is "not found". */
    private static org.relaydesk.core.portal.Customer ownTickets(org.relaydesk.core.portal.Customer customer) {
        if (customer.contactId() == null) {
            throw new org.relaydesk.core.error.NotFoundException("Ticket");
        }
        return customer;
    }

    private static long number(String number) {
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw new org.relaydesk.core.error.NotFoundException("Ticket");
        }
    }

    private static VisitorTicket visitorTicket(WidgetService.Visit visit, org.relaydesk.core.ticket.Ticket t) {
        return new VisitorTicket(t.number(), visit.workspace().ticketPrefix() + t.number(), t.subject(), t.status().apiName(), t.updatedAt());
    }

    private static String helpCentre() {
        return NoticeMailer.baseUrl() + "/help";
    }

    private static String workspaceQuery(WidgetService.Visit visit) {
        return visit.workspace().slug() == null ? "" : "?workspace=" + visit.workspace().slug();
    }
}
