package org.relaydesk.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.relaydesk.api.PluginApi;

/**
 * Builds a plugin jar in a test, as a third party would: Java sources compiled against plugin-api
 * alone, the descriptor in the MANIFEST, extensions listed in META-INF/services. For testing how a
 * host (or a plugin's own packaging) treats a jar, without a separate build.
 */
public final class PluginJarBuilder {
    private final Map<String, String> manifest = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, List<String>> services = new LinkedHashMap<>();

    public PluginJarBuilder(String id, String version) {
        manifest.put("Plugin-Id", id);
        manifest.put("Plugin-Version", version);
        manifest.put("Plugin-Requires", ">=1.0.0 & <2.0.0");
        manifest.put("Plugin-Provider", "Relaydesk tests");
    }

    public PluginJarBuilder manifest(String name, String value) {
        if (value == null) {
            manifest.remove(name);
        } else {
            manifest.put(name, value);
        }
        return this;
    }

    /** A class by its full name, e.g. "example.Shout". */
    public PluginJarBuilder source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    public PluginJarBuilder service(String extensionPoint, String implementation) {
        services.computeIfAbsent(extensionPoint, k -> new ArrayList<>()).add(implementation);
        return this;
    }

    public byte[] build() throws IOException {
        Path work = Files.createTempDirectory("plugin-jar");
        try {
            Path src = work.resolve("src");
            Path classes = work.resolve("classes");
            Files.createDirectories(classes);
            List<String> arguments = new ArrayList<>(List.of("--release", "17", "-proc:none", "-classpath", pluginApiJar(), "-d", classes.toString()));
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                arguments.add(file.toString());
            }
            if (!sources.isEmpty()) {
                JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
                ByteArrayOutputStream errors = new ByteArrayOutputStream();
                if (javac.run(null, null, errors, arguments.toArray(String[]::new)) != 0) {
                    throw new IllegalStateException("the test plugin does not compile:\n" + errors.toString(StandardCharsets.UTF_8));
                }
            }
            Manifest mf = new Manifest();
            mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.forEach((k, v) -> mf.getMainAttributes().putValue(k, v));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JarOutputStream jar = new JarOutputStream(bytes, mf); Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    jar.write(Files.readAllBytes(file));
                    jar.closeEntry();
                }
                for (Map.Entry<String, List<String>> service : services.entrySet()) {
                    jar.putNextEntry(new JarEntry("META-INF/services/" + service.getKey()));
                    jar.write((String.join("\n", service.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
                    jar.closeEntry();
                }
            }
            return bytes.toByteArray();
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String pluginApiJar() {
        try {
            return Path.of(PluginApi.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
