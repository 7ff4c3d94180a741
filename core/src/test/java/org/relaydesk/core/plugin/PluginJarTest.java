package org.relaydesk.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.relaydesk.core.error.InvalidInputException;

class PluginJarTest {
    private static byte[] jar(Map<String, String> attributes) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.forEach((k, v) -> manifest.getMainAttributes().putValue(k, v));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            out.flush();
        }
        return bytes.toByteArray();
    }

    @Test
    void aWellFormedDescriptorIsRead() throws Exception {
        PluginJar jar = PluginJar.read(jar(Map.of("Plugin-Id", "channel-email", "Plugin-Version", "1.2.0", "Plugin-Requires", ">=1.0.0 & <2.0.0",
                "Plugin-Description", "Email in and out", "Plugin-Provider", "Relaydesk")));
        assertThat(jar).isEqualTo(new PluginJar("channel-email", "1.2.0", ">=1.0.0 & <2.0.0", "Email in and out", "Relaydesk"));
        assertThat(PluginJar.read(jar(Map.of("Plugin-Id", "ai-assist", "Plugin-Version", "0.3.1-beta.2", "Plugin-Requires", "^1.0"))).version())
                .isEqualTo("0.3.1-beta.2");
    }

    @Test
    void eachFlawIsNamed() throws Exception {
        assertThatThrownBy(() -> PluginJar.read("hello".getBytes(StandardCharsets.UTF_8))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a");
        assertThatThrownBy(() -> PluginJar.read(jar(Map.of("Plugin-Version", "1.0.0", "Plugin-Requires", ">=1.0.0"))))
                .hasMessageContaining("Plugin-Id").hasMessageContaining("none");
        assertThatThrownBy(() -> PluginJar.read(jar(Map.of("Plugin-Id", "email", "Plugin-Version", "1.0.0", "Plugin-Requires", ">=1.0.0"))))
                .as("the kind comes first").hasMessageContaining("kebab-case");
        assertThatThrownBy(() -> PluginJar.read(jar(Map.of("Plugin-Id", "Channel_Email", "Plugin-Version", "1.0.0", "Plugin-Requires", ">=1.0.0"))))
                .hasMessageContaining("kebab-case");
        assertThatThrownBy(() -> PluginJar.read(jar(Map.of("Plugin-Id", "channel-email", "Plugin-Version", "one", "Plugin-Requires", ">=1.0.0"))))
                .hasMessageContaining("semantic version");
        assertThatThrownBy(() -> PluginJar.read(jar(Map.of("Plugin-Id", "channel-email", "Plugin-Version", "1.0.0"))))
                .hasMessageContaining("Plugin-Requires");
        assertThatThrownBy(() -> PluginJar.read(jar(Map.of("Plugin-Id", "channel-email", "Plugin-Version", "1.0.0", "Plugin-Requires", ">=2.0.0"))))
                .hasMessageContaining("needs plugin API >=2.0.0").hasMessageContaining("offers " + org.relaydesk.api.PluginApi.VERSION);
    }
}
