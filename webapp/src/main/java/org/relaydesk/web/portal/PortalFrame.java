package org.relaydesk.web.portal;

import org.relaydesk.core.workspace.Workspace;

/** The portal's page frame: head, brand bar and navigation; portal.js renders the page inside. */
final class PortalFrame {
    private PortalFrame() {
    }

    static String render(PortalPages.Page page, Workspace workspace, boolean signedIn) {
        String name = workspace == null ? "Help centre" : workspace.name();
        String slug = workspace == null ? "" : workspace.slug();
        // the brand colour is validated as #RRGGBB when saved; the script applies it (no inline style under the policy)
        String color = workspace == null ? "#3B82F6" : workspace.brandColor();
        String home = signedIn ? "/portal/dashboard" : "/portal/login" + (slug.isEmpty() ? "" : "?workspace=" + slug);
        StringBuilder html = new StringBuilder(2048);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"robots\" content=\"noindex\">\n<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<meta name=\"brand-color\" content=\"").append(escape(color)).append("\">\n")
                .append("<title>").append(escape(page.title())).append(" · ").append(escape(name)).append("</title>\n")
                .append("<link rel=\"stylesheet\" href=\"/portal-assets/portal.css\">\n")
                .append("<script src=\"/portal-assets/portal.js\" defer></script>\n</head>\n")
                .append("<body data-page=\"").append(escape(page.name())).append("\" data-workspace=\"").append(escape(slug)).append('"')
                .append(page.ticketNumber() == null ? "" : " data-ticket=\"" + page.ticketNumber() + "\"").append(">\n")
                .append("<header class=\"portal-top\">\n<a class=\"portal-brand\" href=\"").append(escape(home)).append("\">");
        if (workspace != null && workspace.hasLogo()) {
            html.append("<img src=\"/branding/logo?workspace=").append(escape(slug)).append("&amp;v=").append(workspace.version())
                    .append("\" alt=\"\" class=\"portal-logo\">");
        }
        html.append("<span class=\"portal-name\">").append(escape(name)).append("</span></a>\n");
        if (signedIn) {
            html.append("<nav class=\"portal-nav\" aria-label=\"Portal\">")
                    .append("<a href=\"/portal/dashboard\">Dashboard</a><a href=\"/portal/tickets\">My tickets</a>")
                    .append("<a href=\"/portal/tickets/new\">New ticket</a><a href=\"/portal/profile\">Profile</a>")
                    .append("<button type=\"button\" id=\"sign-out\" class=\"portal-link\">Sign out</button></nav>\n");
        }
        html.append("</header>\n<main id=\"main\" class=\"portal-main\"><h1>").append(escape(page.title())).append("</h1>")
                .append("<noscript><p>This page needs JavaScript.</p></noscript></main>\n</body>\n</html>\n");
        return html.toString();
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
