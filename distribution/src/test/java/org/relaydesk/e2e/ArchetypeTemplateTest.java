package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.relaydesk.api.PluginApi;
import org.relaydesk.api.workflow.WorkflowAction;
import org.relaydesk.testkit.PluginJarBuilder;

/**
 * The plugin archetype's template, filled in as `mvn archetype:generate` fills it, compiles against
 * today's plugin-api, lists its action where the host looks, and asks for an API range this
 * Relaydesk offers. (Generating and building a project from the installed archetype needs the
 * plugin-api in the local Maven repository, so that step is in the plugin guide, not here.)
 */
class ArchetypeTemplateTest {
    private static final Path TEMPLATE = Path.of("../plugins/archetype/src/main/resources/archetype-resources");

    private static String filled(Path file) throws Exception {
        return Files.readString(TEMPLATE.resolve(file)).replace("${package}", "com.example.acme").replace("${pluginId}", "action-acme");
    }

    @Test
    void theTemplatePluginBuildsAndItsActionLoads() throws Exception {
        String service = filled(Path.of("src/main/resources/META-INF/services/org.relaydesk.api.workflow.WorkflowAction")).strip();
        assertThat(service).isEqualTo("com.example.acme.TagWithPrefixAction");
        byte[] jar = new PluginJarBuilder("action-acme", "1.0.0").manifest("Plugin-Requires", ">=1.1.0 & <2.0.0")
                .source("com.example.acme.TagWithPrefixAction", filled(Path.of("src/main/java/TagWithPrefixAction.java")))
                .service("org.relaydesk.api.workflow.WorkflowAction", service).build();
        Path file = Files.createTempFile("action-acme", ".jar");
        Files.write(file, jar);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {file.toUri().toURL()}, WorkflowAction.class.getClassLoader())) {
            WorkflowAction action = ServiceLoader.load(WorkflowAction.class, loader).stream().filter(p -> p.type().getClassLoader() == loader)
                    .map(ServiceLoader.Provider::get).findFirst().orElseThrow();
            assertThat(action.id()).isEqualTo("action-acme.tag_with_prefix");
            assertThat(action.parameters()).hasSize(1);
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void theTemplatePomWritesTheDescriptorForThisApi() throws Exception {
        String pom = Files.readString(TEMPLATE.resolve("pom.xml"));
        assertThat(pom).contains("<Plugin-Id>${plugin.id}</Plugin-Id>", "<Plugin-Requires>${plugin.requires}</Plugin-Requires>",
                "<artifactId>relaydesk-plugin-api</artifactId>", "<scope>provided</scope>");
        assertThat(pom).contains("<plugin.requires>&gt;=" + PluginApi.VERSION.substring(0, PluginApi.VERSION.lastIndexOf('.')) + ".0 &amp; &lt;2.0.0");
    }
}
