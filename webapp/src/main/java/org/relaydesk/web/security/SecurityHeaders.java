package org.relaydesk.web.security;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The security headers every answer carries, chosen by path. Panels get a Content-Security-Policy
 * whose img-src is this server only, so a remote image in a customer's mail cannot load in an
 * agent's browser (and tell the sender who read it, when and from where) even if it slipped past the
 * sanitizer; images are loaded on request through {@code /agent/remote-image}. PrimeFaces and
 * Mojarra write inline scripts and event handlers, so script-src still needs 'unsafe-inline'
 * ('unsafe-eval' for PrimeFaces' ajax updates); the status page and the API need neither.
 */
public final class SecurityHeaders {
    static final String PANEL_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
            + "frame-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'; object-src 'none'";
    /** The customer's status page: own scripts only, never framed, never sends its address on. */
    static final String STATUS_PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";
    /** The satisfaction survey: server-rendered, no script at all; its styles are inline (the workspace's colour). */
    static final String SURVEY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";
    /**
     * The public help centre: no scripts at all, its own inline style, article images from anywhere
     * over https (the sanitiser allows them), forms only to itself.
     */
    static final String HELP_POLICY = "default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' https: data:; "
            + "frame-ancestors 'self'; base-uri 'none'; form-action 'self'; object-src 'none'";
    /** JSON and files are never rendered as a page with active content. */
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

    private SecurityHeaders() {
    }

    /** The headers for a request path (without the context path). */
    public static Map<String, String> forPath(String path) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Content-Type-Options", "nosniff");
        if (path.startsWith("/api/public/channels/")) {
            // a channel plugin's own pages (a web form framed on the customer's site) set their own policy
            headers.put("Referrer-Policy", "strict-origin-when-cross-origin");
        } else if (path.startsWith("/api/") || path.equals("/api") || path.startsWith("/openapi") || path.startsWith("/graphql")) {
            headers.put("Content-Security-Policy", API_POLICY);
            headers.put("Referrer-Policy", "no-referrer");
            // answers hold customers' data and tokens: no browser or proxy keeps a copy
            headers.put("Cache-Control", "no-store");
        } else if (isPortal(path)) {
            // the customer portal: its own script and styles only, nothing inline, no framing
            headers.put("Content-Security-Policy", STATUS_PAGE_POLICY);
            headers.put("Referrer-Policy", "no-referrer");
        } else if (path.equals("/track.html") || path.startsWith("/track/") || path.equals("/track")) {
            headers.put("Content-Security-Policy", STATUS_PAGE_POLICY);
            headers.put("Referrer-Policy", "no-referrer");
        } else if (path.startsWith("/survey/") || path.equals("/survey")) {
            headers.put("Content-Security-Policy", SURVEY_POLICY);
            // the address carries the link's token: it must not travel on to the logo's or anyone's server
            headers.put("Referrer-Policy", "no-referrer");
        } else if (path.equals("/help") || path.startsWith("/help/")) {
            headers.put("Content-Security-Policy", HELP_POLICY);
            headers.put("Referrer-Policy", "strict-origin-when-cross-origin");
        } else {
            headers.put("Content-Security-Policy", PANEL_POLICY);
            headers.put("Referrer-Policy", "same-origin");
        }
        return headers;
    }

    private static boolean isPortal(String path) {
        return path.equals("/portal") || path.startsWith("/portal/") || path.startsWith("/portal-assets/") || path.equals("/register");
    }
}
