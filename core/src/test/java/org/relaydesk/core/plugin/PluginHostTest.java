package org.relaydesk.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.Query;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relaydesk.api.workflow.WorkflowAction;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.testkit.PluginJarBuilder;

/**
 * The plugin host with real plugin jars (compiled here) in a real folder. The database is out of the
 * picture: which plugins are on lives in the host's registry for these tests (the plugins table is
 * covered by the end-to-end tests).
 */
class PluginHostTest {
    private static final String GATE = "relaydesk.test.plugin-gate";
    private static final String ACTION = "org.relaydesk.api.workflow.WorkflowAction";
    private static final String LIFECYCLE = "org.relaydesk.api.host.PluginLifecycle";

    @TempDir
    Path folder;

    private final PluginHost host = new PluginHost();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void startTheHost() {
        host.tenancy = new Tenancy() {
            @Override
            public Query sql(String sql) {
                return noDatabase();
            }
        };
        host.pluginsDir = Optional.of(folder.toString());
        host.callTimeoutSeconds = 120; // longer than any wait below: a reader held up by a hung plugin would show
        host.uploadEnabled = true;
        host.allowedSha256 = Optional.empty();
    }

    @AfterEach
    void stop() {
        System.getProperties().remove(GATE);
        threads.shutdownNow();
    }

    @Test
    void aPluginThatHangsWhileItStartsDelaysNoReaderOfTheRegistry() throws Exception {
        host.start();
        host.install(echo("1.0.0", "Echo 1"));
        host.setEnabled("action-echo", true, "test");
        host.install(new PluginJarBuilder("listener-hangs", "1.0.0")
                .source("fixture.Hangs", """
                        package fixture;
                        public class Hangs implements org.relaydesk.api.host.PluginLifecycle {
                            public void start(org.relaydesk.api.host.HostServices host) {
                                Object[] gate = (Object[]) System.getProperties().get("%s");
                                ((java.util.concurrent.CountDownLatch) gate[0]).countDown();
                                try {
                                    ((java.util.concurrent.CountDownLatch) gate[1]).await();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                        }
                        """.formatted(GATE))
                .service(LIFECYCLE, "fixture.Hangs").build());
        CountDownLatch inPluginCode = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        System.getProperties().put(GATE, new Object[] {inPluginCode, release});

        Future<?> enabling = threads.submit(() -> host.setEnabled("listener-hangs", true, "test"));
        assertThat(inPluginCode.await(30, TimeUnit.SECONDS)).as("the plugin's start is running").isTrue();
        try {
            Future<List<String>> reading = threads.submit(() -> {
                host.ticketListeners();
                host.inboundFilters();
                host.channelKinds();
                host.channelKind("email");
                host.health();
                host.hasSettings("action-echo");
                assertThat(host.list()).extracting(PluginHost.PluginInfo::id).contains("action-echo", "listener-hangs");
                return host.workflowActions().stream().map(WorkflowAction::label).toList();
            });
            // the plugin is still hung (release is not counted down): had the reader needed the
            // writer's lock it could not finish before the release
            assertThat(reading.get(30, TimeUnit.SECONDS)).containsExactly("Echo 1");
            assertThat(enabling.isDone()).as("the plugin is still hanging in its start").isFalse();
        } finally {
            release.countDown();
        }
        enabling.get(30, TimeUnit.SECONDS);
        assertThat(host.get("listener-hangs").enabled()).isTrue();
    }

