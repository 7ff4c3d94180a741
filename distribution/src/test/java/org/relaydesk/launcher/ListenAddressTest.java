package org.relaydesk.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListenAddressTest {
    @TempDir
    Path home;

    @Test
    void startDevListensOnLoopbackUnlessOpenedAndStartOnEveryInterface() throws Exception {
        Settings settings = new Settings(home, Map.of());
        assertThat(Launcher.listen(List.of(), settings, true)).isEqualTo("127.0.0.1");
        assertThat(Launcher.listen(List.of("--port", "9090"), settings, true)).isEqualTo("127.0.0.1");
        assertThat(Launcher.listen(List.of("--listen", "0.0.0.0"), settings, true)).isEqualTo("0.0.0.0");
        assertThat(Launcher.listen(List.of("--listen=::1"), settings, true)).isEqualTo("::1");
        assertThat(Launcher.listen(List.of(), settings, false)).isEqualTo("0.0.0.0");
        assertThat(Launcher.listen(List.of(), new Settings(home, Map.of("RELAYDESK_HTTP_LISTEN", "10.0.0.5")), true)).isEqualTo("10.0.0.5");
    }

    @Test
    void anythingButAnAddressIsRefusedBeforeItReachesTheServerConfiguration() throws Exception {
        Settings settings = new Settings(home, Map.of());
        assertThatThrownBy(() -> Launcher.listen(List.of("--listen", "all"), settings, true)).hasMessageContaining("IP address");
        assertThatThrownBy(() -> Launcher.listen(List.of("--listen", "127.0.0.1\nset configs.x=y"), settings, true))
                .as("a second asadmin command smuggled in").isInstanceOf(IllegalArgumentException.class);
        assertThat(Launcher.prebootCommands("127.0.0.1", false)).contains("http-listener.address=127.0.0.1\n", "server-header=false", "cookie-same-site-value=Lax")
                .doesNotContain("scheme-mapping");
        assertThat(Launcher.prebootCommands("127.0.0.1", true)).contains("scheme-mapping=X-Forwarded-Proto\n");
    }
}
