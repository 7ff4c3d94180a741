package org.relaydesk.core.kb;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.core.ticket.DownloadHeaders;

/** A file of an article (a picture, a PDF, …): what lists show; the bytes come with {@link Download}. */
public record KbFile(UUID id, UUID articleId, String fileName, String contentType, long size, String sha256, Instant createdAt) {
    /** Types a browser may show in the page; everything else is downloaded. */
    private static final Set<String> INLINE = Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf");

    /** The size for people: bytes, KB or MB. */
    public String sizeLabel() {
        return size < 1024 ? size + " bytes" : size < 1024 * 1024 ? (size + 512) / 1024 + " KB"
                : String.format(java.util.Locale.ROOT, "%.1f MB", size / (1024.0 * 1024.0));
    }

    public boolean isImage() {
        return contentType.startsWith("image/") && INLINE.contains(contentType);
    }

    /** A file with its bytes, for sending. */
    public record Download(KbFile file, byte[] content) {
        /** The response headers: shown inline only for pictures and PDFs (see {@link DownloadHeaders}). */
        public Map<String, String> headers() {
            return DownloadHeaders.of(file.fileName(), INLINE.contains(file.contentType()));
        }
    }
}
