package org.relaydesk.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.relaydesk.core.config.Setting;

/**
 * bin/relaydesk: start-dev, start, stop, status, backup, restore. Runs Payara Micro with the Relaydesk WAR as a
 * child process (start-dev first starts the embedded PostgreSQL), forwards a clean shutdown on
 * SIGTERM and keeps a pid file in the data directory for stop and status.
 */
public final class Launcher {
    /**
     * The server's JVM options unless {@code relaydesk.java.opts} says otherwise: sized for a small desk on a 2 GB
     * machine beside PostgreSQL. A 512 MB heap holds the live set of 100 agents' panels (about 165 MB) with room for
     * bursts; the free ratios and the periodic collection let G1 give memory back when the desk is quiet; the code
     * cache and thread stacks are capped (docs/performance.md, "Memory").
     */
    static final String DEFAULT_JAVA_OPTS = "-Xms64m -Xmx512m -XX:+UseG1GC -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10"
            + " -XX:G1PeriodicGCInterval=30000 -XX:ReservedCodeCacheSize=96m -Xss512k";

    private static final String USAGE = """
            Usage: relaydesk <command> [--port N] [--listen ADDRESS] [--set NAME=VALUE]...

              start-dev   Evaluation mode: embedded PostgreSQL under the data directory, demo data.
                          Not for production. Listens on 127.0.0.1 only, unless --listen 0.0.0.0
                          (or another address of this machine) opens it to the network.
              start       Production: uses the PostgreSQL configured in conf/relaydesk.conf
                          (relaydesk.db.url / RELAYDESK_DB_URL).
              stop        Stops the running instance (clean shutdown).
              status      Tells whether Relaydesk runs and is ready.
              backup [--to FILE|DIRECTORY]
                          Writes the database, configuration, secret key and plugins to one archive
                          (default: DATA/backups/relaydesk-backup-DATE.zip). The server may keep running.
              restore FILE
                          Restores a backup onto this installation; its database must be empty and
                          Relaydesk stopped.
              config [--markdown]
                          Lists every setting with its value and where it comes from (secrets
                          masked); --markdown prints the operator guide's table of them.

            Any command takes --set NAME=VALUE (repeatable), which wins over the environment
            (RELAYDESK_...) and the configuration file (conf/relaydesk.conf, or RELAYDESK_CONF).
            """;

    private final Settings settings;
    private final Path data;

