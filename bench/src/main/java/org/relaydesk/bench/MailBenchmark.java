package org.relaydesk.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.relaydesk.api.channel.RawMessage;
import org.relaydesk.plugin.email.EmailChannel;

/**
 * The {@code mail} command: how fast the email channel reads mail, and how soon a mail is a ticket.
 * <ol>
 * <li>In-process: the plugin's parser over every message of the corpus (test resources of the
 * email plugin), after a warm-up, in messages and megabytes per second.</li>
 * <li>Against a running server (with {@code --base-url}): a GreenMail IMAP server in this process,
 * a mailbox account on the server pointing at it, then {@code --messages} mails put into the
 * mailbox with IMAP APPEND one after the other; for each, the time until the API lists the ticket
 * the account filed it into (p50, p95).</li>
 * </ol>
 */
final class MailBenchmark {
    static final Set<String> OPTIONS = Seeder.union(ApiClient.OPTIONS, Set.of("corpus", "passes", "messages"));

    private MailBenchmark() {
    }

    static void run(Options options) throws Exception {
        parsing(Path.of(options.text("corpus", "plugins/channel-email/src/test/resources/corpus")), options.integer("passes", 20));
        if (options.has("base-url")) {
            arrival(ApiClient.signIn(options), options.integer("messages", 50));
        }
    }

    private static void parsing(Path corpus, int passes) throws Exception {
        List<byte[]> messages = new ArrayList<>();
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".md") && !name.endsWith(".txt") && !name.startsWith("LICENSE")) {
                    messages.add(Files.readAllBytes(file));
                }
            }
        }
        long bytes = messages.stream().mapToLong(m -> m.length).sum();
        EmailChannel channel = new EmailChannel();
        for (int i = 0; i < 5; i++) { // warm-up: let the JIT compile the parser
            parseAll(channel, messages);
        }
        long started = System.nanoTime();
        for (int i = 0; i < passes; i++) {
            parseAll(channel, messages);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("parsing: %d messages (%.1f MB) x %d passes in %.2f s: %.0f messages/s, %.1f MB/s%n", messages.size(), bytes / 1e6, passes,
                seconds, messages.size() * passes / seconds, bytes * passes / 1e6 / seconds);
    }

    private static void parseAll(EmailChannel channel, List<byte[]> messages) throws Exception {
        for (byte[] raw : messages) {
            channel.parse(new RawMessage("bench", "message/rfc822", raw, null));
        }
    }

    private static void arrival(ApiClient api, int count) throws Exception {
        int smtp = freePort();
        int imap = freePort();
        GreenMail mail = new GreenMail(new ServerSetup[] {new ServerSetup(smtp, "127.0.0.1", "smtp"), new ServerSetup(imap, "127.0.0.1", "imap")});
        mail.start();
        String account = null;
        try {
            mail.setUser("bench-mailbox@bench.test", "bench", "bench-pw");
            api.put("/api/plugins/channel-email", Json.createObjectBuilder().add("enabled", true).build());
            HttpResponse<String> created = api.post("/api/channel-accounts", Json.createObjectBuilder().add("kind", "email").add("name", "Mail benchmark")
                    .add("config", Json.createObjectBuilder().add("imap.host", "127.0.0.1").add("imap.port", String.valueOf(imap))
                            .add("imap.security", "none").add("imap.username", "bench").add("imap.password", "bench-pw")
                            .add("from.address", "bench-mailbox@bench.test")).build());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("the account was refused: " + ApiClient.excerpt(created.body()));
            }
            account = ((JsonObject) ApiClient.parse(created.body())).getString("id");
            Histogram latency = new Histogram(3);
            try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
                store.connect("127.0.0.1", imap, "bench", "bench-pw");
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                for (int i = 0; i < count + 5; i++) {
                    String id = "bench-" + System.nanoTime() + "@bench.test";
                    long started = System.nanoTime();
                    inbox.appendMessages(new jakarta.mail.Message[] {message(id, i)});
                    waitForTicket(api, account, id);
                    if (i >= 5) { // the first few warm the connection up
                        latency.recordValue((System.nanoTime() - started) / 1_000_000);
                    }
                }
            }
            System.out.printf("IMAP APPEND to ticket visible in the API (%d mails, one at a time): p50 %d ms, p95 %d ms, max %d ms%n",
                    latency.getTotalCount(), latency.getValueAtPercentile(50), latency.getValueAtPercentile(95), latency.getMaxValue());
        } finally {
            if (account != null) {
                api.delete("/api/channel-accounts/" + account);
            }
            mail.stop();
        }
    }

    private static void waitForTicket(ApiClient api, String account, String id) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            var listed = ApiClient.list(api.getJson("/api/channel-accounts/" + account + "/messages?status=done"), "messages");
            for (int i = 0; i < listed.size(); i++) {
                JsonObject entry = listed.getJsonObject(i);
                if (entry.getString("external_id").equals(id) && !entry.isNull("ticket_id")
                        && api.get("/api/tickets/" + entry.getString("ticket_id")).statusCode() == 200) {
                    return;
                }
            }
            Thread.sleep(20); // polling the API as a client would
        }
        throw new IllegalStateException("no ticket for " + id + " within 60 s");
    }

    private static MimeMessage message(String id, int n) throws Exception {
        String raw = "Message-ID: <" + id + ">\r\nFrom: customer" + n + "@bench.test\r\nTo: bench-mailbox@bench.test\r\nSubject: Mail benchmark " + n
                + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nThe parcel " + n + " has not arrived yet.\r\n";
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        message.setFlag(Flags.Flag.SEEN, false);
        return message;
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
