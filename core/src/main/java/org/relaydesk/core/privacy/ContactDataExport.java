package org.relaydesk.core.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.relaydesk.core.audit.AuditAction;
import org.relaydesk.core.audit.Audited;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.text.Jsonp;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.Role;

/**
 * Everything the workspace holds about one contact, as a ZIP archive a person or a program can read
 * (GDPR articles 15 and 20): the contact and their identities, their portal account, each ticket they
 * asked with its messages, files and ratings, and their own messages on other tickets. For an admin
 * the archive includes internal notes and custom fields, marked as such (the admin decides what to
 * hand over); for the customer themselves, what their portal shows them. A manifest lists every file
 * with its SHA-256. Written to a temporary file (attachments can be large), never held in memory.
 */
@ApplicationScoped
public class ContactDataExport {
    /** Who the archive is for: staff see internal notes and custom fields, the customer what the portal shows. */
    public enum Audience {
        STAFF, CUSTOMER
    }

    /** The archive, to be sent and then deleted by the caller. */
    public record Archive(Path file, String fileName, int tickets, int files) {
        public void delete() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }

    @Inject
    Tenancy tenancy;

    @Inject
    Event<Audited> audit;

    @Inject
    org.relaydesk.core.user.RateLimits limits;

    /** An archive is work for the server: a customer gets five an hour, an admin sixty. */
    private org.relaydesk.core.user.RateLimiter customerExports;
    private org.relaydesk.core.user.RateLimiter adminExports;

    @jakarta.annotation.PostConstruct
    void createLimits() {
        customerExports = limits.limiter("contact-export.customer", 5, java.time.Duration.ofHours(1),
                "You downloaded your data several times in the last hour; try again later");
        adminExports = limits.limiter("contact-export.admin", 60, java.time.Duration.ofHours(1), "Too many exports in the last hour; try again later");
    }

    Clock clock = Clock.systemUTC();

    /** For an admin of the contact's workspace; recorded in the audit log. */
    @Transactional
    public Archive forAdmin(AuthenticatedUser admin, UUID contactId) {
        if (!admin.may(Role.ADMIN)) {
            throw new PermissionDeniedException("Only admins can export a contact's data");
        }
        adminExports.acquire(admin.id().toString());
        Archive archive = write(admin.workspaceId(), contactId, Audience.STAFF);
        return recorded(archive, Audited.of(admin.workspaceId(), AuditAction.CONTACT_EXPORTED, "contact", contactId, null)
                .changed(null, archive.tickets() + " tickets, " + archive.files() + " files, internal notes included"));
    }

    /** For the customer themselves (the portal's signed-in contact); recorded in the audit log. */
    @Transactional
    public Archive forCustomer(UUID workspaceId, UUID contactId) {
        customerExports.acquire(contactId.toString());
        Archive archive = write(workspaceId, contactId, Audience.CUSTOMER);
        return recorded(archive, Audited.of(workspaceId, AuditAction.CONTACT_EXPORTED, "contact", contactId, null).by(null, "the customer, from the portal")
                .changed(null, archive.tickets() + " tickets, " + archive.files() + " files"));
    }

    /** Two archives at a time per node: each reads a person's whole history and writes it to disk. */
    private static final java.util.concurrent.Semaphore WRITING = new java.util.concurrent.Semaphore(2);
    private static final String TEMP_PREFIX = "relaydesk-contact-export-";

    /** The export is recorded, or it is not handed out: an archive whose record failed is deleted. */
    private Archive recorded(Archive archive, Audited event) {
        try {
            audit.fire(event);
            return archive;
        } catch (RuntimeException e) {
            archive.delete();
            throw e;
        }
    }

    private Archive write(UUID workspaceId, UUID contactId, Audience audience) {
        if (!WRITING.tryAcquire()) {
            throw new org.relaydesk.core.error.TooManyRequestsException("Other exports are being written; try again in a minute", 30);
        }
        try {
            sweepForgotten();
            return writeArchive(workspaceId, contactId, audience);
        } finally {
            WRITING.release();
        }
    }

