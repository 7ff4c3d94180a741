package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * start-dev on the embedded database: demo data, the login page, stop, restart with the data kept;
 * reachable from this machine only, and its database closed to other local users.
 */
class StartDevIT {
    /** Another local user knows the port (it is in no secret place) but not the password. */
    private static void theEmbeddedDatabaseAsksForItsPassword(Path data) throws Exception {
        Path passwordFile = data.resolve("postgres.password");
        assertThat(Files.getPosixFilePermissions(passwordFile)).as("owner-only")
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        int port = Integer.parseInt(Files.readString(data.resolve("postgres.port")).trim());
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/relaydesk";
        assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "postgres")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(url, "relaydesk", "")).isInstanceOf(SQLException.class);
        try (Connection connection = DriverManager.getConnection(url, "postgres", Files.readString(passwordFile).trim());
                ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM tickets")) {
            assertThat(rows.next()).isTrue();
        }
    }

    /** Connecting to one of this machine's network addresses (not loopback) is refused. */
    private static void theHttpPortIsClosedToOtherMachines(int port) throws Exception {
        List<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(NetworkInterface::inetAddresses).filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()).toList();
        Assumptions.assumeFalse(external.isEmpty(), "this machine has no network address besides loopback");
        for (InetAddress address : external) {
            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, port), 2000);
                }
            }).as("port %d on %s", port, address).isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void startDevServesDemoDataAndKeepsItAcrossRestarts() throws Exception {
        try (RelaydeskProcess relaydesk = new RelaydeskProcess(RelaydeskProcess.unpack("dev"),
                Map.of("RELAYDESK_ADMIN_EMAIL", "admin@demo.test", "RELAYDESK_ADMIN_PASSWORD", "demo-admin-pw"))) {
            relaydesk.start("start-dev");
            String log = Files.readString(relaydesk.home.resolve("relaydesk-test.log"));
            assertThat(log).contains("NOT FOR PRODUCTION").contains("Admin login: admin@demo.test");
            Api admin = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), "admin@demo.test", "demo-admin-pw"));
            int demoTickets = admin.get("/api/tickets").json().getJsonObject("pagination").getInt("total");
            assertThat(demoTickets).isGreaterThanOrEqualTo(50);
            assertThat(admin.get("/api/tickets?status=resolved").json().getJsonObject("pagination").getInt("total")).isPositive();
            assertThat(admin.get("/api/tickets/canned-responses").body()).contains("thanks");
            String agentToken = Api.login(relaydesk.baseUrl(), "alice@demo.test", "demo-password-1");
            assertThat(agentToken).isNotBlank();

            // plugins run with the server's rights: uploads are off unless the operator turns them on
            Api.Reply upload = admin.post("/api/plugins", ExamplePlugins.actionExample(), "application/java-archive");
            assertThat(upload.status()).as(upload.body()).isEqualTo(403);
            assertThat(upload.contentType()).startsWith("application/problem+json");
            assertThat(upload.body()).contains("relaydesk.plugins.upload-enabled");
            assertThat(admin.get("/api/plugins").body()).doesNotContain("action-example");
            // the first admin's password is handed over once, and left neither on disk nor in the server's environment
            assertThat(relaydesk.home.resolve("data/first-admin.properties")).doesNotExist();
            assertThat(relaydesk.serverEnvironment()).contains("RELAYDESK_DB_URL=").doesNotContain("demo-admin-pw")
                    .doesNotContain("RELAYDESK_ADMIN_PASSWORD");

            Api.Reply loginPage = new Api(relaydesk.baseUrl(), null).get("/login");
            assertThat(loginPage.status()).isEqualTo(200);
            assertThat(loginPage.body()).contains("<form", "type=\"email\"", "type=\"password\"", "Sign in");

            assertThat(loginPage.raw().headers().firstValue("Server")).as("no server banner").isEmpty();
            assertThat(loginPage.raw().headers().firstValue("X-Powered-By")).isEmpty();
            theEmbeddedDatabaseAsksForItsPassword(relaydesk.home.resolve("data"));
            theHttpPortIsClosedToOtherMachines(relaydesk.port);

            assertThat(relaydesk.command("status")).isZero();
            assertThat(relaydesk.command("stop")).isZero();
            assertThat(relaydesk.command("status")).isEqualTo(3);

            relaydesk.start("start-dev");
            Api again = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), "admin@demo.test", "demo-admin-pw"));
            assertThat(again.get("/api/tickets").json().getJsonObject("pagination").getInt("total")).isEqualTo(demoTickets);
            assertThat(relaydesk.terminate()).as("SIGTERM shuts down cleanly").isIn(0, 143);
            assertThat(relaydesk.home.resolve("data/relaydesk.pid")).as("clean shutdown removes the pid file").doesNotExist();
        }
    }
}
