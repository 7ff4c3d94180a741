package org.relaydesk.core.ticket;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.relaydesk.core.persistence.WorkspaceOwned;

/** A file on a ticket, tied to the message it came with once that message exists. */
@Entity
@Table(name = "attachments")
public class Attachment extends WorkspaceOwned {
    @Column(name = "ticket_id", nullable = false)
    private UUID ticketId;

    @Column(name = "message_id")
    private UUID messageId;

    @Column(name = "file_name", nullable = false)
    private String fileName;

    /** As recognised from the bytes, not as the uploader claimed. */
    @Column(name = "content_type", nullable = false)
    private String contentType;

    @Column(name = "size_bytes", nullable = false)
    private long size;

    @Column(nullable = false)
    private String sha256;

    /** Read only when the file itself is downloaded. */
    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    private byte[] content;

    @Column(name = "uploaded_by")
    private UUID uploadedBy;

    @Column(name = "on_description", nullable = false)
    private boolean onDescription;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected Attachment() {
    }

    Attachment(UUID ticketId, String fileName, String contentType, byte[] content, String sha256, UUID uploadedBy) {
        this.ticketId = ticketId;
        this.fileName = fileName;
        this.contentType = contentType;
        this.content = content.clone();
        this.size = content.length;
        this.sha256 = sha256;
        this.uploadedBy = uploadedBy;
    }

    /** A file that came with the ticket itself (the new-ticket form), shown with its description. */
    static Attachment onDescription(UUID ticketId, AttachmentService.CheckedFile file, UUID uploadedBy) {
        Attachment attachment = new Attachment(ticketId, file.name(), file.type(), file.content(), file.sha256(), uploadedBy);
        attachment.onDescription = true;
        return attachment;
    }

    void attachTo(UUID message) {
        this.messageId = message;
    }

    public UUID ticketId() {
        return ticketId;
    }

    public UUID messageId() {
        return messageId;
    }

    public String fileName() {
        return fileName;
    }

    public String contentType() {
        return contentType;
    }

    public long size() {
        return size;
    }

    public byte[] content() {
        return content.clone();
    }

    public String sha256() {
        return sha256;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** Pictures that may show in the browser; every other file is downloaded. */
    private static final java.util.Set<String> INLINE = java.util.Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

    /**
     * The headers every download of a file carries, from the panel or the API: inline only for
     * pictures, and nothing is ever run as a page (nosniff, a sandboxing CSP); never cached by proxies.
     */
    public java.util.Map<String, String> downloadHeaders() {
        java.util.Map<String, String> headers = DownloadHeaders.of(fileName, INLINE.contains(contentType));
        headers.put("Cache-Control", "private, no-store");
        return headers;
    }

    public boolean isOnDescription() {
        return onDescription;
    }

    // Bean-style accessors for the panels (EL).
    public String getFileName() {
        return fileName;
    }

    public String getIdText() {
        return id().toString();
    }

    public long getSize() {
        return size;
    }
}