    /** Archives a failed download or a crash left behind, an hour on: they hold a person's data. */
    private static void sweepForgotten() {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"));
        Instant hourAgo = Instant.now().minus(java.time.Duration.ofHours(1));
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            files.filter(f -> f.getFileName().toString().startsWith(TEMP_PREFIX)).forEach(f -> {
                try {
                    if (Files.getLastModifiedTime(f).toInstant().isBefore(hourAgo)) {
                        Files.deleteIfExists(f);
                    }
                } catch (IOException gone) {
                    // another node's sweep or the download's own clean-up got there first
                }
            });
        } catch (IOException unreadable) {
            // nothing to sweep
        }
    }

    private Archive writeArchive(UUID workspaceId, UUID contactId, Audience audience) {
        tenancy.actAs(workspaceId);
        ExportReader read = new ExportReader(tenancy, workspaceId, audience == Audience.STAFF, contactId);
        JsonObject contact = read.contact(contactId).orElseThrow(() -> new NotFoundException("Contact"));
        Instant now = clock.instant();
        Path file;
        try {
            file = Files.createTempFile(TEMP_PREFIX, ".zip");
        } catch (IOException e) {
            throw new UncheckedIOException("no room for a temporary file", e);
        }
        Map<String, String> checksums = new LinkedHashMap<>();
        int ticketCount = 0;
        int fileCount = 0;
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            Entries entries = new Entries(zip, checksums);
            entries.json("contact.json", contact);
            List<ExportReader.TicketRow> tickets = read.ticketsAskedBy(contactId);
            for (ExportReader.TicketRow ticket : tickets) {
                JsonObjectBuilder json = read.ticket(ticket);
                JsonArrayBuilder files = Jsonp.createArrayBuilder();
                for (ExportReader.FileRow attachment : read.files(ticket.id())) {
                    String path = "attachments/" + ticket.number() + "/" + attachment.id() + "/" + safeName(attachment.name());
                    entries.bytes(path, read.content(attachment.id()));
                    files.add(Jsonp.createObjectBuilder().add("file", path).add("name", attachment.name()).add("content_type", attachment.type())
                            .add("size_bytes", attachment.size()).add("message_id", attachment.messageId() == null ? "" : attachment.messageId().toString()));
                    fileCount++;
                }
                entries.json("tickets/" + ticket.number() + ".json", json.add("attachments", files).build());
                ticketCount++;
            }
            entries.json("messages-on-other-tickets.json", Jsonp.createObjectBuilder()
                    .add("messages", read.ownMessagesElsewhere(contactId)).build());
            entries.text("README.txt", readme(audience, now));
            JsonObjectBuilder manifest = Jsonp.createObjectBuilder().add("format", "relaydesk-contact-export/1")
                    .add("generated_at", now.toString()).add("contact_id", contactId.toString())
                    .add("audience", audience == Audience.STAFF ? "staff" : "customer").add("tickets", ticketCount).add("files", fileCount);
            JsonObjectBuilder sums = Jsonp.createObjectBuilder();
            checksums.forEach(sums::add);
            writeEntry(zip, "manifest.json", (Jsonp.createObjectBuilder(manifest.build()).add("sha256", sums).build().toString() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            deleteQuietly(file);
            throw new UncheckedIOException("could not write the export", e);
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
        return new Archive(file, "contact-" + contactId + ".zip", ticketCount, fileCount);
    }

    /** Adds entries to the archive, keeping each one's SHA-256 for the manifest. */
    private record Entries(ZipOutputStream zip, Map<String, String> checksums) {
        void json(String name, JsonValue value) throws IOException {
            bytes(name, (value.toString() + "\n").getBytes(StandardCharsets.UTF_8));
        }

        void text(String name, String text) throws IOException {
            bytes(name, text.getBytes(StandardCharsets.UTF_8));
        }

        void bytes(String name, byte[] content) throws IOException {
            checksums.put(name, writeEntry(zip, name, content));
        }
    }

    private static String writeEntry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        OutputStream digesting = new DigestOutputStream(OutputStream.nullOutputStream(), sha);
        digesting.write(content);
        zip.write(content);
        zip.closeEntry();
        return HexFormat.of().formatHex(sha.digest());
    }

    /** A file name as it may stand in a ZIP entry: no folders, no dots leading out, nothing a file system refuses. */
    static String safeName(String name) {
        String base = name == null ? "" : name.replace('\\', '/');
        // no control or direction-changing characters (an "exe.txt" shown as "txt.exe"), nothing a file system refuses
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\x00-\\x1f\\x7f:*?\"<>|\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]", "_").strip();
        base = base.replaceAll("^[.\\s]+|[.\\s]+$", "");
        if (base.length() > 150) {
            int from = base.offsetByCodePoints(0, Math.max(0, base.codePointCount(0, base.length()) - 150));
            base = base.substring(from);
        }
        return base.isEmpty() ? "file" : base;
    }

    private static String readme(Audience audience, Instant now) {
        return """
                What this help desk holds about you, exported %s.

                contact.json                    your name, addresses, phone numbers and other ways we reach you, and
                                                your portal account (never its password)
                tickets/<number>.json           each request you made: its subject and details, status and dates, every
                                                message%s, and its rating
                attachments/<number>/...        the files sent with those requests
                messages-on-other-tickets.json  messages you wrote on requests someone else made
                manifest.json                   the list of files with their SHA-256 checksums

                Dates are UTC (ISO 8601). The JSON files can be read by any program.
                """.formatted(now, audience == Audience.STAFF ? " (internal notes marked \"internal\": true; decide what to hand over)" : "");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            file.toFile().deleteOnExit();
        }
    }
}
