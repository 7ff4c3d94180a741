package org.relaydesk.core.kb;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A file of an article (a picture, a PDF, …): what lists show; the bytes come with {@link Download}. */
public record KbFile(UUID id, UUID articleId, String fileName, String contentType, long size, String sha256, Instant createdAt) {
    /** Types a browser may show in the page; everything else is downloaded. */
    private static final Set<String> INLINE = Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf");

    public boolean isImage() {
        return contentType.startsWith("image/") && INLINE.contains(contentType);
    }

    /** A file with its bytes, for sending. */
    public record Download(KbFile file, byte[] content) {
        /**
         * The response headers: shown inline only for pictures and PDFs, with the name encoded; never
         * sniffed for another type, and sandboxed so that a file can run nothing in the site's origin.
         */
        public Map<String, String> headers() {
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            headers.put("Content-Disposition", (INLINE.contains(file.contentType()) ? "inline" : "attachment") + "; filename*=UTF-8''"
                    + java.net.URLEncoder.encode(file.fileName(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
            headers.put("X-Content-Type-Options", "nosniff");
            headers.put("Content-Security-Policy", "default-src 'none'; sandbox");
            return headers;
        }
    }
}
