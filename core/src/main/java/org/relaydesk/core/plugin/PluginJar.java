package org.relaydesk.core.plugin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import org.pf4j.DefaultVersionManager;
import org.relaydesk.api.PluginApi;
import org.relaydesk.core.error.InvalidInputException;

/**
 * A plugin jar's descriptor, read from its MANIFEST (the one source: Plugin-Id, Plugin-Version,
 * Plugin-Requires, Plugin-Description, Plugin-Provider), and the checks a jar must pass before the
 * host takes it: a kebab-case id with its kind first (channel-email), a semantic version, and an API
 * range that includes this host's plugin API.
 */
public record PluginJar(String id, String version, String requires, String description, String provider) {
    /** Kind first, then the name: channel-email, ai-assist, action-jira. */
    static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)+");
    static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");
    private static final DefaultVersionManager VERSIONS = new DefaultVersionManager();

    /** Reads and checks an uploaded jar; InvalidInputException (field "plugin") says what is wrong. */
    public static PluginJar read(byte[] bytes) {
        Manifest manifest;
        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(bytes))) {
            manifest = jar.getManifest();
            if (manifest == null && jar.getNextJarEntry() == null) {
                throw new InvalidInputException("plugin", "is not a jar file");
            }
        } catch (IOException | SecurityException e) {
            throw new InvalidInputException("plugin", "is not a readable jar file");
        }
        if (manifest == null) {
            throw new InvalidInputException("plugin", "has no MANIFEST.MF with Plugin-Id, Plugin-Version and Plugin-Requires");
        }
        return of(manifest);
    }

    static PluginJar of(Manifest manifest) {
        Attributes main = manifest.getMainAttributes();
        String id = main.getValue("Plugin-Id");
        String version = main.getValue("Plugin-Version");
        String requires = main.getValue("Plugin-Requires");
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidInputException("plugin", "Plugin-Id must be kebab-case with its kind first, e.g. channel-email (found: "
                    + (id == null ? "none" : "'" + id + "'") + ")");
        }
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new InvalidInputException("plugin", "Plugin-Version must be a semantic version such as 1.2.0 (found: "
                    + (version == null ? "none" : "'" + version + "'") + ")");
        }
        if (requires == null || requires.isBlank()) {
            throw new InvalidInputException("plugin", "Plugin-Requires must state the plugin API range it needs, e.g. >=1.0.0 & <2.0.0");
        }
        boolean supported;
        try {
            supported = VERSIONS.checkVersionConstraint(PluginApi.VERSION, requires);
        } catch (RuntimeException e) {
            throw new InvalidInputException("plugin", "Plugin-Requires '" + requires + "' is not a version range");
        }
        if (!supported) {
            throw new InvalidInputException("plugin", id + " needs plugin API " + requires + "; this Relaydesk offers " + PluginApi.VERSION);
        }
        return new PluginJar(id, version, requires, main.getValue("Plugin-Description"), main.getValue("Plugin-Provider"));
    }
}
