package org.relaydesk.core.ticket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.tika.Tika;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.user.Secrets;

/**
 * Files on tickets: checked on the way in (size, and a type recognised from the bytes against an
 * allow-list, so a renamed program or a page with script is refused), kept until their ticket goes.
 */
@ApplicationScoped
public class AttachmentService {
    public static final long MAX_FILE_BYTES = 10L * 1024 * 1024;
    public static final int MAX_FILES_PER_MESSAGE = 10;
    /** What people send to support: pictures, documents, spreadsheets, archives, plain text and mail. */
    static final Set<String> ALLOWED = Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "image/tiff", "image/heic",
            "application/pdf", "text/plain", "text/csv", "application/zip", "application/x-7z-compressed", "application/gzip",
            "application/x-gzip", "application/json", "application/xml", "text/xml", "message/rfc822", "application/vnd.ms-outlook",
            "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint", "application/rtf", "text/rtf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
            "application/vnd.oasis.opendocument.presentation", "application/x-tika-ooxml", "application/x-tika-msoffice",
            "audio/mpeg", "audio/wav", "audio/ogg", "video/mp4", "video/quicktime", "video/webm",
            // what phones record and messaging channels carry (WhatsApp's voice notes are Ogg Opus; its audio AAC, AMR, MP4)
            "audio/opus", "audio/vorbis", "audio/x-aac", "audio/aac", "audio/amr", "audio/mp4", "video/3gpp");
    private static final Tika TIKA = new Tika();

    @Inject
    Tenancy tenancy;

    @Inject
    TicketService tickets;

    /** A file that passed the checks: its clean name and the type read from its bytes. */
    public record CheckedFile(String name, String type, byte[] content, String sha256) {
        public String getName() {
            return name;
        }

        public long getSize() {
            return content.length;
        }
    }

    /** The checks every file passes on the way in: not empty, not too large, an allowed type by its bytes. */
    public static CheckedFile check(String fileName, byte[] content) {
        String name = cleanName(fileName);
        if (content == null || content.length == 0) {
            throw new InvalidInputException("file", name + " is empty");
        }
        if (content.length > MAX_FILE_BYTES) {
            throw new InvalidInputException("file", name + " is larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MB");
        }
        String type = detect(name, content);
        if (!ALLOWED.contains(type)) {
            throw new InvalidInputException("file", name + " is a kind of file that cannot be attached (" + type + ")");
        }
        return new CheckedFile(name, type, content, Secrets.sha256Hex(content));
    }

    /** Stores an upload on a ticket (not yet on a message) and returns it. */
    @Transactional
    public Attachment upload(UUID ticketId, String fileName, byte[] content, UUID uploadedBy) {
        tickets.get(ticketId); // exists, and the caller may see it
        CheckedFile file = check(fileName, content);
        Attachment attachment = new Attachment(ticketId, file.name(), file.type(), file.content(), file.sha256(), uploadedBy);
        tenancy.em().persist(attachment);
        return attachment;
    }

    /** Files that came with a customer's message through a channel, already checked, on that message. */
    @Transactional
    public void attachToMessage(UUID ticketId, UUID messageId, List<CheckedFile> files) {
        for (CheckedFile file : files) {
            Attachment attachment = new Attachment(ticketId, file.name(), file.type(), file.content(), file.sha256(), null);
            attachment.attachTo(messageId);
            tenancy.em().persist(attachment);
        }
    }

    /** A pending upload the agent removed before sending. */
    @Transactional
    public void discard(UUID ticketId, UUID attachmentId) {
        Attachment attachment = tenancy.em().find(Attachment.class, attachmentId);
        if (attachment != null && attachment.ticketId().equals(ticketId) && attachment.messageId() == null && !attachment.isOnDescription()) {
            tenancy.em().remove(attachment);
        }
    }

    /** The same for the API, which says what went wrong: sent files stay with their message. */
    @Transactional
    public void discardPending(UUID ticketId, UUID attachmentId) {
        Attachment attachment = ofTicket(ticketId, attachmentId);
        if (attachment.messageId() != null || attachment.isOnDescription()) {
            throw new ConflictException("The file was sent with a message and stays with it");
        }
        tenancy.em().remove(attachment);
    }

    /** One file of the given ticket (any other ticket's file is "not found"), with its content. */
    @Transactional
    public Attachment ofTicket(UUID ticketId, UUID attachmentId) {
        Attachment attachment = download(attachmentId);
        if (!attachment.ticketId().equals(ticketId)) {
            throw new NotFoundException("Attachment");
        }
        return attachment;
    }

    /** A ticket's sent files: those that came with the ticket itself, and those of each message. */
    public record TicketFiles(List<Attachment> withDescription, Map<UUID, List<Attachment>> byMessage) {
    }

    /** Every sent file of a ticket in one query (contents are not read), pending uploads left out. */
    @Transactional
    public TicketFiles filesOf(UUID ticketId) {
        tickets.get(ticketId);
        List<Attachment> sent = tenancy.em().createQuery("SELECT a FROM Attachment a WHERE a.ticketId = :t "
                        + "AND (a.messageId IS NOT NULL OR a.onDescription = TRUE) ORDER BY a.createdAt", Attachment.class)
                .setParameter("t", ticketId).getResultList();
        return new TicketFiles(sent.stream().filter(Attachment::isOnDescription).toList(), sent.stream().filter(a -> a.messageId() != null)
                .collect(Collectors.groupingBy(Attachment::messageId, java.util.LinkedHashMap::new, Collectors.toList())));
    }

    /** One file with its content, if the caller may see its ticket. */
    @Transactional
    public Attachment download(UUID attachmentId) {
        Attachment attachment = tenancy.em().find(Attachment.class, attachmentId);
        if (attachment == null) {
            throw new NotFoundException("Attachment");
        }
        tickets.get(attachment.ticketId());
        attachment.content(); // read it inside the transaction
        return attachment;
    }

    static String detect(String name, byte[] content) {
        try {
            return TIKA.detect(new ByteArrayInputStream(content), name);
        } catch (IOException e) {
            return "application/octet-stream";
        }
    }

    /** The name without any path, control characters or quotes; never empty. */
    static String cleanName(String fileName) {
        String name = fileName == null ? "" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (name.length() > 200) {
            int dot = name.lastIndexOf('.');
            String extension = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
            name = name.substring(0, 200 - extension.length()) + extension;
        }
        return name.isEmpty() ? "file" : name;
    }
}
