package org.relaydesk.web.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstAdminCredentialsTest {
    @TempDir
    Path data;

    @AfterEach
    void clear() {
        System.clearProperty(FirstAdminCredentials.EMAIL);
        System.clearProperty(FirstAdminCredentials.PASSWORD);
    }

    @Test
    void theHandOverFileIsReadOnceAndDeletedBeforeAnyPluginCouldReadIt() throws Exception {
        Path file = Files.writeString(data.resolve("first-admin.properties"), "email=root@example.test\npassword=a long secret\n");
        FirstAdminCredentials taken = FirstAdminCredentials.take(Optional.of(file), key -> Optional.empty());

        assertThat(taken.email()).contains("root@example.test");
        assertThat(taken.password()).contains("a long secret");
        assertThat(file).doesNotExist();
        assertThat(taken.toString()).doesNotContain("a long secret");
        assertThat(FirstAdminCredentials.take(Optional.of(file), key -> Optional.empty()).password()).as("a second start finds nothing").isEmpty();
    }

    @Test
    void systemPropertiesGivenByHandAreClearedOnceTaken() {
        System.setProperty(FirstAdminCredentials.EMAIL, "root@example.test");
        System.setProperty(FirstAdminCredentials.PASSWORD, "typed on the command line");
        FirstAdminCredentials taken = FirstAdminCredentials.take(Optional.empty(), key -> Optional.ofNullable(System.getProperty(key)));

        assertThat(taken.password()).contains("typed on the command line");
        assertThat(System.getProperty(FirstAdminCredentials.PASSWORD)).isNull();
        assertThat(System.getProperty(FirstAdminCredentials.EMAIL)).isNull();
    }
}
