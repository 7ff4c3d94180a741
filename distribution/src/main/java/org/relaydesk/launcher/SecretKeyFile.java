package org.relaydesk.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The installation's key for secrets at rest (plugin passwords and tokens): 32 random bytes,
 * base64, in conf/secret.key, readable by its owner only. Made on the first start and never
 * replaced: without it the stored secrets cannot be read, so back it up with the database.
 */
final class SecretKeyFile {
    private SecretKeyFile() {
    }

    static Path ensure(Path file) {
        if (Files.isRegularFile(file)) {
            return file;
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file); // a file system without POSIX permissions (its folder's rights apply)
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException e) {
            return file; // made meanwhile by another start
        } catch (IOException e) {
            throw new IllegalStateException("The secret key file " + file + " cannot be created: " + e.getMessage(), e);
        }
        return file;
    }
}
