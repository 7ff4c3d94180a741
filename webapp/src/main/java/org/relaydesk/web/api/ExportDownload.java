package org.relaydesk.web.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.file.Files;
import org.relaydesk.core.privacy.ContactDataExport;

/** A contact's export as a download: the temporary archive streamed, then deleted whatever happens. */
final class ExportDownload {
    private ExportDownload() {
    }

    static Response of(ContactDataExport.Archive archive) {
        StreamingOutput body = out -> {
            try {
                Files.copy(archive.file(), out);
            } finally {
                archive.delete();
            }
        };
        return Response.ok(body, "application/zip").header("Content-Disposition", "attachment; filename=\"" + archive.fileName() + "\"")
                .header("Cache-Control", "private, no-store").header("X-Content-Type-Options", "nosniff").build();
    }
}
