package org.relaydesk.core.text;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;
import org.relaydesk.core.ticket.SanitizedBody;

/**
 * Turns untrusted message input into safe HTML (an allow-list: formatting, links, lists, tables,
 * images over http(s) or inline data) plus a plain-text copy. Plain text input is escaped and keeps
 * its line breaks.
 */
public final class MessageSanitizer {
    private static final PolicyFactory POLICY = Sanitizers.FORMATTING
            .and(Sanitizers.BLOCKS)
            .and(Sanitizers.LINKS)
            .and(Sanitizers.TABLES)
            .and(Sanitizers.IMAGES)
            .and(Sanitizers.STYLES)
            .and(new HtmlPolicyBuilder()
                    .allowElements("pre", "code", "hr", "span", "br", "blockquote")
                    .allowAttributes("target").matching(true, "_blank").onElements("a")
                    .requireRelsOnLinks("noopener", "noreferrer", "nofollow")
                    .toFactory());

    private MessageSanitizer() {
    }

    public static SanitizedBody sanitize(String input) {
        String raw = input == null ? "" : input;
        if (!looksLikeHtml(raw)) {
            return new SanitizedBody(plainToHtml(raw), raw.strip());
        }
        String html = POLICY.sanitize(raw);
        return new SanitizedBody(html, htmlToText(html));
    }

    /** HTML when it uses real HTML elements; "Hi <team>" in a plain message stays text. */
    static boolean looksLikeHtml(String value) {
        return HTML_ELEMENT.matcher(value).find();
    }

    private static final java.util.regex.Pattern HTML_ELEMENT = java.util.regex.Pattern.compile(
            "<\\s*/?\\s*(p|br|div|span|b|i|u|s|strong|em|a|ul|ol|li|table|thead|tbody|tr|td|th|img|h[1-6]|blockquote|pre|code|hr|font|html|body)\\b[^>]*>",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /** Text typed into a plain box, as HTML that reads the same: escaped, paragraphs and line breaks kept. */
    public static String plainToHtml(String text) {
        String escaped = text.strip()
                .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
        StringBuilder out = new StringBuilder();
        for (String paragraph : escaped.split("\\R{2,}")) {
            if (!paragraph.isBlank()) {
                out.append("<p>").append(paragraph.replaceAll("\\R", "<br>")).append("</p>");
            }
        }
        return out.toString();
    }

    /** Block elements become line breaks so that the text reads like the message did. */
    public static String htmlToText(String html) {
        if (html == null || html.isBlank()) {
            return ""; // no body (a ticket with a subject only)
        }
        Document document = Jsoup.parseBodyFragment(html);
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(org.jsoup.nodes.Node node, int depth) {
                if (node instanceof org.jsoup.nodes.TextNode text) {
                    out.append(text.text());
                } else if (node instanceof Element element && element.nameIs("br")) {
                    out.append('\n');
                } else if (node instanceof Element element && element.nameIs("li")) {
                    out.append("\n- ");
                }
            }

            @Override
            public void tail(org.jsoup.nodes.Node node, int depth) {
                if (node instanceof Element element && element.isBlock() && !element.nameIs("li")) {
                    out.append('\n');
                }
            }
        }, document.body());
        return out.toString().replaceAll("[ \\t\\x0B\\f\\r]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }
}
