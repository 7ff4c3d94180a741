package org.relaydesk.launcher;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Hands the first admin's email and password (relaydesk.admin.email / .password, from the
 * environment or conf/relaydesk.conf) to the server in a file only its owner can read, which the
 * server reads once and deletes before any plugin starts. Never through the server's environment:
 * plugins run inside the server with all its rights, and a process's environment cannot be cleared
 * from Java, so a password there stays readable by every plugin for as long as the server runs.
 */
final class FirstAdminHandOver {
    /** The server's setting (relaydesk.admin.credentials-file) naming the file. */
    static final String FILE_VARIABLE = "RELAYDESK_ADMIN_CREDENTIALS_FILE";
    /** Kept out of the server's environment, even when the launcher itself was started with them. */
    static final List<String> VARIABLES = List.of("RELAYDESK_ADMIN_EMAIL", "RELAYDESK_ADMIN_PASSWORD");
    static final String FILE_NAME = "first-admin.properties";

    private FirstAdminHandOver() {
    }

    /** Writes the file when an email or password is set (removing a stale one otherwise); its path, if written. */
    static Optional<Path> prepare(Settings settings, Path data) throws IOException {
        Optional<String> email = settings.get("relaydesk.admin.email");
        Optional<String> password = settings.get("relaydesk.admin.password");
        Path file = data.resolve(FILE_NAME);
        Files.deleteIfExists(file);
        if (email.isEmpty() && password.isEmpty()) {
            return Optional.empty();
        }
        Properties credentials = new Properties();
        email.ifPresent(value -> credentials.setProperty("email", value));
        password.ifPresent(value -> credentials.setProperty("password", value));
        Files.createDirectories(data);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file); // a file system without POSIX permissions (its folder's rights apply)
        }
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            credentials.store(writer, "Relaydesk's first admin: read once and deleted by the server at start");
        }
        return Optional.of(file);
    }
}
