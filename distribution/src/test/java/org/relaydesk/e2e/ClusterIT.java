package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.relaydesk.testing.TestDatabase;

/**
 * Two nodes of the built distribution on one PostgreSQL, joined by the data grid over loopback, as an
 * operator sets them up (the same members list, the same secret key): a change made through one node
 * reaches a panel open on the other live, agents on different nodes see each other on a ticket, a plugin
 * switched on one node follows on the other, failed sign-ins count against one limit whichever node they
 * reach, a node asked for JSON logs writes nothing else, and a node killed in the middle of writes loses nothing it acknowledged while the other carries on; the
 * killed node rejoins.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final String ADMIN = "root@cluster.test";
    private static final String PASSWORD = "cluster-admin-password";
    private static TestDatabase database;
    private static RelaydeskProcess nodeA;
    private static RelaydeskProcess nodeB;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        database = TestDatabase.onServer();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        int gridA = RelaydeskProcess.freePortBelowTheEphemeralRange();
        int gridB = RelaydeskProcess.freePortBelowTheEphemeralRange();
        Map<String, String> shared = new HashMap<>(Map.of("RELAYDESK_DB_URL", database.url(), "RELAYDESK_DB_USER", database.user(),
                "RELAYDESK_DB_PASSWORD", "", "RELAYDESK_ADMIN_EMAIL", ADMIN, "RELAYDESK_ADMIN_PASSWORD", PASSWORD,
                "RELAYDESK_SECRET_KEY", Base64.getEncoder().encodeToString(key),
                "RELAYDESK_DEMO", "true",
                "RELAYDESK_PUBLIC_WRITES_PER_10_MINUTES", "100000"));
        String members = "127.0.0.1:" + gridA + ",127.0.0.1:" + gridB;
        Map<String, String> a = new HashMap<>(shared);
        a.put("RELAYDESK_CLUSTER_MEMBERS", members);
        a.put("RELAYDESK_CLUSTER_PORT", Integer.toString(gridA));
        nodeA = new RelaydeskProcess(RelaydeskProcess.unpack("cluster-a"), a);
        nodeA.start("start");
        // node B is configured through its file, as an operator would: the server must hear of it too
        java.nio.file.Path homeB = RelaydeskProcess.unpack("cluster-b");
        java.nio.file.Files.writeString(homeB.resolve("conf/relaydesk.conf"), "\nrelaydesk.cluster.members=" + members
                + "\nrelaydesk.cluster.port=" + gridB + "\nrelaydesk.log.format=json\n", java.nio.file.StandardOpenOption.APPEND);
        nodeB = new RelaydeskProcess(homeB, shared);
        nodeB.start("start");
        awaitMembers(nodeA, 2);
        awaitMembers(nodeB, 2);
    }

    @AfterAll
    static void stop() throws Exception {
        for (RelaydeskProcess node : new RelaydeskProcess[] {nodeB, nodeA}) {
            if (node != null) {
                node.close();
            }
        }
        if (database != null) {
            database.close();
        }
    }

    /** Until the node's readiness lists the cluster with that many members (bounded). */
    private static void awaitMembers(RelaydeskProcess node, int members) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        String last = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                last = client.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                // Payara's health endpoint writes the figure as a string
                if (last.replace(" ", "").matches(".*\"members\":\"?" + members + "\"?[,}].*")) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError(node.baseUrl() + " did not see " + members + " cluster members in 60 s: " + last);
    }

    private static Api api(RelaydeskProcess node, String email, String password) throws Exception {
        return new Api(node.baseUrl(), Api.login(node.baseUrl(), email, password));
    }

    @Test
    @Order(0)
    void aNodeAskedForJsonLogsWritesOneJsonObjectPerLine() throws Exception {
        List<String> lines = java.nio.file.Files.readAllLines(nodeB.home.resolve("relaydesk-test.log"));
        // bin/relaydesk's own lines (where it listens, where it starts) come before the server's first record
        List<String> server = lines.subList(lines.indexOf(lines.stream().filter(l -> l.startsWith("{")).findFirst().orElseThrow()), lines.size());
        assertThat(server).hasSizeGreaterThan(50);
        for (String line : server.stream().filter(l -> !l.isBlank()).toList()) {
            try (var reader = Json.createReader(new java.io.StringReader(line))) {
                jakarta.json.JsonObject record = reader.readObject();
                assertThat(record.keySet()).as(line).contains("Timestamp", "Level", "LoggerName", "LogMessage");
            } catch (jakarta.json.JsonException e) {
                throw new AssertionError("not a JSON record: " + line, e);
            }
        }
        assertThat(server).anySatisfy(line -> assertThat(line).contains("org.relaydesk.web.cluster.ClusterRelay").contains("2 node(s) joined"));
    }

    @Test
    @Order(1)
    void aTicketMadeThroughOneNodeAppearsLiveInAPanelOpenOnTheOther() throws Exception {
        Api bobOnA = api(nodeA, "bob@cluster.test", "demo-password-1");
        try (Browser aliceOnB = new Browser(nodeB.baseUrl())) {
            aliceOnB.signIn("alice@cluster.test", "demo-password-1");
            aliceOnB.waitForText("#queue-title", "My tickets");
            aliceOnB.open("/agent/tickets?view=open");
            aliceOnB.choose("queue:sort", "Newest first");
            aliceOnB.waitForLive();

            Api.Reply created = bobOnA.post("/api/tickets", Json.createObjectBuilder().add("subject", "Cluster: made on node A")
                    .add("requester_email", "cluster@customer.test").add("requester_name", "Cluster Customer").build());
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            aliceOnB.waitForText("[id='queue:tickets_data']", "Cluster: made on node A");

            aliceOnB.find("[id='queue:tickets_data'] .rd-subject-link").click();
            aliceOnB.waitForText("#subject", "Cluster: made on node A");
            aliceOnB.waitForLive();
            bobOnA.post("/api/tickets/" + created.json().getString("id") + "/comments", "{\"body\":\"Bob on node A: on it\"}");
            aliceOnB.waitForText("#thread", "Bob on node A: on it");

            // a token issued by node A is good on node B: both sign with the installation's one key
            String tokenFromA = Api.login(nodeA.baseUrl(), "bob@cluster.test", "demo-password-1");
            assertThat(new Api(nodeB.baseUrl(), tokenFromA).get("/api/tickets/" + created.json().getString("id")).status()).isEqualTo(200);
        }
    }

    @Test
    @Order(2)
    void agentsOnDifferentNodesSeeEachOtherOnATicket() throws Exception {
        try (Browser aliceOnA = new Browser(nodeA.baseUrl()); Browser bobOnB = new Browser(nodeB.baseUrl())) {
            aliceOnA.signIn("alice@cluster.test", "demo-password-1");
            aliceOnA.waitForText("#queue-title", "My tickets");
            bobOnB.signIn("bob@cluster.test", "demo-password-1");
            bobOnB.waitForText("#queue-title", "My tickets");

            aliceOnA.open("/agent/tickets/1003");
            aliceOnA.waitForLive();
            bobOnB.open("/agent/tickets/1003");
            bobOnB.waitForLive();
            aliceOnA.waitForText("#presence", "Bob Smith is viewing");
            bobOnB.waitForText("#presence", "Alice Johnson is viewing");

            bobOnB.editor("replyEditor").sendKeys("Let me take this one");
            aliceOnA.waitForText("#presence", "Bob Smith is replying");
        }
    }

    @Test
    @Order(3)
    void aPluginSwitchedOffOnOneNodeStopsOnTheOtherAndComesBackWithIt() throws Exception {
        Api adminOnA = api(nodeA, ADMIN, PASSWORD);
        Api adminOnB = api(nodeB, ADMIN, PASSWORD);
        String plugin = "/api/plugins/channel-webform";
        assertThat(adminOnA.put(plugin, "{\"enabled\":true}").status()).isEqualTo(200);
        Await.await(() -> adminOnB.get(plugin).json().getBoolean("enabled") ? true : null, "the web form plugin enabled on node B");

        assertThat(adminOnA.put(plugin, "{\"enabled\":false}").status()).isEqualTo(200);
        Await.await(() -> adminOnB.get(plugin).json().getBoolean("enabled") ? null : true, "the web form plugin stopped on node B");
        assertThat(adminOnB.get(plugin).json().getJsonObject("health").getString("state")).isEqualTo("disabled");

        assertThat(adminOnA.put(plugin, "{\"enabled\":true}").status()).isEqualTo(200);
        Await.await(() -> adminOnB.get(plugin).json().getBoolean("enabled") ? true : null, "the web form plugin running again on node B");
    }

    @Test
    @Order(4)
    void failedSignInsThroughEitherNodeCountAgainstOneLimit() throws Exception {
        Api anonymousOnA = new Api(nodeA.baseUrl(), null);
        Api anonymousOnB = new Api(nodeB.baseUrl(), null);
        // a guesser spreads five wrong passwords for one account over both nodes, from one address
        for (int i = 0; i < 5; i++) {
            Api.Reply guess = (i % 2 == 0 ? anonymousOnA : anonymousOnB).post("/api/auth/login",
                    Json.createObjectBuilder().add("email", "carol@cluster.test").add("password", "not-it-" + i).build());
            assertThat(guess.status()).as(guess.body()).isEqualTo(401);
        }
        // the limit is five per account and address, whichever nodes they went to: even the right password now waits
        for (Api node : List.of(anonymousOnB, anonymousOnA)) {
            Api.Reply sixth = node.post("/api/auth/login",
                    Json.createObjectBuilder().add("email", "carol@cluster.test").add("password", "demo-password-1").build());
            assertThat(sixth.status()).as(sixth.body()).isEqualTo(429);
            assertThat(sixth.body()).contains("Too many failed sign-ins");
        }
        assertThat(Api.login(nodeB.baseUrl(), "alice@cluster.test", "demo-password-1")).as("another account from the same address").isNotBlank();
    }

    @Test
    @Order(5)
    void aNodeKilledDuringWritesLosesNothingItAcknowledgedAndTheOtherCarriesOn() throws Exception {
        Api adminOnA = api(nodeA, ADMIN, PASSWORD);
        Api adminOnB = api(nodeB, ADMIN, PASSWORD);
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicInteger refusedOrLost = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch someThroughB = new CountDownLatch(20);
        List<Thread> writers = List.of(writer("B", adminOnB, acknowledged, refusedOrLost, stop, someThroughB),
                writer("A", adminOnA, acknowledged, refusedOrLost, stop, new CountDownLatch(0)));
        writers.forEach(Thread::start);
        assertThat(someThroughB.await(60, TimeUnit.SECONDS)).as("writes through node B before the kill").isTrue();

        nodeB.kill();
        int atKill = acknowledged.size();
        // node A carries on: its writer keeps being answered
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acknowledged.size() < atKill + 20 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        stop.set(true);
        for (Thread writer : writers) {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(acknowledged.size()).as("node A answered after node B was killed").isGreaterThanOrEqualTo(atKill + 20);
        awaitMembers(nodeA, 1);

        for (String id : acknowledged) {
            Api.Reply ticket = adminOnA.get("/api/tickets/" + id);
            assertThat(ticket.status()).as("acknowledged ticket " + id).isEqualTo(200);
        }

        nodeB.start("start");
        awaitMembers(nodeA, 2);
        awaitMembers(nodeB, 2);
        Api again = api(nodeB, ADMIN, PASSWORD);
        String last = acknowledged.stream().reduce((first, second) -> second).orElseThrow();
        assertThat(again.get("/api/tickets/" + last).status()).isEqualTo(200);
    }

    /** Creates tickets through one node until stopped; keeps the id of each one the node acknowledged (201). */
    private static Thread writer(String node, Api api, ConcurrentLinkedQueue<String> acknowledged, AtomicInteger refusedOrLost,
            AtomicBoolean stop, CountDownLatch progress) {
        return new Thread(() -> {
            int i = 0;
            while (!stop.get()) {
                try {
                    Api.Reply reply = api.post("/api/tickets", Json.createObjectBuilder().add("subject", "Written through node " + node + " #" + i++)
                            .add("requester_email", "writer-" + node.toLowerCase() + "@customer.test").add("requester_name", "Writer").build());
                    if (reply.status() == 201) {
                        acknowledged.add(reply.json().getString("id"));
                        progress.countDown();
                    } else {
                        refusedOrLost.incrementAndGet();
                    }
                } catch (Exception killedMidRequest) {
                    refusedOrLost.incrementAndGet(); // not acknowledged: the client would retry
                    if (stop.get()) {
                        return;
                    }
                    try {
                        Thread.sleep(50); // the node is gone: do not spin on refused connections
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "writer-" + node);
    }
}
