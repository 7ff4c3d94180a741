package org.relaydesk.web.security;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which request paths are too ambiguous to serve. The container decodes and normalises a path before
 * it picks the servlet, so any check that reads the raw path could judge a different path than the
 * one served: "/agent/%2e%2e/admin/users" is served as "/admin/users". Rather than guess what every
 * layer makes of such a path, Relaydesk refuses it; no page, API path or link of ours needs one.
 */
public final class RequestPaths {
    /** Dot segments, empty segments, backslashes, path parameters and NUL, as sent. */
    private static final Pattern AMBIGUOUS_RAW = Pattern.compile("//|\\\\|;|(^|/)\\.\\.?(/|$)|\\x00");
    /**
     * Encoded characters that change the path's structure once decoded: dot, slash, backslash,
     * semicolon, percent (a second round of decoding) and NUL; and control characters.
     */
    private static final Pattern AMBIGUOUS_ENCODED = Pattern.compile("%(2e|2f|5c|3b|25|00)|%[01][0-9a-f]|%7f");

    private RequestPaths() {
    }

    /** True when the raw request path (without the query) must be refused. */
    public static boolean ambiguous(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return true;
        }
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return AMBIGUOUS_RAW.matcher(rawPath).find() || AMBIGUOUS_ENCODED.matcher(rawPath.toLowerCase(Locale.ROOT)).find();
    }
}
