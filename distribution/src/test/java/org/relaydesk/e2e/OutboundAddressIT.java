package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relaydesk.e2e.Await.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With the operator's default (relaydesk.outbound.allow-private-networks off), an admin cannot make
 * the server connect to loopback, private or link-local addresses: not with a mailbox, not through a
 * plugin's HTTP calls; and what the admin reads does not tell an open port from a closed one. On the desk the
 * attacking classes share ({@link RelaydeskProcess#guardedDesk()}).
 */
class OutboundAddressIT {
    private static final String NOT_ALLOWED = "This address is not allowed";
    private static RelaydeskProcess relaydesk;
    private static Api admin;

    @BeforeAll
    static void start() throws Exception {
        relaydesk = RelaydeskProcess.guardedDesk(); // the operator's default: private networks not allowed
        admin = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD));
    }


    private static String mailbox(String name, String host, int port) throws Exception {
        Api.Reply created = admin.post("/api/channel-accounts", "{\"kind\":\"email\",\"name\":\"" + name + "\",\"config\":{\"imap.host\":\"" + host
                + "\",\"imap.port\":\"" + port + "\",\"imap.security\":\"none\",\"imap.username\":\"help\",\"imap.password\":\"imap-secret-pw\","
                + "\"smtp.host\":\"" + host + "\",\"smtp.port\":\"" + port + "\",\"smtp.security\":\"none\",\"from.address\":\"help@desk.test\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().getString("id");
    }

    private static String lastError(String account) throws Exception {
        return await(() -> {
            JsonObject shown = admin.get("/api/channel-accounts/" + account).json();
            return shown.isNull("last_error") ? null : shown.getString("last_error");
        }, "the account's error");
    }

    @Test
    void aMailboxOnLoopbackOrTheMetadataAddressIsNeverContactedAndTheAdminReadsOnlyThatItIsNotAllowed() throws Exception {
        assertThat(admin.put("/api/plugins/channel-email", "{\"enabled\":true}").status()).isEqualTo(200);
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            int port = listener.getLocalPort();
            String loopback = mailbox("Loopback mailbox", "127.0.0.1", port);
            String named = mailbox("Localhost mailbox", "localhost", port);
            String metadata = mailbox("Metadata mailbox", "169.254.169.254", 80);
            String unknown = mailbox("Unknown mailbox", "mail.invalid", 993);
            assertThat(lastError(loopback)).isEqualTo(NOT_ALLOWED);
            assertThat(lastError(named)).isEqualTo(NOT_ALLOWED);
            assertThat(lastError(metadata)).isEqualTo(NOT_ALLOWED);
            assertThat(lastError(unknown)).as("no name, no port, no exception text").isEqualTo("Could not connect to the server");
            assertThat(admin.get("/api/channel-accounts/" + loopback).json().getString("status")).isEqualTo("error");
            listener.setSoTimeout(500);
            assertThatThrownBy(listener::accept).as("nothing connected to the local port").isInstanceOf(SocketTimeoutException.class);
            for (String account : List.of(loopback, named, metadata, unknown)) {
                admin.delete("/api/channel-accounts/" + account);
            }
        } finally {
            admin.put("/api/plugins/channel-email", "{\"enabled\":false}");
        }
    }

    @Test
    void aPluginsHttpCallsToLoopbackLinkLocalOrANameForLoopbackAreRefusedWithOneMessage() throws Exception {
        Path results = Files.createTempFile("http-probe", ".txt");
        String port = String.valueOf(relaydesk.port);
        List<String> urls = List.of("http://127.0.0.1:" + port + "/health/live", "http://localhost:" + port + "/health/live",
                "http://[::1]:" + port + "/health/live", "http://2130706433:" + port + "/health/live", "http://169.254.169.254/latest/meta-data/",
                "http://10.255.255.1:6379/", "http://127.0.0.1:1/");
        try {
            assertThat(admin.post("/api/plugins", ExamplePlugins.httpProbe(urls, results), "application/java-archive").status()).isEqualTo(201);
            assertThat(admin.put("/api/plugins/http-probe", "{\"enabled\":true}").status()).isEqualTo(200);
            String probed = await(() -> {
                String text = Files.readString(results);
                return text.contains("resolve localhost") ? text : null;
            }, "the plugin's report");
            for (String url : urls) {
                assertThat(probed).contains(url + " -> failed: " + NOT_ALLOWED + "\n");
            }
            assertThat(probed).contains("resolve localhost -> " + NOT_ALLOWED).doesNotContain("status ").doesNotContain("caused by")
                    .doesNotContain("refused").doesNotContain("timed out");
        } finally {
            admin.delete("/api/plugins/http-probe");
            Files.deleteIfExists(results);
        }
    }

    @Test
    void aWebhookCannotPointAtLoopbackPrivateOrMetadataAddressesNorUsePlainHttp() throws Exception {
        int before = admin.get("/api/webhooks").json().getJsonArray("webhooks").size();
        String port = String.valueOf(relaydesk.port);
        for (String url : List.of("https://127.0.0.1:" + port + "/api/tickets", "https://localhost:" + port + "/", "https://[::1]/",
                "https://2130706433/", "https://0x7f.0.0.1/", "https://[::ffff:127.0.0.1]/", "https://169.254.169.254/latest/meta-data/",
                "https://10.0.0.8/", "https://192.168.1.1/", "https://100.64.0.1/", "https://[fd00::1]/", "https://0.0.0.0/",
                "http://hooks.example.com/plain")) {
            Api.Reply refused = admin.post("/api/webhooks", "{\"url\":\"" + url + "\",\"events\":[\"ticket.created\"]}");
            assertThat(refused.status()).as(url).isEqualTo(400);
            assertThat(refused.body()).as(url).contains("url");
        }
        assertThat(admin.get("/api/webhooks").json().getJsonArray("webhooks")).as("none made").hasSize(before);
    }
}
