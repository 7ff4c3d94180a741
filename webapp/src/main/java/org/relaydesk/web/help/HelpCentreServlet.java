package org.relaydesk.web.help;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.error.TooManyRequestsException;
import org.relaydesk.core.kb.KbArticle;
import org.relaydesk.core.kb.KbCategory;
import org.relaydesk.core.kb.KbFile;
import org.relaydesk.core.kb.KbSearchHit;
import org.relaydesk.core.kb.KbStore;
import org.relaydesk.core.kb.KnowledgeBase;
import org.relaydesk.core.kb.KnowledgeBaseService;
import org.relaydesk.web.portal.SignedInCustomer;
import org.relaydesk.core.kb.Slugs;
import org.relaydesk.web.api.PublicRateLimits;
import org.relaydesk.web.panel.PanelActions;
import org.relaydesk.web.security.ClientAddress;

/**
 * The public help centre, plain HTML rendered on the server (no scripts, fast, readable by search
 * engines): /help, /help/category/{slug}, /help/article/{slug}, /help/search?q=, /help/sitemap.xml,
 * and the "Was this helpful?" answer (POST /help/article/{slug}/feedback). Everything is read as a
 * visitor of the workspace {@link HelpSites} resolves; what a visitor may not read answers 404,
 * exactly like what does not exist.
 */