    private Launcher(Settings settings) {
        this.settings = settings;
        this.data = settings.dataDirectory();
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("relaydesk.home", ".")).toAbsolutePath().normalize();
        if (args.length == 0) {
            System.err.print(USAGE);
            System.exit(2);
        }
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        int exit;
        try {
            Launcher launcher = new Launcher(new Settings(home, System.getenv(), options(rest)));
            exit = command(launcher, args[0], rest);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            exit = 2;
        }
        System.exit(exit);
    }

    /** Takes every {@code --set NAME=VALUE} out of the arguments. */
    static Map<String, String> options(List<String> args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String value = null;
            if (args.get(i).equals("--set") && i + 1 < args.size()) {
                value = args.remove(i + 1);
                args.remove(i--);
            } else if (args.get(i).startsWith("--set=")) {
                value = args.remove(i--).substring("--set=".length());
            }
            if (value != null) {
                int equals = value.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("--set takes NAME=VALUE, e.g. --set relaydesk.http.port=9090");
                }
                options.put(value.substring(0, equals).trim(), value.substring(equals + 1));
            }
        }
        return options;
    }

    private static int command(Launcher launcher, String command, List<String> rest) throws Exception {
        return switch (command) {
            case "start-dev" -> launcher.run(true, port(rest, launcher.settings), listen(rest, launcher.settings, true));
            case "start" -> launcher.run(false, port(rest, launcher.settings), listen(rest, launcher.settings, false));
            case "stop" -> launcher.stop();
            case "status" -> launcher.status();
            case "backup" -> launcher.backup(rest);
            case "restore" -> launcher.restore(rest);
            case "config" -> launcher.config(rest);
            case "help", "--help", "-h" -> {
                System.out.print(USAGE);
                yield 0;
            }
            default -> {
                System.err.println("Unknown command: " + command);
                System.err.print(USAGE);
                yield 2;
            }
        };
    }

    private int backup(List<String> args) throws Exception {
        Path target = data.resolve("backups");
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--to") && i + 1 < args.size()) {
                target = Path.of(args.get(++i));
            } else if (args.get(i).startsWith("--to=")) {
                target = Path.of(args.get(i).substring("--to=".length()));
            } else {
                throw new IllegalArgumentException("backup takes --to FILE or --to DIRECTORY, not '" + args.get(i) + "'");
            }
        }
        if (target.equals(data.resolve("backups"))) {
            Files.createDirectories(target);
        }
        try {
            Path written = new Backup(settings, data).write(target);
            System.out.println("Backup written to " + written + " (" + Files.size(written) / 1024 + " KiB). It holds the secret key:"
                    + " keep it as safe as the server.");
            return 0;
        } catch (IllegalStateException | IllegalArgumentException | java.sql.SQLException | IOException e) {
            System.err.println("Backup failed: " + e.getMessage());
            return 1;
        }
    }

    private int restore(List<String> args) throws Exception {
        if (args.size() != 1 || args.get(0).startsWith("--")) {
            throw new IllegalArgumentException("restore takes one argument: the backup file");
        }
        try {
            new Restore(settings, data, System.out).restore(Path.of(args.get(0)));
            System.out.println("Restore complete. Start Relaydesk: it brings the schema up to this version if the backup is older.");
            return 0;
        } catch (IllegalStateException | IllegalArgumentException | java.sql.SQLException | IOException e) {
            System.err.println("Restore failed: " + e.getMessage());
            return 1;
        }
    }

    /** Every setting with its value now and where that comes from; secrets masked. */
    private int config(List<String> args) {
        if (args.equals(List.of("--markdown"))) {
            System.out.print(Setting.markdownTable());
            return 0;
        }
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("config takes no argument but --markdown");
        }
        System.out.println("Configuration file: " + settings.confFile() + (Files.exists(settings.confFile()) ? "" : " (none)"));
        int width = Arrays.stream(Setting.values()).mapToInt(s -> s.key().length()).max().orElse(20);
        for (Setting setting : Setting.values()) {
            Settings.Source source = settings.source(setting.key());
            String value = settings.get(setting.key()).map(v -> setting.secret() ? "********" : v)
                    .orElse("(default: " + setting.documentedDefault().replace("`", "") + ")");
            System.out.printf("%-" + width + "s  %s%s%n", setting.key(), value, source == Settings.Source.DEFAULT ? "" : "  [" + source.label + "]");
        }
        for (String unknown : settings.unknownNamesInFile()) {
            System.out.println("Warning: the configuration file sets " + unknown + ", which is no setting of this version; it is ignored.");
        }
        return 0;
    }

    /** This distribution's version, as its build recorded it. */
    static String version() {
        try (var in = Launcher.class.getResourceAsStream("/META-INF/maven/org.relaydesk/relaydesk-distribution/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static int port(List<String> args, Settings settings) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--port") && i + 1 < args.size()) {
                return Integer.parseInt(args.get(i + 1));
            }
            if (args.get(i).startsWith("--port=")) {
                return Integer.parseInt(args.get(i).substring(7));
            }
        }
        return Integer.parseInt(settings.get("relaydesk.http.port", "8080"));
    }

    /**
     * The address the HTTP port is bound to. start-dev has demo logins printed on screen, so it is
     * reachable from this machine only unless asked; start keeps listening on every interface.
     */
    static String listen(List<String> args, Settings settings, boolean dev) {
        String address = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--listen") && i + 1 < args.size()) {
                address = args.get(i + 1);
            } else if (args.get(i).startsWith("--listen=")) {
                address = args.get(i).substring("--listen=".length());
            }
        }
        if (address == null) {
            address = settings.get("relaydesk.http.listen", dev ? "127.0.0.1" : "0.0.0.0");
        }
        if (!IP_LITERAL.matcher(address).matches()) {
            throw new IllegalArgumentException("--listen takes an IP address of this machine (e.g. 127.0.0.1 or 0.0.0.0), not '"
                    + address + "'");
        }
        return address;
    }

    private static final java.util.regex.Pattern IP_LITERAL = java.util.regex.Pattern.compile(
            "(\\d{1,3}\\.){3}\\d{1,3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

    private int run(boolean dev, int port, String listen) throws Exception {
        Files.createDirectories(data);
        Optional<Long> running = PidFile.running(data);
        if (running.isPresent()) {
            System.err.println("Relaydesk is already running (pid " + running.get() + "). Use 'relaydesk stop' first.");
            return 1;
        }
        Map<String, String> environment = new HashMap<>();
        EmbeddedDatabase embedded = null;
        if (dev) {
            printDevBanner();
            System.out.println("Starting the embedded PostgreSQL in " + data.resolve("postgres") + " ...");
            embedded = EmbeddedDatabase.start(data);
            environment.put("RELAYDESK_DB_URL", embedded.jdbcUrl());
            environment.put("RELAYDESK_DB_USER", "postgres");
            environment.put("RELAYDESK_DB_PASSWORD", embedded.password());
            environment.put("RELAYDESK_DEMO", settings.get("relaydesk.demo", "true"));
        } else {
            Optional<String> url = settings.get("relaydesk.db.url");
            if (url.isEmpty() || !url.get().startsWith("jdbc:postgresql:")) {
                System.err.println("""
                        'relaydesk start' runs on your PostgreSQL (15 or newer) and refuses the embedded database.
                        Set relaydesk.db.url (and .user, .password) in conf/relaydesk.conf, or RELAYDESK_DB_URL,
                        e.g. jdbc:postgresql://127.0.0.1:5432/relaydesk
                        To evaluate Relaydesk without a database server, run 'relaydesk start-dev'.""");
                return 2;
            }
            environment.put("RELAYDESK_DB_URL", url.get());
            environment.put("RELAYDESK_DB_USER", settings.get("relaydesk.db.user", "relaydesk"));
            environment.put("RELAYDESK_DB_PASSWORD", settings.get("relaydesk.db.password", ""));
            environment.put("RELAYDESK_DEMO", settings.get("relaydesk.demo", "false"));
        }
        String baseUrl = settings.get("relaydesk.base-url", "http://localhost:" + port);
        environment.put("RELAYDESK_BASE_URL", baseUrl);
        environment.put("RELAYDESK_PLUGINS_DIR", settings.get("relaydesk.plugins.dir", settings.home.resolve("plugins").toString()));
        environment.put("RELAYDESK_SECRET_KEY_FILE", SecretKeyFile.ensure(Path.of(settings.get("relaydesk.secret-key-file",
                settings.home.resolve("conf/secret.key").toString()))).toString());
        passServerSettings(settings, environment);
        settings.unknownNamesInFile().forEach(name -> System.err.println("Warning: " + settings.confFile() + " sets " + name
                + ", which is no setting of this version; it is ignored ('relaydesk config' lists the settings)."));
        FirstAdminHandOver.prepare(settings, data).ifPresent(file -> environment.put(FirstAdminHandOver.FILE_VARIABLE, file.toString()));
        return runServer(port, listen, environment, embedded, baseUrl);
    }

    /**
     * Asadmin commands run before Payara boots: bind the HTTP listener to the chosen address, and
     * send no Server banner (which version runs is nobody's business outside), and no open /metrics. Behind a trusted
     * proxy, its X-Forwarded-Proto gives the request's scheme, so redirects stay on https (never
     * trusted otherwise: a client could claim anything).
     */
    static String prebootCommands(String listen, boolean trustProxy) {
        return (trustProxy ? "set configs.config.server-config.network-config.protocols.protocol.http-listener.http.scheme-mapping=X-Forwarded-Proto\n" : "")
                + "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=" + listen + "\n"
                + "set configs.config.server-config.network-config.protocols.protocol.http-listener.http.server-header=false\n"
                + "set configs.config.server-config.network-config.protocols.protocol.http-listener.http.xpowered-by=false\n"
                // SameSite=Lax on the session cookie: the server ignores the attribute in web.xml's cookie-config
                + "set configs.config.server-config.network-config.protocols.protocol.http-listener.http.cookie-same-site-enabled=true\n"
                + "set configs.config.server-config.network-config.protocols.protocol.http-listener.http.cookie-same-site-value=Lax\n"
                // Payara's /metrics answers anyone, unauthenticated, with the JVM's and the server's internals
                + "set configs.config.server-config.microprofile-metrics-configuration.enabled=false\n";
    }

    private int runServer(int port, String listen, Map<String, String> environment, EmbeddedDatabase embedded, String baseUrl)
            throws Exception {
        List<String> command = serverCommand(port, listen);
        if (!listen.startsWith("127.")) {
            System.out.println("The HTTP port is open on " + listen + ":" + port + ", not only on this machine.");
        }
        Optional<Path> handOver = ServerHandOver.requested();
        if (embedded == null && handOver.isPresent()) {
            // start: nothing is left for this JVM to do once the server runs (no embedded database to stop), so
            // bin/relaydesk replaces itself with the server instead of keeping this JVM beside it (about 50 MB)
            ServerHandOver.write(handOver.get(), command, environment, FirstAdminHandOver.VARIABLES);
            long shell = ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow(
                    () -> new IllegalStateException("bin/relaydesk asked for the server's command but is gone"));
            PidFile.write(data, shell, port); // the shell's process becomes the server's
            System.out.println("Relaydesk starts at " + baseUrl + ": it answers once /health/ready does (the server says"
                    + " \"Payara Micro ... ready\"). Sign in at " + baseUrl + "/login");
            return 0;
        }
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().putAll(environment);
        FirstAdminHandOver.VARIABLES.forEach(builder.environment()::remove); // handed over in a file, read once
        long started = System.nanoTime();
        Process server = builder.start();
        PidFile.write(data, ProcessHandle.current().pid(), port);
        EmbeddedDatabase database = embedded;
        Thread shutdown = new Thread(() -> stopChildren(server, database), "relaydesk-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        String probeHost = listen.equals("0.0.0.0") || listen.equals("::") ? "127.0.0.1" : listen.contains(":") ? "[" + listen + "]" : listen;
        Thread readiness = new Thread(() -> announceWhenReady(probeHost, port, baseUrl, started, server), "relaydesk-readiness");
        readiness.setDaemon(true);
        readiness.start();
        int exit = server.waitFor();
        return exit == 143 ? 0 : exit;
    }

    /**
     * Every setting the server reads goes to it as MicroProfile Config reads it, an environment variable, wherever the
     * operator set it (file, environment or --set). A setting both read keeps a value the launcher has already worked
     * out for the server (the base URL, the demo default, the secret key file's resolved path, the plugins folder).
     */
    static void passServerSettings(Settings settings, Map<String, String> environment) {
        for (Setting setting : Setting.values()) {
            if (setting.scope() == Setting.Scope.SERVER) {
                settings.get(setting.key()).ifPresent(value -> environment.put(setting.environmentVariable(), value));
            } else if (setting.scope() == Setting.Scope.BOTH) {
                settings.get(setting.key()).ifPresent(value -> environment.putIfAbsent(setting.environmentVariable(), value));
            }
        }
    }

    /** The server's command line; its root directory begins fresh and its pre-boot commands are written. */
    private List<String> serverCommand(int port, String listen) throws IOException {
        // Payara restores applications recorded in a kept root directory and would then redeploy the
        // WAR on top of them, answering 503 meanwhile. The directory is a runtime scratch area (nothing
        // of the operator's lives there), so every start begins from a fresh one.
        Path payaraRoot = data.resolve("payara");
        deleteRecursively(payaraRoot);
        Path preboot = data.resolve("payara-preboot.asadmin");
        Files.writeString(preboot, prebootCommands(listen, Boolean.parseBoolean(settings.get("relaydesk.proxy.trusted", "false"))), java.nio.charset.StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(settings.get("relaydesk.java.opts", DEFAULT_JAVA_OPTS).split("\\s+")));
        // Names the JSON-P provider, so that Payara's JsonProvider.provider() loads it once instead of
        // scanning the class path with a ServiceLoader on every call (jsonp-api issue 154); under load
        // those scans queued request threads on the class loader's lock.
        command.add("-Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl");
        command.addAll(ClusterOptions.jvmArguments(settings));
        command.addAll(List.of("-jar", settings.home.resolve("lib/payara-micro.jar").toString(),
                "--deploy", settings.home.resolve("lib/relaydesk.war").toString(),
                "--contextroot", "/",
                "--port", Integer.toString(port),
                "--prebootcommandfile", preboot.toString(),
                "--disablephonehome",
                "--rootdir", payaraRoot.toString()));
        command.addAll(ClusterOptions.payaraArguments(settings));
        command.addAll(LogFormat.payaraArguments(settings, settings.home.resolve("lib/payara-micro.jar"), data));
        return command;
    }

    private void announceWhenReady(String host, int port, String baseUrl, long started, Process server) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (server.isAlive() && System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = client.send(ready, HttpResponse.BodyHandlers.ofString());
                // Payara answers UP before the WAR is deployed; ready means Relaydesk's database check is listed.
                if (answer.statusCode() == 200 && answer.body().contains("\"database\"")) {
                    System.out.printf("%nRelaydesk is ready at %s (started in %.1f s). Sign in at %s/login%n", baseUrl,
                            (System.nanoTime() - started) / 1e9, baseUrl);
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sleepQuietly(500);
        }
    }

    private void stopChildren(Process server, EmbeddedDatabase database) {
        if (server.isAlive()) {
            server.destroy(); // SIGTERM: Payara undeploys and closes its pool cleanly
            try {
                if (!server.waitFor(60, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (database != null) {
            try {
                database.close();
            } catch (IOException e) {
                System.err.println("Could not stop the embedded PostgreSQL cleanly: " + e.getMessage());
            }
        }
        PidFile.delete(data);
    }

    private int stop() throws InterruptedException {
        Optional<Long> pid = PidFile.running(data);
        if (pid.isEmpty()) {
            System.out.println("Relaydesk is not running.");
            return 0;
        }
        ProcessHandle process = ProcessHandle.of(pid.get()).orElseThrow();
        System.out.println("Stopping Relaydesk (pid " + pid.get() + ") ...");
        process.destroy();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        if (process.isAlive()) {
            System.err.println("Relaydesk did not stop within 90 s; stopping it forcibly.");
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            return 1;
        }
        System.out.println("Stopped.");
        return 0;
    }

    private int status() {
        Optional<Long> pid = PidFile.running(data);
        if (pid.isEmpty()) {
            System.out.println("Relaydesk is not running.");
            return 3;
        }
        int port = PidFile.port(data).orElse(8080);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            boolean ready = response.statusCode() == 200 && response.body().contains("\"database\"");
            System.out.println("Relaydesk is running (pid " + pid.get() + ", port " + port + ") and " + (ready ? "ready." : "starting or unhealthy."));
            return ready ? 0 : 1;
        } catch (IOException e) {
            System.out.println("Relaydesk is running (pid " + pid.get() + ", port " + port + ") but not answering yet.");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static void printDevBanner() {
        System.out.println("""
                ##############################################################################
                #  Relaydesk start-dev: embedded database and demo data.                     #
                #  NOT FOR PRODUCTION. For a real installation use 'relaydesk start' with    #
                #  your own PostgreSQL (see docs/operator-guide.md).                         #
                ##############################################################################""");
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
