package org.relaydesk.plugin.email;

import java.util.List;
import java.util.regex.Matcher;
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
    /**
     * The lines that begin the quoted history, each matched from the start of a line (after its
     * indentation) over at most {@link #WINDOW} characters: a pattern never runs over the whole text
     * (patterns starting with ^\\s* in MULTILINE mode did: quadratic time on many blank lines).
     */
    private static final List<Pattern> QUOTE_HEADERS = List.of(
            // Gmail, Thunderbird, Apple Mail: "On Tue, 3 Mar 2026 at 10:02, Ann <ann@example.com> wrote:" (often wrapped)
            Pattern.compile("On\\b.{0,300}?\\bwrote:[ \\t]*(\\n|$)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL),
            Pattern.compile("Am\\b.{0,300}?\\bschrieb\\b.{0,200}?:[ \\t]*(\\n|$)", Pattern.DOTALL),
            Pattern.compile("Le\\b.{0,300}?\\ba [ée]crit[ \\t]*:[ \\t]*(\\n|$)", Pattern.DOTALL),
            Pattern.compile("El\\b.{0,300}?\\bescribi[óo][ \\t]*:[ \\t]*(\\n|$)", Pattern.DOTALL),
            Pattern.compile("-{2,}[ \\t]*(Original Message|Urspr[üu]ngliche Nachricht|Message d'origine|Mensaje original)[ \\t]*-{2,}[ \\t]*(\\n|$)",
                    Pattern.CASE_INSENSITIVE),
            // Outlook: a rule, then From:/Sent: (or Von:/Gesendet:) lines
            Pattern.compile("(_{20,}[ \\t]*\\n[ \\t]*)?(From|Von|De)[ \\t]*:[^\\n]{0,500}\\n[ \\t]*(Sent|Date|Gesendet|Datum|Envoy[ée])[ \\t]*:"));
    /** How far from a line's start a quote header is looked for. */
    private static final int WINDOW = 1200;
    /** How far into the text the quote header is looked for: the customer's new text comes first and is not this long. */
    private static final int SEARCHED = 256 * 1024;
    private static final Pattern SIGNATURE = Pattern.compile("^-- ?$|^(Sent from my|Von meinem|Envoy[ée] de mon|Get Outlook for)\\b.*$",
            Pattern.MULTILINE);

    private ReplyTrimmer() {
    }

    /** The reply's own text. Linear in the text's length, whatever the text. */
    static String text(String text) {
        if (text == null || text.isBlank()) {
            return text;
        }
        String trimmed = text.replace("\r\n", "\n");
        trimmed = trimmed.substring(0, quoteHeader(trimmed));
        trimmed = trimmed.substring(0, quotedTail(trimmed));
        var signature = SIGNATURE.matcher(trimmed);
        if (signature.find()) {
            trimmed = trimmed.substring(0, signature.start());
        }
        trimmed = trimmed.strip();
        return trimmed.isEmpty() ? text.strip() : trimmed;
    }

    /** Where the first line that begins a quoted history starts, or the text's length. */
    private static int quoteHeader(String text) {
        int end = Math.min(text.length(), SEARCHED);
        int line = 0;
        while (line < end) {
            int next = text.indexOf('\n', line);
            next = next < 0 ? text.length() : next;
            int start = line;
            while (start < next && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
                start++;
            }
            if (start < next) {
                for (Pattern header : QUOTE_HEADERS) {
                    Matcher matcher = header.matcher(text).region(start, Math.min(text.length(), start + WINDOW)).useAnchoringBounds(false)
                            .useTransparentBounds(true);
                    if (matcher.lookingAt()) {
                        return line;
                    }
                }
            }
            line = next + 1;
        }
        return text.length();
    }

    /** Where the block of "> " lines (and blank lines among them) that ends the text begins, or the text's length. */
    private static int quotedTail(String text) {
        int end = text.length();
        int cut = text.length();
        while (end > 0) {
            int start = text.lastIndexOf('\n', end - 1) + 1;
            if (start == 0) {
                break; // the first line is never a quote of an earlier message
            }
            String line = text.substring(start, end).strip();
            if (line.startsWith(">")) {
                cut = start - 1;
            } else if (!line.isEmpty()) {
                break;
            }
            end = start - 1;
        }
        return cut;
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
