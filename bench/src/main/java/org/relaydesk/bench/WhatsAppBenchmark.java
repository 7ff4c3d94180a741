package org.relaydesk.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.relaydesk.plugin.whatsapp.fake.FakeGraphApi;
import org.relaydesk.plugin.whatsapp.fake.MetaSignature;

/**
 * The {@code whatsapp} command: a WhatsApp number under load, against a running server.
 * <ol>
 * <li>A fake Graph API in this process, and a WhatsApp account on the server pointing at it (media
 * are really fetched from it).</li>
 * <li>Baseline, same rate, same rows: each webhook item written with one plain autocommit INSERT
 * into a copy of the inbound table: the floor of "stored durably before the 200".</li>
 * <li>Load: signed webhooks (real payload shapes from the corpus) at a fixed rate, open loop, from
 * many senders. The acknowledgement's latency is counted from the moment the request was due, so a
 * stalled server cannot hide its stall. Every {@code --probe-every}th message is a text with a
 * marker; for each, the time from sending until the API shows it (the ticket's description or a
 * comment). The inbound table tells, for every message, the time from stored to filed.</li>
 * <li>Kill (with {@code --kill-after-seconds} and {@code --home}): the server's processes are killed
 * with SIGKILL mid-run and started again ({@code bin/relaydesk start}); the load goes on. At the
 * end every acknowledged message must be stored and filed.</li>
 * </ol>
 */
final class WhatsAppBenchmark {
    static final Set<String> OPTIONS = Seeder.union(Seeder.union(ApiClient.OPTIONS, Database.OPTIONS), Set.of("rate", "seconds", "warmup-seconds",
            "senders", "corpus", "probe-every", "kill-after-seconds", "home", "baseline-seconds", "drain-seconds"));
    private static final String TOKEN = "bench-access-token";
    private static final String APP_SECRET = "bench-app-secret";
    private static final String NUMBER = "106540352242922";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    private WhatsAppBenchmark() {
    }

    static void run(Options options) throws Exception {
        int rate = options.integer("rate", 200);
        int seconds = options.integer("seconds", 60);
        int warmup = options.integer("warmup-seconds", 10);
        int senders = options.integer("senders", 2000);
        int probeEvery = options.integer("probe-every", 10);
        int killAfter = options.integer("kill-after-seconds", 0);
        if (seconds * rate > 100_000 || seconds > 300) {
            throw new UsageException("keep a run under 300 s and 100,000 messages");
        }
        Path home = options.has("home") ? Path.of(options.required("home")) : null;
        if (killAfter > 0 && home == null) {
            throw new UsageException("--kill-after-seconds needs --home (the distribution to kill and start again)");
        }
        String baseUrl = Loopback.requireLoopback(options.text("base-url", "http://127.0.0.1:8080")).toString().replaceAll("/+$", "");
        ApiClient api = ApiClient.signIn(options);
        WhatsAppPayloads payloads = new WhatsAppPayloads(Path.of(options.text("corpus", "plugins/channel-whatsapp/src/test/resources/corpus")), NUMBER);
        try (Connection db = Database.connect(options); FakeGraphApi graph = FakeGraphApi.start(TOKEN)) {
            for (String kind : WhatsAppPayloads.MEDIA) {
                graph.addMedia(WhatsAppPayloads.mediaId(kind), mime(kind), media(kind));
            }
            String account = account(api, graph);
            String webhook = baseUrl + "/api/public/channels/" + account + "/webhook";
            System.out.printf("whatsapp: %d webhooks/s for %d s (after %d s warm-up), %d senders, 1 probe in %d%s%n", rate, seconds, warmup, senders,
                    probeEvery, killAfter > 0 ? ", server killed after " + killAfter + " s" : "");
            baseline(options, db, payloads, rate, options.integer("baseline-seconds", 10));
            Load warm = new Load(account, webhook, payloads, senders, 0, api, options);
            warm.run(rate, warmup, 0, null);
            warm.followers.shutdownNow();
            Load load = new Load(account, webhook, payloads, senders, probeEvery, api, options);
            Instant started = Instant.now();
            load.run(rate, seconds, killAfter, home);
            System.out.printf("sent %d, acknowledged (200) %d, refused %d, failed (no answer: connection refused or timed out) %d%n", load.sent.get(),
                    load.acked.size(), load.refused.get(), load.failed.get());
            System.out.printf("acknowledgement: p50 %s ms, p95 %s ms, p99 %s ms, max %s ms (%d answers)%n", load.ack.percentileMillis(50),
                    load.ack.percentileMillis(95), load.ack.percentileMillis(99), load.ack.maxMillis(), load.ack.count());
            drain(db, account, load, options.integer("drain-seconds", 300));
            System.out.printf("sent -> visible in the API (%d probes, %d not seen): p50 %s ms, p95 %s ms, p99 %s ms, max %s ms%n", load.visible.count(),
                    load.unseen.get(), load.visible.percentileMillis(50), load.visible.percentileMillis(95), load.visible.percentileMillis(99),
                    load.visible.maxMillis());
            serverSide(db, account, started);
            count(db, account, load);
        }
    }

