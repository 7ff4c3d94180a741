package org.relaydesk.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeyFileTest {
    @TempDir
    Path home;

    @Test
    void theFirstStartMakesAnOwnerOnlyKeyAndLaterStartsKeepIt() throws Exception {
        Path file = home.resolve("conf/secret.key");
        SecretKeyFile.ensure(file);
        String key = Files.readString(file).trim();
        assertThat(Base64.getDecoder().decode(key)).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        SecretKeyFile.ensure(file);
        assertThat(Files.readString(file).trim()).as("never replaced: the stored secrets depend on it").isEqualTo(key);
    }
}
