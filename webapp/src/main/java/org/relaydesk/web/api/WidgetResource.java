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

    @Context
    HttpServletRequest request;

    /** An article to read inside the widget: its sanitised HTML, and its page on the help centre. */
    public record ArticleJson(String slug, String title, String summary, String language, String bodyHtml, String url) {
    }

    @GET
    @Path("/config")
    public WidgetService.Config config(@PathParam("site") String site, @HeaderParam("Origin") String origin, @QueryParam("lang") String lang) {
        limits.reads().acquire(ClientAddress.of(request));
        return widgets.config(widgets.visit(site, origin), lang == null || lang.length() > 35 ? null : lang);
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
        return new ArticleJson(article.slug(), article.title(), article.summary(), article.language(), article.bodyHtml(),
                helpCentre() + "/article/" + article.slug() + workspaceQuery(visit));
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

    private static String helpCentre() {
        return NoticeMailer.baseUrl() + "/help";
    }

    private static String workspaceQuery(WidgetService.Visit visit) {
        return visit.workspace().slug() == null ? "" : "?workspace=" + visit.workspace().slug();
    }
}