    /** The same items, each INSERTed on its own with autocommit, at the same rate: what storing before the 200 cannot beat. */
    private static void baseline(Options options, Connection db, WhatsAppPayloads payloads, int rate, int seconds) throws Exception {
        try (Statement statement = db.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_inbound_baseline");
            statement.execute("CREATE TABLE bench_inbound_baseline (LIKE inbound_messages INCLUDING DEFAULTS INCLUDING INDEXES)");
        }
        Latencies inserts = new Latencies();
        ScheduledExecutorService ticks = Executors.newScheduledThreadPool(4);
        ThreadLocal<Connection> connections = new ThreadLocal<>();
        ConcurrentLinkedQueue<Connection> all = new ConcurrentLinkedQueue<>();
        int total = rate * seconds;
        CountDownLatch done = new CountDownLatch(total);
        SplittableRandom random = new SplittableRandom(7);
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime() + 50_000_000L;
        AtomicInteger next = new AtomicInteger();
        for (int i = 0; i < total; i++) {
            long due = start + i * period;
            WhatsAppPayloads.Body body = payloads.any(random, "4915" + String.format("%08d", i % 2000), "wamid.base." + i, Instant.now().getEpochSecond());
            ticks.schedule(() -> {
                try {
                    Connection connection = connections.get();
                    if (connection == null) {
                        connection = Database.connect(options);
                        connections.set(connection);
                        all.add(connection);
                    }
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bench_inbound_baseline (id, workspace_id, account_id, "
                            + "external_id, content_type, content, received_at) VALUES (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), ?, "
                            + "'application/json', ?, now()) ON CONFLICT DO NOTHING")) {
                        insert.setString(1, body.messageIds().isEmpty() ? "x" + next.incrementAndGet() : body.messageIds().get(0));
                        insert.setBytes(2, body.json().getBytes(StandardCharsets.UTF_8));
                        insert.executeUpdate();
                    }
                    synchronized (inserts) {
                        inserts.recordSince(due);
                    }
                } catch (Exception e) {
                    System.err.println("baseline insert failed: " + e.getMessage());
                } finally {
                    done.countDown();
                }
            }, due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        done.await(seconds + 60L, TimeUnit.SECONDS);
        ticks.shutdownNow();
        for (Connection connection : all) {
            connection.close();
        }
        try (Statement statement = db.createStatement()) {
            statement.execute("DROP TABLE bench_inbound_baseline");
        }
        System.out.printf("baseline, one autocommit INSERT per item at %d/s (%d items): p50 %s ms, p95 %s ms, p99 %s ms, max %s ms%n", rate, inserts.count(),
                inserts.percentileMillis(50), inserts.percentileMillis(95), inserts.percentileMillis(99), inserts.maxMillis());
    }

    /** Webhooks at a fixed rate, open loop; probes followed until the API shows them. */
    private static final class Load {
        final String accountId;
        final String webhook;
        final WhatsAppPayloads payloads;
        final int senders;
        final int probeEvery;
        final ApiClient api;
        final Options options;
        final Latencies ack = new Latencies();
        final Latencies visible = new Latencies();
        final Set<String> acked = ConcurrentHashMap.newKeySet();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicInteger unseen = new AtomicInteger();
        final List<Probe> probes = new ArrayList<>();
        final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

        Load(String accountId, String webhook, WhatsAppPayloads payloads, int senders, int probeEvery, ApiClient api, Options options) {
            this.accountId = accountId;
            this.webhook = webhook;
            this.payloads = payloads;
            this.senders = senders;
            this.probeEvery = probeEvery;
            this.api = api;
            this.options = options;
        }

        record Probe(String messageId, String marker, long sentNanos) {
        }

        void run(int rate, int seconds, int killAfter, Path home) throws Exception {
            ScheduledExecutorService ticks = Executors.newScheduledThreadPool(2);
            SplittableRandom random = new SplittableRandom(13);
            long period = 1_000_000_000L / rate;
            int total = rate * seconds;
            long start = System.nanoTime() + 100_000_000L;
            CountDownLatch answered = new CountDownLatch(total);
            for (int i = 0; i < total; i++) {
                long due = start + i * period;
                String sender = "4917" + String.format("%08d", random.nextInt(senders));
                String id = "wamid.bench." + run + "." + i;
                boolean probe = probeEvery > 0 && i % probeEvery == 0;
                String marker = "probe " + run + " " + i;
                ticks.schedule(() -> send(sender, id, probe, marker, due, answered), due - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            if (killAfter > 0) {
                Thread.sleep(killAfter * 1000L);
                Instant killed = Instant.now();
                ServerProcess.kill(home);
                System.out.println("killed the server (SIGKILL) at " + killed + "; starting it again");
                ServerProcess.start(home, URI.create(webhook).getPort());
                ServerProcess.awaitUp(webhook, Duration.ofSeconds(180));
                System.out.printf("the server answers again after %.1f s%n", Duration.between(killed, Instant.now()).toMillis() / 1000.0);
            }
            answered.await(seconds + 120L, TimeUnit.SECONDS);
            ticks.shutdownNow();
        }

        private void send(String sender, String id, boolean probe, String marker, long due, CountDownLatch answered) {
            long epoch = Instant.now().getEpochSecond();
            WhatsAppPayloads.Body body = probe ? payloads.text(sender, id, epoch, marker) : payloads.any(new SplittableRandom(due), sender, id, epoch);
            byte[] bytes = body.json().getBytes(StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(URI.create(webhook)).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .header(MetaSignature.HEADER, MetaSignature.sign(bytes, APP_SECRET)).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
            sent.incrementAndGet();
            long sentAt = System.nanoTime();
            HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                try {
                    if (error != null) {
                        failed.incrementAndGet();
                        return;
                    }
                    if (response.statusCode() != 200) {
                        refused.incrementAndGet();
                        if (refused.get() <= 3) {
                            System.err.println("webhook answered " + response.statusCode() + ": " + ApiClient.excerpt(response.body()));
                        }
                        return;
                    }
                    synchronized (ack) {
                        ack.recordSince(due);
                    }
                    acked.addAll(body.messageIds());
                    if (probe) {
                        synchronized (probes) {
                            probes.add(new Probe(id, marker, sentAt));
                        }
                        follow(new Probe(id, marker, sentAt));
                    }
                } finally {
                    answered.countDown();
                }
            });
        }

        private final ScheduledExecutorService followers = Executors.newScheduledThreadPool(4);
        private final ThreadLocal<Connection> connections = new ThreadLocal<>();

        /** Looks for the probe every 20 ms: its row filed (which ticket), then the ticket or its comments in the API. */
        private void follow(Probe probe) {
            followers.schedule(() -> {
                try {
                    if (System.nanoTime() - probe.sentNanos() > 120_000_000_000L) {
                        unseen.incrementAndGet();
                        return;
                    }
                    String ticket = ticketOf(probe.messageId());
                    if (ticket != null && shows(ticket, probe.marker())) {
                        synchronized (visible) {
                            visible.recordSince(probe.sentNanos());
                        }
                        return;
                    }
                } catch (Exception e) {
                    // the server is down (kill mode) or busy: look again
                }
                follow(probe);
            }, 20, TimeUnit.MILLISECONDS);
        }

        private String ticketOf(String messageId) throws Exception {
            Connection connection = connections.get();
            if (connection == null) {
                connection = Database.connect(options);
                connections.set(connection);
            }
            try (PreparedStatement query = connection.prepareStatement("SELECT CAST(ticket_id AS text) FROM inbound_messages WHERE account_id = CAST(? AS uuid) "
                    + "AND external_id = ? AND status = 'done'")) {
                // by the account's unique (account, message id) index: looking up by message id alone scanned every
                // filed message for each look, and the database's work for the bench's probes crowded out the server's
                query.setString(1, accountId);
                query.setString(2, messageId);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? rows.getString(1) : null;
                }
            }
        }

        private boolean shows(String ticket, String marker) throws Exception {
            HttpResponse<String> details = api.get("/api/tickets/" + ticket);
            if (details.statusCode() == 200 && details.body().contains(marker)) {
                return true;
            }
            HttpResponse<String> comments = api.get("/api/tickets/" + ticket + "/comments");
            return comments.statusCode() == 200 && comments.body().contains(marker);
        }
    }

    /** Waits until every acknowledged message is filed (or the time is up), then waits for the probes. */
    private static void drain(Connection db, String account, Load load, int seconds) throws Exception {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < until) {
            if (pending(db, account) == 0 && load.visible.count() + load.unseen.get() >= load.probes.size()) {
                break;
            }
            Thread.sleep(200);
        }
        load.followers.shutdownNow();
    }

