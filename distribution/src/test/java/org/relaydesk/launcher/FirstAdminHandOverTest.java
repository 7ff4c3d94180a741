package org.relaydesk.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstAdminHandOverTest {
    @TempDir
    Path home;

    @Test
    void theCredentialsGoIntoAnOwnerOnlyFileNotTheServersEnvironment() throws Exception {
        Settings settings = new Settings(home, Map.of("RELAYDESK_ADMIN_EMAIL", "root@example.test", "RELAYDESK_ADMIN_PASSWORD", "a long secret"));
        Path file = FirstAdminHandOver.prepare(settings, home.resolve("data")).orElseThrow();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Properties read = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            read.load(reader);
        }
        assertThat(read).containsEntry("email", "root@example.test").containsEntry("password", "a long secret");
        assertThat(FirstAdminHandOver.VARIABLES).as("what the launcher strips from the server's environment")
                .containsExactlyInAnyOrder(Settings.environmentName("relaydesk.admin.email"), Settings.environmentName("relaydesk.admin.password"));
    }

    @Test
    void fromTheConfFileToo() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/relaydesk.conf"), "relaydesk.admin.password=from the conf file\n");
        Path file = FirstAdminHandOver.prepare(new Settings(home, Map.of()), home.resolve("data")).orElseThrow();
        assertThat(Files.readString(file)).contains("from the conf file");
    }

    @Test
    void withoutCredentialsNoFileIsLeftAndAStaleOneIsRemoved() throws Exception {
        Path data = Files.createDirectories(home.resolve("data"));
        Files.writeString(data.resolve(FirstAdminHandOver.FILE_NAME), "password=old\n");
        assertThat(FirstAdminHandOver.prepare(new Settings(home, Map.of()), data)).isEmpty();
        assertThat(data.resolve(FirstAdminHandOver.FILE_NAME)).doesNotExist();
    }
}