@WebServlet(urlPatterns = {"/help", "/help/*"})
public class HelpCentreServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(HelpCentreServlet.class.getName());
    static final String VISITOR_COOKIE = "RELAYDESK_HELP_VISITOR";

    @Inject
    KnowledgeBaseService kb;

    @Inject
    HelpSites sites;

    @Inject
    SignedInCustomer signedIn;

    @Inject
    PublicRateLimits limits;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(request, response, false);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(request, response, true);
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, boolean post) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        try {
            limits.reads().acquire(ClientAddress.of(request));
            HelpSites.Site site = sites.resolve(request.getParameter("workspace")).orElseThrow(() -> new NotFoundException("Help centre"));
            String[] parts = path.split("/", -1);
            if (post) {
                if (parts.length == 4 && parts[1].equals("article") && parts[3].equals("feedback")) {
                    feedback(request, response, site, parts[2]);
                    return;
                }
                response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
                return;
            }
            if (path.equals("/")) {
                home(request, response, site);
            } else if (path.equals("/sitemap.xml")) {
                sitemap(request, response, site);
            } else if (path.equals("/search")) {
                search(request, response, site);
            } else if (parts.length == 3 && parts[1].equals("article")) {
                article(request, response, site, parts[2]);
            } else if (parts.length == 5 && parts[1].equals("article") && parts[3].equals("files")) {
                file(request, response, site, parts[2], parts[4]);
            } else if (parts.length == 3 && parts[1].equals("category")) {
                category(request, response, site, parts[2]);
            } else {
                throw new NotFoundException("Page");
            }
        } catch (NotFoundException e) {
            plain(response, 404, "Page not found", "There is no such page in this help centre.");
        } catch (InvalidInputException e) {
            plain(response, 400, "Please check your search", String.join("; ", e.fieldErrors().values()));
        } catch (TooManyRequestsException e) {
            response.setHeader("Retry-After", "60");
            plain(response, 429, "Too many requests", "Please wait a minute and try again.");
        } catch (RuntimeException e) {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.WARNING, "Help centre page " + path + " failed, incident " + incident, e);
            plain(response, 500, "Something went wrong", "Please try again later (incident " + incident + ").");
        }
    }

    /** As this request's reader: a portal customer signed in to the site's workspace reads its customer articles too. */
    private <T> T reader(HttpServletRequest request, HelpSites.Site site, Function<KnowledgeBase, T> work) {
        return kb.asHelpReader(site.workspace().id(), signedIn.of(request), work);
    }

    private void home(HttpServletRequest request, HttpServletResponse response, HelpSites.Site site) throws IOException {
        record Home(List<KbCategory> categories, List<KbArticle> popular) {
        }
        Home home = reader(request, site, base -> new Home(base.categories(), base.published(null, null, 10)));
        StringBuilder body = new StringBuilder("<h1>How can we help?</h1>");
        List<KbCategory> top = home.categories().stream().filter(c -> c.parentId() == null).toList();
        if (!top.isEmpty()) {
            body.append("<h2>Categories</h2><div>");
            for (KbCategory category : top) {
                body.append("<div class=\"card\"><a href=\"").append(HelpHtml.text(url(site, "/category/" + category.slug()))).append("\">")
                        .append(HelpHtml.text(category.name())).append("</a>");
                if (!category.description().isEmpty()) {
                    body.append("<div class=\"muted\">").append(HelpHtml.text(category.description())).append("</div>");
                }
                body.append("</div>");
            }
            body.append("</div>");
        }
        body.append("<h2>Popular articles</h2>").append(articleList(site, home.popular(), "No articles have been published yet."));
        page(request, response, site, site(site).canonical(absolute(request, url(site, "/")))
                .description("Answers and guides from " + site.workspace().name() + ": search the help centre or browse by category.")
                .render(body.toString()));
    }

    private void category(HttpServletRequest request, HttpServletResponse response, HelpSites.Site site, String slug) throws IOException {
        if (!Slugs.valid(slug)) {
            throw new NotFoundException("Category");
        }
        record Listing(KbCategory category, List<KbCategory> all, List<KbArticle> articles) {
        }
        Listing listing = reader(request, site, base -> {
            KbCategory category = base.categoryBySlug(slug);
            return new Listing(category, base.categories(), base.published(category.id(), null, 200));
        });
        StringBuilder body = new StringBuilder(crumbs(site, listing.all(), listing.category().parentId()));
        body.append("<h1>").append(HelpHtml.text(listing.category().name())).append("</h1>");
        if (!listing.category().description().isEmpty()) {
            body.append("<p class=\"muted\">").append(HelpHtml.text(listing.category().description())).append("</p>");
        }
        List<KbCategory> children = listing.all().stream().filter(c -> listing.category().id().equals(c.parentId())).toList();
        if (!children.isEmpty()) {
            body.append("<ul>");
            children.forEach(c -> body.append("<li><a href=\"").append(HelpHtml.text(url(site, "/category/" + c.slug()))).append("\">")
                    .append(HelpHtml.text(c.name())).append("</a></li>"));
            body.append("</ul>");
        }
        body.append(articleList(site, listing.articles(), "No articles in this category yet."));
        page(request, response, site, site(site).title(listing.category().name()).canonical(absolute(request, url(site, "/category/" + slug)))
                .description(listing.category().description().isEmpty() ? listing.category().name() + ": articles from " + site.workspace().name()
                        : listing.category().description())
                .render(body.toString()));
    }

    private void article(HttpServletRequest request, HttpServletResponse response, HelpSites.Site site, String slug) throws IOException {
        record Reading(KbArticle article, List<KbArticle> translations, List<KbArticle> related, List<KbCategory> categories, List<KbFile> files) {
        }
        Reading reading = reader(request, site, base -> {
            KbArticle article = base.articleBySlug(slug);
            base.viewed(article);
            return new Reading(article, base.translations(article), base.related(article, 5), base.categories(), base.files(article.id()));
        });
        KbArticle article = reading.article();
        HelpPage page = site(site).title(article.title()).article().language(article.language())
                .canonical(absolute(request, url(site, "/article/" + article.slug())))
                .description(HelpHtml.description(article.summary(), article.bodyText()));
        StringBuilder body = new StringBuilder(crumbs(site, reading.categories(), article.categoryId()));
        if (reading.translations().size() > 1) {
            body.append("<nav class=\"langs\" aria-label=\"Languages\">");
            for (KbArticle translation : reading.translations()) {
                String href = url(site, "/article/" + translation.slug());
                page.alternate(translation.language(), absolute(request, href));
                if (translation.id().equals(article.id())) {
                    body.append("<strong lang=\"").append(HelpHtml.text(translation.language())).append("\">")
                            .append(HelpHtml.text(HelpHtml.languageName(translation.language()))).append("</strong> ");
                } else {
                    body.append("<a lang=\"").append(HelpHtml.text(translation.language())).append("\" hreflang=\"")
                            .append(HelpHtml.text(translation.language())).append("\" href=\"").append(HelpHtml.text(href)).append("\">")
                            .append(HelpHtml.text(HelpHtml.languageName(translation.language()))).append("</a> ");
                }
            }
            body.append("</nav>");
        }
        // body_html was sanitised by an allow-list when it was saved; it is the one value written as HTML
        body.append("<article><h1>").append(HelpHtml.text(article.title())).append("</h1><p class=\"muted\">Updated ")
                .append(article.updatedAt().toString(), 0, 10).append("</p>").append(article.bodyHtml()).append(files(site, article, reading.files()))
                .append("</article>");
        String thanks = request.getParameter("feedback");
        body.append("<div class=\"card feedback\" id=\"feedback\">");
        if ("thanks".equals(thanks)) {
            body.append("Thanks for your feedback!");
        } else {
            String action = HelpHtml.text(url(site, "/article/" + article.slug() + "/feedback"));
            body.append("Was this helpful?<form method=\"post\" action=\"").append(action).append("\"><input type=\"hidden\" name=\"helpful\" value=\"yes\">")
                    .append("<button id=\"helpful-yes\" type=\"submit\">Yes</button></form><form method=\"post\" action=\"").append(action)
                    .append("\"><input type=\"hidden\" name=\"helpful\" value=\"no\"><button id=\"helpful-no\" type=\"submit\">No</button></form>");
        }
        body.append("</div>");
        if (!reading.related().isEmpty()) {
            body.append("<h2>Related articles</h2>").append(articleList(site, reading.related(), ""));
        }
        page(request, response, site, page.render(body.toString()));
    }

    /** The article's pictures shown, its other files listed to download. */
    private static String files(HelpSites.Site site, KbArticle article, List<KbFile> files) {
        if (files.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<section class=\"files\" aria-label=\"Files\"><h2>Files</h2><ul>");
        for (KbFile file : files) {
            String href = HelpHtml.text(url(site, "/article/" + article.slug() + "/files/" + file.id()));
            String name = HelpHtml.text(file.fileName());
            html.append("<li>");
            if (file.isImage()) {
                html.append("<img src=\"").append(href).append("\" alt=\"").append(name).append("\" loading=\"lazy\"><br>");
            }
            html.append("<a href=\"").append(href).append("\">").append(name).append("</a> <span class=\"muted\">(")
                    .append(HelpHtml.text(file.sizeLabel())).append(")</span></li>");
        }
        return html.append("</ul></section>").toString();
    }

    /** A file of an article the reader may read; the same "not found" for any other. */
    private void file(HttpServletRequest request, HttpServletResponse response, HelpSites.Site site, String slug, String fileId) throws IOException {
        UUID id = org.relaydesk.core.persistence.Ids.parse(fileId).orElseThrow(() -> new NotFoundException("File"));
        KbFile.Download download = reader(request, site, base -> base.download(base.articleBySlug(slug).id(), id));
        download.headers().forEach(response::setHeader);
        response.setHeader("Vary", "Cookie");
        boolean customer = KnowledgeBaseService.readsAsCustomer(site.workspace().id(), signedIn.of(request));
        response.setHeader("Cache-Control", customer ? "private, no-store" : "public, max-age=300");
        response.setContentType(download.file().contentType());
        response.setContentLengthLong(download.content().length);
        response.getOutputStream().write(download.content());
    }

    private void search(HttpServletRequest request, HttpServletResponse response, HelpSites.Site site) throws IOException {
        String q = Optional.ofNullable(request.getParameter("q")).orElse("").strip();
        String lang = request.getParameter("lang");
        StringBuilder body = new StringBuilder();
        if (q.isEmpty()) {
            body.append("<h1>Search</h1><p>Type a few words into the search box.</p>");
        } else {
            List<KbSearchHit> hits = reader(request, site, base -> base.search(q, lang, false, 20));
            body.append("<h1>Results for “").append(HelpHtml.text(q)).append("”</h1>");
            if (hits.isEmpty()) {
                body.append("<p id=\"no-results\">Nothing matched. Try other words, or browse the <a href=\"")
                        .append(HelpHtml.text(url(site, "/"))).append("\">categories</a>.</p>");
            }
            body.append("<ul class=\"plain\" id=\"results\">");
            for (KbSearchHit hit : hits) {
                body.append("<li class=\"card\"><a href=\"").append(HelpHtml.text(url(site, "/article/" + hit.slug()))).append("\">")
                        .append(HelpHtml.text(hit.title())).append("</a><div class=\"muted\">").append(hit.snippetHtml()).append("</div></li>");
            }
            body.append("</ul>");
        }
        page(request, response, site, site(site).title(q.isEmpty() ? "Search" : "Search: " + q).noindex().query(q)
                .description("Search results in the " + site.workspace().name() + " help centre").render(body.toString()));
    }

    private void sitemap(HttpServletRequest request, HttpServletResponse response, HelpSites.Site site) throws IOException {
        List<KbStore.SitemapEntry> entries = kb.asVisitor(site.workspace().id(), KnowledgeBase::sitemap);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
        xml.append("<url><loc>").append(HelpHtml.text(absolute(request, url(site, "/")))).append("</loc></url>");
        for (KbStore.SitemapEntry entry : entries) {
            xml.append("<url><loc>").append(HelpHtml.text(absolute(request, url(site, "/article/" + entry.slug())))).append("</loc><lastmod>")
                    .append(entry.updatedAt().toString(), 0, 10).append("</lastmod></url>");
        }
        xml.append("</urlset>");
        response.setContentType("application/xml;charset=UTF-8");
        response.setHeader("Cache-Control", "public, max-age=3600");
        response.getOutputStream().write(xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** One answer per visitor (a random cookie, stored hashed) and article; the address's write budget limits the rest. */
    private void feedback(HttpServletRequest request, HttpServletResponse response, HelpSites.Site site, String slug) throws IOException {
        String helpful = request.getParameter("helpful");
        if (!"yes".equals(helpful) && !"no".equals(helpful)) {
            throw new InvalidInputException("helpful", "must be yes or no");
        }
        limits.writes().acquire(ClientAddress.of(request));
        String visitorId = visitorCookie(request).orElseGet(() -> {
            String fresh = UUID.randomUUID().toString();
            Cookie cookie = new Cookie(VISITOR_COOKIE, fresh);
            cookie.setPath("/help");
            cookie.setHttpOnly(true);
            cookie.setSecure(request.isSecure());
            cookie.setMaxAge(365 * 24 * 3600);
            cookie.setAttribute("SameSite", "Lax");
            response.addCookie(cookie);
            return fresh;
        });
        reader(request, site, base -> base.feedback(base.articleBySlug(slug).id(), sha256(visitorId), "yes".equals(helpful)));
        response.sendRedirect(request.getContextPath() + url(site, "/article/" + slug) + (site.named() ? "&" : "?") + "feedback=thanks#feedback");
    }

    private static Optional<String> visitorCookie(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return Optional.empty();
        }
        for (Cookie cookie : request.getCookies()) {
            if (VISITOR_COOKIE.equals(cookie.getName()) && org.relaydesk.core.persistence.Ids.parse(cookie.getValue()).isPresent()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    private HelpPage site(HelpSites.Site site) {
        return new HelpPage(site.workspace().name(), site.workspace().brandColor(), url(site, "/"), "/help/search",
                site.named() ? site.workspace().slug() : null);
    }

    private static String crumbs(HelpSites.Site site, List<KbCategory> categories, java.util.UUID categoryId) {
        Map<java.util.UUID, KbCategory> byId = categories.stream().collect(Collectors.toMap(KbCategory::id, c -> c));
        java.util.LinkedList<KbCategory> trail = new java.util.LinkedList<>();
        for (KbCategory at = categoryId == null ? null : byId.get(categoryId); at != null && trail.size() < 20;
                at = at.parentId() == null ? null : byId.get(at.parentId())) {
            trail.addFirst(at);
        }
        StringBuilder html = new StringBuilder("<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><a href=\"").append(HelpHtml.text(url(site, "/")))
                .append("\">Help Centre</a>");
        trail.forEach(c -> html.append(" › <a href=\"").append(HelpHtml.text(url(site, "/category/" + c.slug()))).append("\">")
                .append(HelpHtml.text(c.name())).append("</a>"));
        return html.append("</nav>").toString();
    }

    private static String articleList(HelpSites.Site site, List<KbArticle> articles, String empty) {
        if (articles.isEmpty()) {
            return empty.isEmpty() ? "" : "<p class=\"muted\">" + HelpHtml.text(empty) + "</p>";
        }
        StringBuilder html = new StringBuilder("<ul class=\"plain\">");
        for (KbArticle article : articles) {
            html.append("<li class=\"card\"><a href=\"").append(HelpHtml.text(url(site, "/article/" + article.slug()))).append("\">")
                    .append(HelpHtml.text(article.title())).append("</a>");
            if (!article.summary().isEmpty()) {
                html.append("<div class=\"muted\">").append(HelpHtml.text(article.summary())).append("</div>");
            }
            html.append("</li>");
        }
        return html.append("</ul>").toString();
    }

    /** A help-centre path as linked from its pages: the workspace named when the installation has several. */
    static String url(HelpSites.Site site, String path) {
        return site.path(path);
    }

    /**
     * Absolute URL for canonical links and the sitemap: from relaydesk.base-url when the operator set
     * it (never from a Host header a client could forge into a cached page), else from the request.
     */
    private static String absolute(HttpServletRequest request, String path) {
        String base = PanelActions.baseUrl().orElseGet(() -> request.getScheme() + "://" + request.getServerName()
                + (request.getServerPort() == 80 || request.getServerPort() == 443 ? "" : ":" + request.getServerPort()));
        return base + request.getContextPath() + path;
    }

    /**
     * A page may be kept by shared caches for a minute, unless its reader is a signed-in customer (it
     * may hold their articles): then no cache keeps it. Either way it varies with the cookies.
     */
    private void page(HttpServletRequest request, HttpServletResponse response, HelpSites.Site site, String html) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Vary", "Cookie");
        boolean customer = KnowledgeBaseService.readsAsCustomer(site.workspace().id(), signedIn.of(request));
        response.setHeader("Cache-Control", customer ? "private, no-store" : "public, max-age=60");
        response.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
    }

    private static void plain(HttpServletResponse response, int status, String title, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\"><title>"
                + HelpHtml.text(title) + "</title></head><body><main id=\"content\"><h1>" + HelpHtml.text(title) + "</h1><p>" + HelpHtml.text(message)
                + "</p><p><a href=\"/help\">Help Centre</a></p></main></body></html>";
        response.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
