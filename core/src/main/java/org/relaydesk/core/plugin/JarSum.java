package org.relaydesk.core.plugin;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A plugin jar's SHA-256 as the admin pages show it. Known at once for an upload and wherever the operator
 * pins plugins by checksum (the jar must be checked before it loads); otherwise worked out the first time
 * someone asks: hashing the shipped jars (the assistant's alone is tens of megabytes) on every start would
 * cost the server seconds before it is ready, for a figure only the plugins page shows.
 */
final class JarSum {
    private final Path jar;
    private volatile String value;

    private JarSum(Path jar, String value) {
        this.jar = jar;
        this.value = value;
    }

    static JarSum known(String sha256) {
        return new JarSum(null, sha256);
    }

    /** The jar loaded from {@code jar}, hashed when first asked (it stays at that path while it is installed). */
    static JarSum whenAsked(Path jar) {
        return new JarSum(jar, null);
    }

    String get() {
        String known = value;
        if (known == null) {
            synchronized (this) {
                known = value;
                if (known == null) {
                    try {
                        known = PluginChecksums.sha256(jar);
                    } catch (IOException e) {
                        return "unreadable: " + e.getMessage(); // not kept: the next reader tries again
                    }
                    value = known;
                }
            }
        }
        return known;
    }
}
