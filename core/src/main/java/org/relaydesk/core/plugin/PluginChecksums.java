package org.relaydesk.core.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The operator's optional allow-list of plugin jars by SHA-256 (relaydesk.plugins.allowed-sha256,
 * a comma-separated list). When it is set, only the jars it names load, from the plugins folder or
 * an upload: a plugin runs with all of the server's rights, so the operator may pin exactly which
 * code that is. Unset, every jar loads.
 */
final class PluginChecksums {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private final Set<String> allowed;
    private final Set<String> malformed;

    private PluginChecksums(Set<String> allowed, Set<String> malformed) {
        this.allowed = allowed;
        this.malformed = malformed;
    }

    /** From the setting; entries that are not 64 hex digits are kept aside (and never match). */
    static PluginChecksums of(Optional<String> setting) {
        if (setting.isEmpty() || setting.get().isBlank()) {
            return new PluginChecksums(null, Set.of());
        }
        Set<String> allowed = new TreeSet<>();
        Set<String> malformed = new TreeSet<>();
        for (String entry : setting.get().split("[,\\s]+")) {
            String sum = entry.trim().toLowerCase(Locale.ROOT);
            if (sum.startsWith("sha256:")) {
                sum = sum.substring("sha256:".length());
            }
            if (sum.isEmpty()) {
                continue;
            }
            (SHA256.matcher(sum).matches() ? allowed : malformed).add(sum);
        }
        return new PluginChecksums(Set.copyOf(allowed), Set.copyOf(malformed));
    }

    /** Whether the operator restricts plugins to a list. */
    boolean restricts() {
        return allowed != null;
    }

    /** Entries of the setting that are not SHA-256 checksums, to be named in the log. */
    Set<String> malformed() {
        return malformed;
    }

    boolean allows(String sha256) {
        return allowed == null || allowed.contains(sha256);
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
