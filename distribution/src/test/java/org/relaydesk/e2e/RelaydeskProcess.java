package org.relaydesk.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The built distribution, unpacked and started with bin/relaydesk as an operator would. */
final class RelaydeskProcess implements AutoCloseable {
    final Path home;
    final int port;
    private final Map<String, String> environment;
    private Process process;

    /**
     * The server's JVM options in these tests: the operator's defaults, with the just-in-time compiler
     * stopped at its first tier and the serial collector. A test server lives minutes and serves a few
     * hundred requests; full optimisation would spend more processor time than it saves (half of a
     * start's on this two-core machine, where the browser and the test share the same cores). A test
     * that sets RELAYDESK_JAVA_OPTS itself keeps its own.
     */
    private static final String TEST_JAVA_OPTS = "-Xms256m -Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    RelaydeskProcess(Path home, Map<String, String> environment) throws IOException {
        this.home = home;
        Map<String, String> withJavaOpts = new java.util.HashMap<>(environment);
        withJavaOpts.putIfAbsent("RELAYDESK_JAVA_OPTS", TEST_JAVA_OPTS);
        this.environment = Map.copyOf(withJavaOpts);
        this.port = freePortBelowTheEphemeralRange();
    }

    /**
     * A free port the kernel never hands out by itself. The server binds it only after its start (many
     * seconds later); a port of the ephemeral range could meanwhile become the local end of some
     * connection (the other test JVM's, a driver's), and the start would fail on it.
     */
    static int freePortBelowTheEphemeralRange() throws IOException {
        int ephemeralLow = 32768;
        try {
            ephemeralLow = Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException notLinux) {
            // the usual default
        }
        java.util.Random random = new java.util.Random();
        int low = Math.max(1024, ephemeralLow - 12000);
        for (int attempt = 0; attempt < 200 && ephemeralLow > low; attempt++) {
            int candidate = low + random.nextInt(ephemeralLow - low);
            try (ServerSocket socket = new ServerSocket(candidate)) {
                return candidate;
            } catch (IOException taken) {
                // try another
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static final String DEMO_ADMIN_EMAIL = "admin@demo.test";
    static final String DEMO_ADMIN_PASSWORD = "demo-admin-pw";

    /** A freshly unpacked distribution running start-dev's demo help desk, with a known admin login and plugin uploads on. */
    static RelaydeskProcess startDemoDesk(String name) throws Exception {
        return startDemoDesk(name, Map.of());
    }

    /** The same with more of the server's environment (e.g. RELAYDESK_OUTBOUND_ALLOW_PRIVATE_NETWORKS for a local fake service). */
    static RelaydeskProcess startDemoDesk(String name, Map<String, String> more) throws Exception {
        Map<String, String> environment = new java.util.HashMap<>(Map.of("RELAYDESK_ADMIN_EMAIL", DEMO_ADMIN_EMAIL, "RELAYDESK_ADMIN_PASSWORD",
                DEMO_ADMIN_PASSWORD, "RELAYDESK_PLUGINS_UPLOAD_ENABLED", "true"));
        environment.putAll(more);
        RelaydeskProcess relaydesk = new RelaydeskProcess(unpack(name), environment);
        relaydesk.start("start-dev");
        return relaydesk;
    }

    private static RelaydeskProcess shared;

    /**
     * One demo desk for every test class of this run that can share it (started on first use, stopped
     * when the test JVM exits): a server start is most of an end-to-end class's time. Sharers must not
     * count on a fresh database (unique names, their own accounts) nor change what others read
     * (workspace settings; a channel account a sharer adds is switched off when it is done, so that the
     * next sharer's mailbox is the workspace's). Allows private networks, so that sharers can use a
     * local mail server or HTTP receiver, and public writes and reads far above what a test sends.
     * It holds a second workspace from the start, as a real installation may: a sharer that does not
     * name its workspace where a customer must (the portal, the help centre) fails every time, not
     * only when a test of isolation happened to run before it.
     */
    static synchronized RelaydeskProcess sharedDemoDesk() throws Exception {
        if (shared == null) {
            RelaydeskProcess desk = startDemoDesk("shared", Map.of("RELAYDESK_OUTBOUND_ALLOW_PRIVATE_NETWORKS", "true",
                    "RELAYDESK_PUBLIC_WRITES_PER_10_MINUTES", "100000", "RELAYDESK_PUBLIC_READS_PER_MINUTE", "100000",
                    // satisfaction surveys due within a second, a failing webhook retried after 1 s and 1 s (CsatIT, WebhooksIT)
                    "RELAYDESK_CSAT_CHECK_SECONDS", "1", "RELAYDESK_WEBHOOKS_RETRY_PAUSES", "1s,1s",
                    // enabled retention policies applied every two seconds (RetentionIT; only its workspace has any)
                    "RELAYDESK_RETENTION_CHECK_SECONDS", "2",
                    // eight channel posts held open by one address are its share (WhatsAppIT holds eight; the default is 64)
                    "RELAYDESK_PUBLIC_CHANNEL_POSTS_IN_FLIGHT_PER_ADDRESS", "8"));
            Api admin = new Api(desk.baseUrl(), Api.login(desk.baseUrl(), DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD));
            Api.Reply neighbour = admin.post("/api/workspaces", "{\"name\":\"Neighbour Ltd\",\"slug\":\"neighbour\",\"admin\":"
                    + "{\"email\":\"admin@neighbour.test\",\"name\":\"Neighbour Admin\",\"password\":\"neighbour-admin-pw\"}}");
            if (neighbour.status() != 201) {
                throw new IllegalStateException("the shared desk's second workspace: " + neighbour.status() + " " + neighbour.body());
            }
            stopWhenTheTestsEnd(desk);
            shared = desk;
        }
        return shared;
    }

    /** The shared desk's system administrator (the demo admin), signed in: for what only they may do (plugins, workspaces). */
    static Api sharedSystemAdmin() throws Exception {
        RelaydeskProcess desk = sharedDemoDesk();
        return new Api(desk.baseUrl(), Api.login(desk.baseUrl(), DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD));
    }

    /**
     * A workspace of its own on the shared desk, for a class that would otherwise need a server to itself
     * because it shapes a workspace (its mailboxes, webhooks, surveys, channel accounts, settings): nothing it
     * does reaches the demo workspace's sharers, nor theirs it. Its first admin, signed in. The slug and the
     * admin's address must be unique to the class (addresses are unique across the installation).
     */
    static Api ownWorkspace(String name, String slug, String adminEmail, String adminPassword) throws Exception {
        RelaydeskProcess desk = sharedDemoDesk();
        Api.Reply made = sharedSystemAdmin().post("/api/workspaces", jakarta.json.Json.createObjectBuilder().add("name", name).add("slug", slug)
                .add("admin", jakarta.json.Json.createObjectBuilder().add("email", adminEmail).add("name", "Administrator")
                        .add("password", adminPassword)).build());
        if (made.status() != 201) {
            throw new IllegalStateException("workspace " + slug + " on the shared desk: " + made.status() + " " + made.body());
        }
        return new Api(desk.baseUrl(), Api.login(desk.baseUrl(), adminEmail, adminPassword));
    }

    /** A connection to the embedded database of a start-dev desk, as its owner (the password start-dev stored beside it). */
    java.sql.Connection embeddedDatabase() throws Exception {
        Path data = home.resolve("data");
        return java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + Files.readString(data.resolve("postgres.port")).trim()
                + "/relaydesk", "postgres", Files.readString(data.resolve("postgres.password")).trim());
    }

    private static RelaydeskProcess guarded;

    /**
     * One desk for the classes that attack a desk from outside ({@code AccessControlIT}, {@code DataExposureIT},
     * {@code OutboundAddressIT}), started on first use in this test JVM and stopped when it exits: start-dev's demo
     * desk with the operator's default for outbound connections (private networks refused), behind a trusted proxy
     * (so a test can speak from many client addresses), images in messages allowed from private addresses (the
     * test's image server is on loopback), plugin uploads on, and public writes enough for the tests. Sharers sign
     * in with their own accounts or the admin's, and change nothing another reads (Bob's password is
     * AccessControlIT's alone; a plugin a sharer enables it switches off again).
     */
    static synchronized RelaydeskProcess guardedDesk() throws Exception {
        if (guarded == null) {
            RelaydeskProcess desk = startDemoDesk("guarded", Map.of("RELAYDESK_PROXY_TRUSTED", "true",
                    "RELAYDESK_REMOTE_IMAGES_ALLOW_PRIVATE_ADDRESSES", "true", "RELAYDESK_PUBLIC_WRITES_PER_10_MINUTES", "100"));
            stopWhenTheTestsEnd(desk);
            guarded = desk;
        }
        return guarded;
    }

    private static void stopWhenTheTestsEnd(RelaydeskProcess desk) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                desk.close();
            } catch (Exception e) {
                desk.process.descendants().forEach(ProcessHandle::destroyForcibly);
                desk.process.destroyForcibly();
            }
        }, "relaydesk-shared-desk-stop"));
    }

    /** Unpacked under target/e2e/NAME-PID: test JVMs running classes side by side each use their own directories. */
    static Path unpack(String name) throws IOException, InterruptedException {
        Path target = Path.of("target", "e2e", name + "-" + ProcessHandle.current().pid()).toAbsolutePath();
        if (Files.exists(target)) {
            run(Path.of("."), "rm", "-rf", target.toString());
        }
        Files.createDirectories(target);
        run(target, "tar", "xzf", Path.of(System.getProperty("relaydesk.tarball")).toAbsolutePath().toString());
        return target.resolve("relaydesk-" + System.getProperty("relaydesk.version"));
    }

    private static void run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts and waits until /health/ready answers 200 (bounded). */
    void start(String command) throws Exception {
        waitUntilPortIsFree();
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/relaydesk").toString(), command, "--port", Integer.toString(port))
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("relaydesk-test.log").toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        // HTTP/1.1: no h2c upgrade attempt against a server that is still starting (one such early
        // connection once hung every later poll until the deadline).
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("relaydesk " + command + " exited with " + process.exitValue() + "; see " + home.resolve("relaydesk-test.log"));
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                // Payara answers UP before the WAR is deployed; ready means our database check is in the answer.
                if (response.statusCode() == 200 && response.body().contains("\"database\"")) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException notYet) {
                last = notYet.toString(); // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Relaydesk did not become ready in 180 s; last answer of /health/ready: " + last);
    }

    /** The environment of the server's JVM (Payara Micro, a child of the launcher), as another process of its user can read it (Linux). */
    String serverEnvironment() throws IOException {
        ProcessHandle server = process.descendants().filter(p -> p.info().commandLine().orElse("").contains("payara-micro.jar")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no Payara Micro process under the launcher"));
        return new String(Files.readAllBytes(Path.of("/proc", Long.toString(server.pid()), "environ")), java.nio.charset.StandardCharsets.UTF_8)
                .replace('\0', '\n');
    }

    /** A previous instance may still be closing its listener; starting on top of it would talk to the old one. */
    private void waitUntilPortIsFree() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                Thread.sleep(250);
            } catch (IOException closed) {
                return;
            }
        }
        throw new IllegalStateException("Port " + port + " is still in use 60 s after stop");
    }

    /** Exit code of a short command such as stop or status. */
    int command(String command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/relaydesk").toString(), command).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("relaydesk-test.log").toFile()));
        builder.environment().putAll(environment);
        Process shortLived = builder.start();
        if (!shortLived.waitFor(120, TimeUnit.SECONDS)) {
            shortLived.destroyForcibly();
            throw new IllegalStateException("relaydesk " + command + " did not finish");
        }
        return shortLived.exitValue();
    }

    /** What a short command printed, and how it ended. */
    record Outcome(int exit, String output) {
    }

    /** A short command with its arguments (backup, restore), its output kept apart for the test to read. */
    Outcome run(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/relaydesk").toString()));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile(home, "command-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process shortLived = builder.start();
        if (!shortLived.waitFor(180, TimeUnit.SECONDS)) {
            shortLived.destroyForcibly();
            throw new IllegalStateException("relaydesk " + String.join(" ", arguments) + " did not finish");
        }
        return new Outcome(shortLived.exitValue(), Files.readString(output));
    }

    /** SIGTERM, as systemd or Ctrl-C would send; waits for a clean exit. */
    int terminate() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return process == null ? 0 : process.exitValue();
        }
        process.destroy();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException("Relaydesk did not stop within 120 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** SIGKILL, as a crash or the kernel's out-of-memory killer would end it: nothing of the server runs on. */
    void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Relaydesk did not die within 60 s of SIGKILL");
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            terminate();
        }
    }
}
