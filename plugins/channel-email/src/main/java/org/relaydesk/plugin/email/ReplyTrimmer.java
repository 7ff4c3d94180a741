package org.relaydesk.plugin.email;

import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * Takes the quoted history and the signature off a reply, so that the ticket shows what the customer
 * wrote this time, not the whole conversation again below it. What the mail programs put there
 * differs: Gmail and Apple Mail mark the quote in HTML, Outlook writes a header block, plain-text
 * mail has "On ... wrote:" and "> " lines. When trimming would leave nothing, the text stays whole;
 * the full original stays with the stored message either way.
 */
final class ReplyTrimmer {
    private static final List<Pattern> QUOTE_HEADERS = List.of(
            // Gmail, Thunderbird, Apple Mail: "On Tue, 3 Mar 2026 at 10:02, Ann <ann@example.com> wrote:" (often wrapped)
            Pattern.compile("^\\s*On\\b.{0,300}?\\bwrote:\\s*$", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE | Pattern.DOTALL),
            Pattern.compile("^\\s*Am\\b.{0,300}?\\bschrieb\\b.{0,200}?:\\s*$", Pattern.MULTILINE | Pattern.DOTALL),
            Pattern.compile("^\\s*Le\\b.{0,300}?\\ba [ée]crit\\s*:\\s*$", Pattern.MULTILINE | Pattern.DOTALL),
            Pattern.compile("^\\s*El\\b.{0,300}?\\bescribi[óo]\\s*:\\s*$", Pattern.MULTILINE | Pattern.DOTALL),
            Pattern.compile("^\\s*-{2,}\\s*(Original Message|Urspr[üu]ngliche Nachricht|Message d'origine|Mensaje original)\\s*-{2,}\\s*$",
                    Pattern.CASE_INSENSITIVE | Pattern.MULTILINE),
            // Outlook: a rule, then From:/Sent: (or Von:/Gesendet:) lines
            Pattern.compile("^\\s*(_{20,}\\s*\\n\\s*)?(From|Von|De)\\s*:.*\\n\\s*(Sent|Date|Gesendet|Datum|Envoy[ée])\\s*:", Pattern.MULTILINE));
    private static final Pattern SIGNATURE = Pattern.compile("^-- ?$|^(Sent from my|Von meinem|Envoy[ée] de mon|Get Outlook for)\\b.*$",
            Pattern.MULTILINE);
    private static final Pattern QUOTED_TAIL = Pattern.compile("(\\n\\s*>[^\\n]*)+\\s*$");

    private ReplyTrimmer() {
    }

    /** The reply's own text. */
    static String text(String text) {
        if (text == null || text.isBlank()) {
            return text;
        }
        String trimmed = text.replace("\r\n", "\n");
        int cut = trimmed.length();
        for (Pattern header : QUOTE_HEADERS) {
            var matcher = header.matcher(trimmed);
            if (matcher.find() && matcher.start() < cut) {
                cut = matcher.start();
            }
        }
        trimmed = trimmed.substring(0, cut);
        trimmed = QUOTED_TAIL.matcher(trimmed).replaceFirst("");
        var signature = SIGNATURE.matcher(trimmed);
        if (signature.find()) {
            trimmed = trimmed.substring(0, signature.start());
        }
        trimmed = trimmed.strip();
        return trimmed.isEmpty() ? text.strip() : trimmed;
    }

    /** The reply's own HTML: the quote blocks mail programs mark, and everything after them, removed. */
    static String html(String html) {
        if (html == null || html.isBlank()) {
            return html;
        }
        Document document = Jsoup.parse(html);
        boolean cut = false;
        for (Element quote : document.select("blockquote[type=cite]")) {
            quote.remove(); // Apple Mail and Thunderbird: answers may sit between the quotes, so only the quote goes
            cut = true;
        }
        for (String marker : List.of("div.gmail_quote", "div.moz-cite-prefix", "div#divRplyFwdMsg", "div#appendonsend",
                "div.yahoo_quoted", "blockquote.gmail_quote", "div[id=mail-editor-reference-message-container]", "hr#stopSpelling",
                "div[style*=border-top:solid #E1E1E1]", "div[style*=border-top: solid #E1E1E1]", "div[style*=border-top:solid #B5C4DF]")) {
            for (Element element : document.select(marker)) {
                removeWithFollowing(element);
                cut = true;
            }
        }
        for (Element signature : document.select("div.gmail_signature, div.moz-signature, .signature")) {
            signature.remove();
            cut = true;
        }
        if (!cut || document.body().text().isBlank() && document.body().select("img").isEmpty()) {
            return html;
        }
        return document.body().html();
    }

    /** The element and what comes after it at its level and every level above (the rest of the mail is history). */
    private static void removeWithFollowing(Element element) {
        if (element.parent() == null) {
            return; // removed with an earlier marker
        }
        Node node = element;
        while (node != null && !(node instanceof Element e && e.tagName().equals("body"))) {
            Node next = node.nextSibling();
            while (next != null) {
                Node after = next.nextSibling();
                next.remove();
                next = after;
            }
            node = node.parent();
        }
        element.remove();
    }
}
