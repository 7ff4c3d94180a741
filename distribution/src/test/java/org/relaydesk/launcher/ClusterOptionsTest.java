package org.relaydesk.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data grid's options: alone by default, named members only, bound to this node's own address, and bad values refused by name. */
class ClusterOptionsTest {
    @TempDir
    Path home;

    private Settings settings(Map<String, String> environment) throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/relaydesk.conf"), "");
        return new Settings(home, environment, Map.of());
    }

    @Test
    void aServerWithoutMembersRunsAloneAndLooksForNoPeers() throws Exception {
        Settings alone = settings(Map.of());
        assertThat(ClusterOptions.payaraArguments(alone)).containsExactly("--nocluster");
        assertThat(ClusterOptions.jvmArguments(alone)).isEmpty();
    }

    @Test
    void membersAreNamedForTcpDiscoveryAndTheGridBindsToThisNodesOwnAddressOnly() throws Exception {
        Settings node = settings(Map.of("RELAYDESK_CLUSTER_MEMBERS", " 127.0.0.1:5901, 10.254.254.254:5901 ,127.0.0.1:5902",
                "RELAYDESK_CLUSTER_PORT", "5902"));
        assertThat(ClusterOptions.payaraArguments(node)).containsExactly("--clustermode", "tcpip:127.0.0.1:5901,10.254.254.254:5901,127.0.0.1:5902",
                "--clustername", "relaydesk", "--startport", "5902", "--interfaces", "127.0.0.1");
        assertThat(ClusterOptions.jvmArguments(node)).containsExactly("-Dhazelcast.socket.bind.any=false");
    }

    @Test
    void anInterfaceTheOperatorNamesWinsAndNamesOfHostsAreKept() throws Exception {
        Settings node = settings(Map.of("RELAYDESK_CLUSTER_MEMBERS", "desk-a.internal:6900,desk-b.internal:6900",
                "RELAYDESK_CLUSTER_INTERFACE", "10.0.0.5", "RELAYDESK_CLUSTER_NAME", "helpdesk-prod"));
        assertThat(ClusterOptions.payaraArguments(node)).containsExactly("--clustermode", "tcpip:desk-a.internal:6900,desk-b.internal:6900",
                "--clustername", "helpdesk-prod", "--startport", "6900", "--interfaces", "10.0.0.5");
    }

    @Test
    void withoutAnAddressOfThisMachineInTheListTheGridChoosesItsInterface() throws Exception {
        Settings node = settings(Map.of("RELAYDESK_CLUSTER_MEMBERS", "desk-a.internal:6900,desk-b.internal:6900"));
        assertThat(ClusterOptions.payaraArguments(node)).doesNotContain("--interfaces");
        assertThat(ClusterOptions.jvmArguments(node)).isEmpty();
    }

    @Test
    void malformedValuesAreRefusedByName() throws Exception {
        assertThatThrownBy(() -> ClusterOptions.payaraArguments(settings(Map.of("RELAYDESK_CLUSTER_MEMBERS", "10.0.0.1:6900,10.0.0.2"))))
                .hasMessageContaining("'10.0.0.2' is not host:port");
        assertThatThrownBy(() -> ClusterOptions.payaraArguments(settings(Map.of("RELAYDESK_CLUSTER_MEMBERS", "10.0.0.1:70000"))))
                .hasMessageContaining("from 1 to 65535");
        assertThatThrownBy(() -> ClusterOptions.payaraArguments(settings(Map.of("RELAYDESK_CLUSTER_MEMBERS", "a:1 --deploy /tmp/x.war:2"))))
                .hasMessageContaining("is not host:port");
        assertThatThrownBy(() -> ClusterOptions.payaraArguments(settings(Map.of("RELAYDESK_CLUSTER_MEMBERS", "10.0.0.1:6900",
                "RELAYDESK_CLUSTER_NAME", "prod --nocluster")))).hasMessageContaining("relaydesk.cluster.name");
        assertThatThrownBy(() -> ClusterOptions.payaraArguments(settings(Map.of("RELAYDESK_CLUSTER_MEMBERS", "10.0.0.1:6900",
                "RELAYDESK_CLUSTER_PORT", "x")))).hasMessageContaining("from 1 to 65535");
        assertThatThrownBy(() -> ClusterOptions.payaraArguments(settings(Map.of("RELAYDESK_CLUSTER_MEMBERS", "10.0.0.1:6900",
                "RELAYDESK_CLUSTER_INTERFACE", "eth0")))).hasMessageContaining("relaydesk.cluster.interface");
    }
}