    @Test
    void aFailedReinstallLeavesTheOldVersionWorkingAndAGoodOneReplacesIt() throws Exception {
        host.start();
        host.install(echo("1.0.0", "Echo 1"));
        host.setEnabled("action-echo", true, "test");

        assertThatThrownBy(() -> host.install(new PluginJarBuilder("action-echo", "2.0.0").source("fixture.Echo", echoSource("Echo 2"))
                .service(ACTION, "fixture.Missing").build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("fixture.Missing");
        assertThatThrownBy(() -> host.install(new PluginJarBuilder("action-echo", "2.0.0").source("fixture.Echo", echoSource("Echo 2"))
                .source("fixture.NotAnAction", "package fixture; public class NotAnAction {}").service(ACTION, "fixture.NotAnAction").build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is not one");
        assertThatThrownBy(() -> host.install(new PluginJarBuilder("action-echo", "2.0.0").source("fixture.Echo", echoSource("Echo 2")).build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("offers no extension");

        assertThat(host.workflowActions()).extracting(WorkflowAction::label).as("the old version still runs").containsExactly("Echo 1");
        assertThat(host.get("action-echo").version()).isEqualTo("1.0.0");
        assertThat(host.get("action-echo").state()).isEqualTo("started");
        assertThat(jarsInFolder()).containsExactly("action-echo-1.0.0.jar");

        PluginHost.PluginInfo replaced = host.install(echo("2.0.0", "Echo 2"));
        assertThat(replaced.version()).isEqualTo("2.0.0");
        assertThat(replaced.enabled()).as("it stays enabled").isTrue();
        assertThat(host.workflowActions()).extracting(WorkflowAction::label).containsExactly("Echo 2");
        assertThat(jarsInFolder()).as("the old jar is gone once the new one runs").containsExactly("action-echo-2.0.0.jar");

        host.install(echo("2.0.0", "Echo 2 again"));
        assertThat(host.workflowActions()).extracting(WorkflowAction::label).as("the same version again replaces its own jar").containsExactly("Echo 2 again");
        assertThat(jarsInFolder()).containsExactly("action-echo-2.0.0.jar");
    }

    @Test
    void uploadsAreRefusedUnlessTheOperatorTurnsThemOn() throws Exception {
        host.uploadEnabled = false;
        host.start();
        byte[] jar = echo("1.0.0", "Echo 1");
        assertThatThrownBy(() -> host.install(jar)).isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("relaydesk.plugins.upload-enabled").hasMessageContaining("all of the server's rights");
        assertThat(jarsInFolder()).isEmpty();
        assertThat(host.list()).isEmpty();
    }

    @Test
    void theFolderStillWorksWhenUploadsAreOff() throws Exception {
        host.uploadEnabled = false;
        Files.write(folder.resolve("action-echo-1.0.0.jar"), echo("1.0.0", "Echo 1"));
        host.start();
        assertThat(host.list()).extracting(PluginHost.PluginInfo::id).containsExactly("action-echo");
    }

    @Test
    void withAnAllowListOnlyTheListedJarsLoadFromTheFolderOrAnUpload() throws Exception {
        byte[] listed = echo("1.0.0", "Echo 1");
        byte[] unlisted = new PluginJarBuilder("action-other", "1.0.0").source("fixture.Echo", echoSource("Other"))
                .service(ACTION, "fixture.Echo").build();
        Files.write(folder.resolve("action-echo-1.0.0.jar"), listed);
        Files.write(folder.resolve("action-other-1.0.0.jar"), unlisted);
        host.allowedSha256 = Optional.of(" SHA256:" + PluginChecksums.sha256(listed).toUpperCase() + ", not-a-checksum");
        host.start();

        assertThat(host.list()).extracting(PluginHost.PluginInfo::id).as("the unlisted jar in the folder is not loaded").containsExactly("action-echo");
        assertThat(host.get("action-echo").sha256()).isEqualTo(PluginChecksums.sha256(listed));
        byte[] upgrade = echo("1.1.0", "Echo 1.1");
        assertThatThrownBy(() -> host.install(upgrade)).isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining(PluginChecksums.sha256(upgrade)).hasMessageContaining("relaydesk.plugins.allowed-sha256");
        assertThat(host.get("action-echo").version()).isEqualTo("1.0.0");
    }

    private List<String> jarsInFolder() throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static byte[] echo(String version, String label) throws Exception {
        return new PluginJarBuilder("action-echo", version).source("fixture.Echo", echoSource(label)).service(ACTION, "fixture.Echo").build();
    }

    private static String echoSource(String label) {
        return """
                package fixture;
                import java.util.List;
                import java.util.Map;
                import org.relaydesk.api.workflow.*;
                public class Echo implements WorkflowAction {
                    public String id() { return "echo"; }
                    public String label() { return "%s"; }
                    public List<ActionParameter> parameters() { return List.of(); }
                    public String run(ActionContext context, Map<String, String> arguments) { return "echoed"; }
                }
                """.formatted(label);
    }

    /** Every query finds nothing and changes a row. */
    private static Query noDatabase() {
        return (Query) Proxy.newProxyInstance(Query.class.getClassLoader(), new Class<?>[] {Query.class}, (proxy, method, args) -> switch (method.getName()) {
            case "getResultList" -> List.of();
            case "executeUpdate" -> 1;
            default -> method.getReturnType().isInstance(proxy) ? proxy : null;
        });
    }
}
