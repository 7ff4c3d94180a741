package org.relaydesk.web.panel.images;

import java.util.Locale;
import java.util.function.UnaryOperator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Keeps the remote images of a message from loading when an agent opens the ticket: a sender can
 * use them to learn who read the mail, when, and from which address (tracking pixels). Each remote
 * {@code <img>} gets a placeholder instead of its source; its address, signed for the image proxy,
 * waits in {@code data-remote-src} until the agent clicks "Load images" for that message. Inline
 * images ({@code data:}) and the desk's own files (same-origin paths) show as they are. The panels'
 * Content-Security-Policy (img-src 'self' data: blob:) refuses any remote image that got past this.
 */
public final class RemoteImages {
    /** A grey frame saying what is missing: an inline SVG, so it loads from nowhere. */
    static final String PLACEHOLDER = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='120' height='40'%3E"
            + "%3Crect width='120' height='40' fill='%23eef2f6' stroke='%23cbd2d9'/%3E%3Ctext x='60' y='25' font-size='11' "
            + "text-anchor='middle' fill='%2352606d'%3Eremote image%3C/text%3E%3C/svg%3E";

    /** The message's HTML with remote images held back, and how many there were. */
    public record Blocked(String html, int count) {
    }

    private RemoteImages() {
    }

    /** @param proxyUrl the address of the image proxy for a remote image's URL (signed) */
    public static Blocked block(String html, UnaryOperator<String> proxyUrl) {
        if (html == null || !html.toLowerCase(Locale.ROOT).contains("<img")) {
            return new Blocked(html, 0);
        }
        Document document = Jsoup.parseBodyFragment(html);
        document.outputSettings().prettyPrint(false);
        int count = 0;
        for (Element image : document.select("img[src]")) {
            String source = image.attr("src").trim();
            if (!isRemote(source)) {
                continue;
            }
            String absolute = source.startsWith("//") ? "https:" + source : source;
            image.attr("src", PLACEHOLDER);
            image.attr("data-remote-src", proxyUrl.apply(absolute));
            image.addClass("rd-remote-image");
            if (!image.hasAttr("alt")) {
                image.attr("alt", "Remote image (not loaded)");
            }
            count++;
        }
        return new Blocked(count == 0 ? html : document.body().html(), count);
    }

    /** Anything fetched from another server: http(s) and protocol-relative addresses. */
    static boolean isRemote(String source) {
        String lower = source.toLowerCase(Locale.ROOT);
        return lower.startsWith("http:") || lower.startsWith("https:") || lower.startsWith("//");
    }
}
