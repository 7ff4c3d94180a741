package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** start-dev on the embedded database: demo data, the login page, stop, restart with the data kept. */
class StartDevIT {
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
