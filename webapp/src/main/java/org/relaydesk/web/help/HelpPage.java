package org.relaydesk.web.help;

import java.util.ArrayList;
import java.util.List;

/**
 * One server-rendered help-centre page: the head a search engine reads (title, description,
 * canonical link, Open Graph, alternate languages) and the body, in the workspace's colours.
 * Everything given as text is escaped here; {@code body} is HTML built by {@link HelpCentreServlet}.
 */
final class HelpPage {
    record Alternate(String language, String url) {
    }

    private final String siteName;
    private final String brandColor;
    private final String homeUrl;
    private final String searchUrl;
    private final String workspaceSlug;
    private String language = "en";
    private String title;
    private String description = "";
    private String canonical;
    private String ogType = "website";
    private boolean noindex;
    private String query = "";
    private final List<Alternate> alternates = new ArrayList<>();

    HelpPage(String siteName, String brandColor, String homeUrl, String searchUrl, String workspaceSlug) {
        this.siteName = siteName;
        this.brandColor = brandColor;
        this.homeUrl = homeUrl;
        this.searchUrl = searchUrl;
        this.workspaceSlug = workspaceSlug;
        this.title = siteName + " Help Centre";
    }

    HelpPage title(String value) {
        title = value + " – " + siteName + " Help Centre";
        return this;
    }

    HelpPage description(String value) {
        description = value;
        return this;
    }

    HelpPage canonical(String value) {
        canonical = value;
        return this;
    }

    HelpPage article() {
        ogType = "article";
        return this;
    }

    HelpPage language(String value) {
        language = value;
        return this;
    }

    HelpPage noindex() {
        noindex = true;
        return this;
    }

    HelpPage query(String value) {
        query = value == null ? "" : value;
        return this;
    }

    HelpPage alternate(String lang, String url) {
        alternates.add(new Alternate(lang, url));
        return this;
    }

    String render(String body) {
        StringBuilder html = new StringBuilder(4096 + body.length());
        html.append("<!DOCTYPE html>\n<html lang=\"").append(HelpHtml.text(language)).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(HelpHtml.text(title)).append("</title>")
                .append("<meta name=\"description\" content=\"").append(HelpHtml.text(description)).append("\">");
        if (noindex) {
            html.append("<meta name=\"robots\" content=\"noindex, follow\">");
        }
        if (canonical != null) {
            html.append("<link rel=\"canonical\" href=\"").append(HelpHtml.text(canonical)).append("\">")
                    .append("<meta property=\"og:url\" content=\"").append(HelpHtml.text(canonical)).append("\">");
        }
        html.append("<meta property=\"og:type\" content=\"").append(ogType).append("\">")
                .append("<meta property=\"og:title\" content=\"").append(HelpHtml.text(title)).append("\">")
                .append("<meta property=\"og:description\" content=\"").append(HelpHtml.text(description)).append("\">")
                .append("<meta property=\"og:site_name\" content=\"").append(HelpHtml.text(siteName)).append("\">")
                .append("<meta property=\"og:locale\" content=\"").append(HelpHtml.text(language.replace('-', '_'))).append("\">");
        for (Alternate alternate : alternates) {
            html.append("<link rel=\"alternate\" hreflang=\"").append(HelpHtml.text(alternate.language())).append("\" href=\"")
                    .append(HelpHtml.text(alternate.url())).append("\">");
        }
        html.append("<style>").append(STYLE.replace("BRAND", brandColor)).append("</style></head><body>")
                .append("<header><a class=\"brand\" href=\"").append(HelpHtml.text(homeUrl)).append("\">").append(HelpHtml.text(siteName))
                .append(" Help Centre</a><form role=\"search\" action=\"").append(HelpHtml.text(searchUrl)).append("\" method=\"get\">");
        if (workspaceSlug != null) {
            html.append("<input type=\"hidden\" name=\"workspace\" value=\"").append(HelpHtml.text(workspaceSlug)).append("\">");
        }
        html.append("<input id=\"help-q\" type=\"search\" name=\"q\" maxlength=\"200\" placeholder=\"Search for answers\" aria-label=\"Search\" value=\"")
                .append(HelpHtml.text(query)).append("\"><button type=\"submit\">Search</button></form></header><main id=\"content\">")
                .append(body).append("</main><footer>Powered by Relaydesk</footer></body></html>");
        return html.toString();
    }

    /** Brand colour validated as #RRGGBB when saved; no scripts at all on these pages. */
    private static final String STYLE = "body{margin:0;font:16px/1.6 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#111827;background:#F9FAFB}"
            + "header{background:BRAND;color:#fff;padding:24px 16px;display:flex;flex-wrap:wrap;gap:12px;align-items:center;justify-content:space-between}"
            + "header a.brand{color:#fff;font-weight:600;font-size:20px;text-decoration:none}"
            + "header form{display:flex;gap:8px;flex:1;max-width:520px}header input{flex:1;padding:10px;border:0;border-radius:6px;font-size:16px}"
            + "header button{padding:10px 16px;border:0;border-radius:6px;background:#111827;color:#fff;cursor:pointer}"
            + "main{max-width:860px;margin:0 auto;padding:24px 16px}footer{text-align:center;color:#6B7280;padding:24px;font-size:14px}"
            + "a{color:BRAND}.card{background:#fff;border:1px solid #E5E7EB;border-radius:8px;padding:16px;margin:12px 0}"
            + ".muted{color:#6B7280;font-size:14px}mark{background:#FEF08A;padding:0 2px}article img{max-width:100%}"
            + "ul.plain{list-style:none;padding:0}nav.crumbs{font-size:14px;margin-bottom:8px}.langs a{margin-right:8px}"
            + ".feedback form{display:inline}.feedback button{margin-left:8px;padding:6px 14px;border:1px solid #D1D5DB;border-radius:6px;background:#fff;cursor:pointer}";
}