    private static long pending(Connection db, String account) throws Exception {
        try (PreparedStatement query = db.prepareStatement("SELECT count(*) FROM inbound_messages WHERE account_id = CAST(? AS uuid) AND status = 'pending'")) {
            query.setString(1, account);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Stored to filed, for every message of the run, from the server's own timestamps. */
    private static void serverSide(Connection db, String account, Instant started) throws Exception {
        try (PreparedStatement query = db.prepareStatement("SELECT count(*), "
                + "percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM processed_at - received_at)), "
                + "percentile_cont(0.95) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM processed_at - received_at)), "
                + "percentile_cont(0.99) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM processed_at - received_at)), "
                + "max(EXTRACT(EPOCH FROM processed_at - received_at)), "
                + "count(*) / GREATEST(EXTRACT(EPOCH FROM max(processed_at) - min(received_at)), 0.001) "
                + "FROM inbound_messages WHERE account_id = CAST(? AS uuid) AND received_at >= ? AND processed_at IS NOT NULL")) {
            query.setString(1, account);
            query.setTimestamp(2, java.sql.Timestamp.from(started));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                System.out.printf("stored -> filed (server's clock, %d messages): p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms; %.0f filed/s overall%n",
                        rows.getLong(1), rows.getDouble(2) * 1000, rows.getDouble(3) * 1000, rows.getDouble(4) * 1000, rows.getDouble(5) * 1000,
                        rows.getDouble(6));
            }
        }
    }

    /** Acknowledged = stored = filed: every message the server answered 200 for is in the table and was filed. */
    private static void count(Connection db, String account, Load load) throws Exception {
        long stored = 0;
        long filed = 0;
        long failed = 0;
        long pending = 0;
        List<String> ids = new ArrayList<>(load.acked);
        for (int from = 0; from < ids.size(); from += 5000) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 5000));
            try (PreparedStatement query = db.prepareStatement("SELECT status, count(*) FROM inbound_messages WHERE account_id = CAST(? AS uuid) "
                    + "AND external_id = ANY (?) GROUP BY status")) {
                query.setString(1, account);
                query.setArray(2, db.createArrayOf("text", chunk.toArray()));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        long n = rows.getLong(2);
                        stored += n;
                        switch (rows.getString(1)) {
                            case "done", "ignored" -> filed += n;
                            case "failed" -> failed += n;
                            default -> pending += n;
                        }
                    }
                }
            }
        }
        System.out.printf("acknowledged %d, stored %d, filed %d, set aside %d, still pending %d: %s%n", ids.size(), stored, filed, failed, pending,
                stored == ids.size() && filed + failed == stored ? "nothing lost" : "LOST " + (ids.size() - stored) + " acknowledged messages");
    }

    /** A WhatsApp account on the server, pointing at the fake Graph API. */
    private static String account(ApiClient api, FakeGraphApi graph) throws Exception {
        api.put("/api/plugins/channel-whatsapp", Json.createObjectBuilder().add("enabled", true).build());
        HttpResponse<String> created = api.post("/api/channel-accounts", Json.createObjectBuilder().add("kind", "whatsapp").add("name", "WhatsApp benchmark " + Instant.now())
                .add("enabled", true).add("config", Json.createObjectBuilder().add("phone_number_id", NUMBER).add("business_account_id", "102290129340398")
                        .add("access_token", TOKEN).add("app_secret", APP_SECRET).add("verify_token", "bench-verify").add("graph_base_url", graph.baseUrl())
                        .add("display_phone_number", "15550783881")).build());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("the account was refused: " + ApiClient.excerpt(created.body()));
        }
        return ((JsonObject) ApiClient.parse(created.body())).getString("id");
    }

    private static String mime(String kind) {
        return switch (kind) {
            case "image" -> "image/jpeg";
            case "video" -> "video/mp4";
            case "audio" -> "audio/ogg";
            case "sticker" -> "image/webp";
            default -> "application/pdf";
        };
    }

    /** A few KB that start as files of the kind do (the server reads a file's type from its bytes). */
    private static byte[] media(String kind) {
        byte[] head = switch (kind) {
            case "image" -> new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0};
            case "video" -> new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2'};
            case "audio" -> "OggS".getBytes(StandardCharsets.US_ASCII);
            case "sticker" -> "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII);
            default -> "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        };
        byte[] bytes = new byte[16 * 1024];
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    /** The distribution's server: killed with SIGKILL (the launcher and the server it started), and started again. */
    static final class ServerProcess {
        private ServerProcess() {
        }

        static void kill(Path home) throws Exception {
            Path pidFile = home.resolve("data/relaydesk.pid");
            long pid = Long.parseLong(Files.readString(pidFile).trim().split("\\s+")[0]);
            ProcessHandle launcher = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid + " (from " + pidFile + ")"));
            List<ProcessHandle> all = new ArrayList<>(launcher.descendants().toList());
            all.add(launcher);
            for (ProcessHandle process : all) {
                process.destroyForcibly(); // SIGKILL: no shutdown hook, no clean stop
            }
            for (ProcessHandle process : all) {
                process.onExit().get(30, TimeUnit.SECONDS);
            }
        }

        /** On the port the bench talks to: a server started with --port would otherwise come back on the configured one. */
        static void start(Path home, int port) throws Exception {
            Path log = home.resolve("data/bench-restart.log");
            new ProcessBuilder(home.resolve("bin/relaydesk").toString(), "start", "--port", Integer.toString(port)).directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        }

        static void awaitUp(String url, Duration max) throws Exception {
            long until = System.nanoTime() + max.toNanos();
            while (System.nanoTime() < until) {
                try {
                    int status = HTTP.send(HttpRequest.newBuilder(URI.create(url + "?hub.mode=subscribe&hub.verify_token=bench-verify&hub.challenge=1"))
                            .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status == 200) {
                        return;
                    }
                } catch (java.io.IOException e) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("the server did not come back within " + max.toSeconds() + " s");
        }
    }
}
