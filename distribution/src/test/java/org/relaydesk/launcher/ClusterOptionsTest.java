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
    void withoutAnAddressOfThisMachineInTheListTheOperatorMustNameTheInterface() throws Exception {
        // else the grid, which gives whoever joins it control of every node, would listen on every interface
        Settings node = settings(Map.of("RELAYDESK_CLUSTER_MEMBERS", "desk-a.internal:6900,desk-b.internal:6900"));
        assertThatThrownBy(() -> ClusterOptions.payaraArguments(node)).hasMessageContaining("relaydesk.cluster.interface");
    }

    @Test
    void settingsTheServerReadsReachItFromTheFileTooAndTheLaunchersOwnValuesStay() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/relaydesk.conf"), "relaydesk.cluster.members=10.0.0.1:6900,10.0.0.2:6900\n"
                + "relaydesk.proxy.trusted=true\nrelaydesk.secret-key-file=conf/other.key\nrelaydesk.public.reads-per-minute=7\n");
        Settings fromFile = new Settings(home, Map.of(), Map.of());
        Map<String, String> environment = new java.util.HashMap<>(Map.of("RELAYDESK_SECRET_KEY_FILE", "/opt/relaydesk/conf/other.key"));
        Launcher.passServerSettings(fromFile, environment);
        assertThat(environment).containsEntry("RELAYDESK_CLUSTER_MEMBERS", "10.0.0.1:6900,10.0.0.2:6900")
                .containsEntry("RELAYDESK_PROXY_TRUSTED", "true").containsEntry("RELAYDESK_PUBLIC_READS_PER_MINUTE", "7")
                .containsEntry("RELAYDESK_SECRET_KEY_FILE", "/opt/relaydesk/conf/other.key");
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
