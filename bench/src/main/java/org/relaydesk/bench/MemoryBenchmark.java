package org.relaydesk.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The memory of a running installation, at rest and with N agents' panels open: each agent signs in
 * through the login form like a browser, loads the queue and a ticket page (the two views a panel
 * keeps in its session) and holds the queue's live-update connection open. Memory is read from
 * /proc for every process of the installation (those whose command line or executable names its
 * folder: the launcher, the server, an embedded PostgreSQL): resident (RSS) and proportional (PSS,
 * shared pages divided among their sharers, so that the sum over processes is not inflated).
 * Then a ticket is created, and the panels that were told of it within 10 s are counted: the
 * connections were real.
 */
final class MemoryBenchmark {
    static final Set<String> OPTIONS = Set.of("base-url", "email", "password", "home", "agents", "settle-seconds");
    private static final String AGENT_PASSWORD = "memory-bench-agent-pw";

    private MemoryBenchmark() {
    }

    static void run(Options options) throws Exception {
        String baseUrl = options.text("base-url", "http://127.0.0.1:8080").replaceAll("/+$", "");
        Loopback.requireLoopback(baseUrl);
        Path home = Path.of(options.required("home")).toAbsolutePath().normalize();
        int agents = options.integer("agents", 100);
        int settle = options.integer("settle-seconds", 30);
        ApiClient api = ApiClient.signIn(options);

        System.out.println("| moment | processes | RSS MB | PSS MB |");
        System.out.println("| --- | --- | --- | --- |");
        report("at rest", home);

        String ticketNumber = aTicket(api);
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<LivePanel> panels = new ArrayList<>();
        AtomicInteger told = new AtomicInteger();
        CountDownLatch allTold = new CountDownLatch(agents);
        try {
            for (int i = 0; i < agents; i++) {
                String email = "memory-" + run + "-" + i + "@bench.test";
                HttpResponse<String> created = api.post("/api/users", Json.createObjectBuilder().add("email", email).add("name", "Memory Agent " + i)
                        .add("role", "agent").add("password", AGENT_PASSWORD).build());
                if (created.statusCode() != 201) {
                    throw new IllegalStateException("creating agent " + email + ": HTTP " + created.statusCode() + " " + ApiClient.excerpt(created.body()));
                }
                java.util.concurrent.atomic.AtomicBoolean heard = new java.util.concurrent.atomic.AtomicBoolean();
                panels.add(LivePanel.open(baseUrl, email, AGENT_PASSWORD, ticketNumber, text -> {
                    if (heard.compareAndSet(false, true)) {
                        told.incrementAndGet();
                        allTold.countDown();
                    }
                }));
            }
            report(agents + " agents' panels open", home);
            Thread.sleep(TimeUnit.SECONDS.toMillis(settle));
            report(agents + " panels, " + settle + " s later", home);

            long started = System.nanoTime();
            HttpResponse<String> ticket = api.post("/api/tickets", Json.createObjectBuilder().add("subject", "Memory bench " + run)
                    .add("description", "Does every open panel hear of this?").add("requester_email", "memory-" + run + "@customer.test").build());
            if (ticket.statusCode() != 201) {
                throw new IllegalStateException("creating the probe ticket: HTTP " + ticket.statusCode() + " " + ApiClient.excerpt(ticket.body()));
            }
            allTold.await(10, TimeUnit.SECONDS);
            System.out.printf("%nA new ticket reached %d of %d open panels within %.1f s.%n", told.get(), agents,
                    (System.nanoTime() - started) / 1e9);
        } finally {
            panels.forEach(LivePanel::close);
        }
    }

    /** A ticket's number for the panels' ticket page: the newest, or a new one on an empty desk. */
    private static String aTicket(ApiClient api) throws Exception {
        var list = ApiClient.list(api.getJson("/api/tickets?limit=1"), "tickets");
        if (!list.isEmpty()) {
            return list.getJsonObject(0).getJsonNumber("number").toString();
        }
        HttpResponse<String> created = api.post("/api/tickets", Json.createObjectBuilder().add("subject", "A ticket to look at")
                .add("description", "Opened by the memory bench").add("requester_email", "someone@customer.test").build());
        return ((JsonObject) ApiClient.parse(created.body())).getJsonNumber("number").toString();
    }

    private static void report(String moment, Path home) throws IOException {
        long rss = 0;
        long pss = 0;
        int count = 0;
        List<String> names = new ArrayList<>();
        for (ProcessMemory process : ProcessMemory.of(home)) {
            rss += process.rssKb();
            pss += process.pssKb();
            count++;
            names.add(process.name() + " " + process.pssKb() / 1024 + " MB");
        }
        System.out.printf("| %s | %d | %d | %d |%n", moment, count, rss / 1024, pss / 1024);
        System.err.println("  " + moment + ": " + String.join(", ", names));
    }

    /** A process of the installation, read from /proc: its command line or executable lies in the installation's folder. */
    record ProcessMemory(long pid, String name, long rssKb, long pssKb) {
        static List<ProcessMemory> of(Path home) throws IOException {
            List<ProcessMemory> found = new ArrayList<>();
            String folder = home.toString() + "/";
            try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                    try {
                        String commandLine = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                        String executable = Files.readSymbolicLink(process.resolve("exe")).toString();
                        if (!commandLine.contains(folder) && !executable.startsWith(folder)) {
                            continue;
                        }
                        long rss = 0;
                        long pss = 0;
                        for (String line : Files.readAllLines(process.resolve("smaps_rollup"))) {
                            if (line.startsWith("Rss:")) {
                                rss = kilobytes(line);
                            } else if (line.startsWith("Pss:")) {
                                pss = kilobytes(line);
                            }
                        }
                        found.add(new ProcessMemory(Long.parseLong(process.getFileName().toString()), name(commandLine, executable), rss, pss));
                    } catch (IOException | SecurityException gone) {
                        // ended meanwhile, or not ours to read
                    }
                }
            }
            return found;
        }

        private static String name(String commandLine, String executable) {
            if (commandLine.contains("payara-micro.jar")) {
                return "server";
            }
            if (commandLine.contains("org.relaydesk.launcher")) {
                return "launcher";
            }
            return executable.endsWith("/postgres") ? "postgres" : Path.of(executable).getFileName().toString();
        }

        private static long kilobytes(String line) {
            return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
    }
}
