package org.relaydesk.core.ticket;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers a stored file is sent with, wherever it is downloaded (ticket attachments, knowledge-base
 * files): shown in the browser only when the caller says so, its name encoded (RFC 6266), never sniffed
 * for another type, and sandboxed so that a file can run nothing in the site's origin.
 */
public final class DownloadHeaders {
    private DownloadHeaders() {
    }

    public static Map<String, String> of(String fileName, boolean inline) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Disposition", (inline ? "inline" : "attachment") + "; filename*=UTF-8''"
                + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"));
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Content-Security-Policy", "default-src 'none'; sandbox");
        return headers;
    }
}
