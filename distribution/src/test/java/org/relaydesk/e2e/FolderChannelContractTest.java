package org.relaydesk.e2e;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.relaydesk.api.channel.ChannelAccount;
import org.relaydesk.api.channel.ChannelConnectorFactory;
import org.relaydesk.testkit.ChannelContract;

/** The testkit's channel contract, run on the drop-folder plugin the end-to-end tests install, loaded from its jar. */
class FolderChannelContractTest extends ChannelContract {
    private Path folder;
    private Path sent;
    private Path jar;
    private URLClassLoader loader;

    @BeforeEach
    void setUp() throws Exception {
        folder = Files.createTempDirectory("contract-in");
        sent = Files.createTempDirectory("contract-sent");
        jar = Files.createTempFile("channel-folder", ".jar");
        Files.write(jar, ExamplePlugins.channelFolder());
        loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ChannelConnectorFactory.class.getClassLoader());
    }

    @AfterEach
    void tearDown() throws Exception {
        loader.close();
        for (Path dir : new Path[] {folder, sent}) {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
        Files.delete(jar);
    }

    @Override
    protected ChannelConnectorFactory factory() {
        // the plugin's own factory: the test class path also holds the shipped plugins, whose services the loader's parent sees
        return ServiceLoader.load(ChannelConnectorFactory.class, loader).stream().filter(p -> p.type().getClassLoader() == loader)
                .map(ServiceLoader.Provider::get).findFirst().orElseThrow();
    }

    @Override
    protected ChannelAccount account() {
        return new ChannelAccount(UUID.randomUUID(), "folder", "Contract folder", Map.of("folder.path", folder.toString(), "access.token", "s3cret-token",
                "poll.seconds", "1", "sent.path", sent.toString()));
    }

    @Override
    protected void arrive(String externalId, String from, String subject, String text) throws Exception {
        Files.writeString(folder.resolve(UUID.randomUUID() + ".msg"), "Id: " + externalId + "\nFrom: " + from + "\nSubject: " + subject + "\n\n" + text);
    }
}
