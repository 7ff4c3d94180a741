package org.relaydesk.plugin.webform;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relaydesk.api.channel.ChannelAccount;
import org.relaydesk.api.channel.ChannelConnector;
import org.relaydesk.api.channel.HttpChannelContext;
import org.relaydesk.api.channel.HttpRequest;
import org.relaydesk.api.channel.HttpResponse;
import org.relaydesk.api.channel.InboundMessage;
import org.relaydesk.api.channel.RawMessage;
import org.relaydesk.api.host.KeyValueStore;

/**
 * The form's public address with the host's side played by a recording context (the host's real
 * one is tested end to end in a browser): origins, the signed stamp, the honeypot, proof of work,
 * field checks, limits, and the stored submission read back.
 */
class WebFormConnectorTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final WebFormChannel channel = new WebFormChannel();
    private final List<RawMessage> submitted = new ArrayList<>();
    private HttpChannelContext.Filed answer = new HttpChannelContext.Filed("#1042", "https://desk.example.com/track.html?ticket=t&token=rdt_x");
    private final HttpChannelContext context = new HttpChannelContext() {
        public String publicUrl() {
            return "https://desk.example.com/api/public/channels/abc/";
        }

        public byte[] signingKey() {
            return KEY;
        }

        public List<TicketField> ticketFields() {
            return List.of(new TicketField("device", "Device", "select", List.of("Laptop", "Phone"), false));
        }

        public Filed submit(RawMessage message, boolean confirmByEmail) {
            submitted.add(message);
            return answer;
        }
    };

    private ChannelConnector form(Map<String, String> config) throws Exception {
        return channel.create(new ChannelAccount(UUID.randomUUID(), "webform", "Shop", config));
    }

    private static HttpRequest request(String method, String path, String origin, String body) {
        Map<String, List<String>> headers = origin == null ? Map.of("Host", List.of("desk.example.com"))
                : Map.of("Origin", List.of(origin), "Host", List.of("desk.example.com"));
        return new HttpRequest(method, path, headers, Map.of(), body == null ? null : body.getBytes(StandardCharsets.UTF_8), "203.0.113.7");
    }

    private static JsonObject json(HttpResponse response) {
        return Json.object(new String(response.body(), StandardCharsets.UTF_8));
    }

    private static String oldStamp() {
        return Stamp.issue(KEY, Instant.now().minusSeconds(10));
    }

    private static String post(String stamp, String extra) {
        return "{\"name\":\"Wanda\",\"email\":\"Wanda@Web.test\",\"subject\":\"Charger\",\"message\":\"It does not fit.\",\"stamp\":\"" + stamp + "\""
                + extra + "}";
    }

    @Test
    void onlyAllowedSitesAndTheDeskItselfMayUseTheForm() throws Exception {
        ChannelConnector form = form(Map.of("allowed.origins", "https://shop.example.com/"));
        HttpResponse allowed = form.handle(request("GET", "config", "https://shop.example.com", null), context);
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.headers()).containsEntry("Access-Control-Allow-Origin", "https://shop.example.com");
        assertThat(json(allowed).getString("title")).isEqualTo("Contact support");
        assertThat(json(allowed).getJsonArray("fields").getJsonObject(0).getString("key")).isEqualTo("device");
        HttpResponse refused = form.handle(request("GET", "config", "https://evil.example.net", null), context);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(json(refused).getString("message")).isEqualTo("This form may not be used on https://evil.example.net.");
        assertThat(form.handle(request("GET", "config", "https://desk.example.com", null), context).status()).as("the hosted page").isEqualTo(200);
        assertThat(form.handle(request("OPTIONS", "submit", "https://shop.example.com", null), context).headers())
                .containsEntry("Access-Control-Allow-Methods", "GET, POST").containsEntry("Access-Control-Allow-Headers", "Content-Type");
        assertThat(new String(form.handle(request("GET", "webform.js", null, null), context).body(), StandardCharsets.UTF_8))
                .contains("document.currentScript");
        assertThat(form.handle(request("GET", "nothing-here", null, null), context).status()).isEqualTo(404);
    }

    @Test
    void aGoodPostIsFiledAndReadsBackWithItsFieldsAndFiles() throws Exception {
        ChannelConnector form = form(Map.of());
        String file = Base64.getEncoder().encodeToString("%PDF-1.4".getBytes(StandardCharsets.US_ASCII));
        HttpResponse answer = form.handle(request("POST", "submit", null, post(oldStamp(), ",\"fields\":{\"device\":\"Laptop\",\"unknown\":\"x\"},"
                + "\"files\":[{\"name\":\"C:\\\\Users\\\\w\\\\receipt.pdf\",\"type\":\"application/pdf\",\"data\":\"" + file + "\"}]")), context);
        assertThat(answer.status()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        assertThat(json(answer).getString("ticket_number")).isEqualTo("#1042");
        assertThat(json(answer).getString("status_url")).contains("/track.html?ticket=");
        InboundMessage message = channel.parse(submitted.get(0));
        assertThat(message.fromAddress()).isEqualTo("wanda@web.test");
        assertThat(message.fromName()).isEqualTo("Wanda");
        assertThat(message.subject()).isEqualTo("Charger");
        assertThat(message.text()).isEqualTo("It does not fit.");
        assertThat(message.ticketFields()).containsExactly(Map.entry("device", "Laptop"));
        assertThat(message.attachments()).singleElement().satisfies(a -> {
            assertThat(a.filename()).isEqualTo("receipt.pdf");
            assertThat(new String(a.content(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4");
        });
    }

    @Test
    void robotsAreTurnedAway() throws Exception {
        ChannelConnector form = form(Map.of("min.seconds", "3"));
        String fresh = Stamp.issue(KEY, Instant.now());
        assertThat(json(form.handle(request("POST", "submit", null, post(fresh, "")), context)).getString("message")).contains("too fast");
        assertThat(form.handle(request("POST", "submit", null, post(oldStamp(), ",\"website\":\"http://x\"")), context).status()).isEqualTo(400);
        String forged = Stamp.issue("another key another key another k".getBytes(StandardCharsets.US_ASCII), Instant.now().minusSeconds(10));
        assertThat(json(form.handle(request("POST", "submit", null, post(forged, "")), context)).getString("message")).contains("reload the page");
        String stale = Stamp.issue(KEY, Instant.now().minus(Stamp.LONGEST).minusSeconds(1));
        assertThat(json(form.handle(request("POST", "submit", null, post(stale, "")), context)).getString("message")).contains("open too long");
        assertThat(form.handle(request("POST", "submit", null, "not json"), context).status()).isEqualTo(400);
        assertThat(submitted).isEmpty();
    }

    @Test
    void withProofOfWorkOnlyAPostThatDidTheWorkIsTaken() throws Exception {
        ChannelConnector form = form(Map.of("pow.bits", "12"));
        String stamp = oldStamp();
        assertThat(json(form.handle(request("POST", "submit", null, post(stamp, ",\"work\":\"0\"")), context)).getString("message"))
                .contains("check did not finish");
        int nonce = 0;
        while (!Stamp.worked(stamp, String.valueOf(nonce), 12)) {
            nonce++;
        }
        assertThat(form.handle(request("POST", "submit", null, post(stamp, ",\"work\":\"" + nonce + "\"")), context).status()).isEqualTo(201);
    }

    @Test
    void eachProblemIsNamedByItsFieldAndNothingIsFiled() throws Exception {
        HttpResponse answer = form(Map.of()).handle(request("POST", "submit", null, "{\"email\":\"nope\",\"message\":\"\",\"stamp\":\"" + oldStamp()
                + "\",\"files\":[{\"name\":\"run.exe\",\"data\":\"TVo=\"}]}"), context);
        assertThat(answer.status()).isEqualTo(400);
        JsonObject errors = json(answer).getJsonObject("errors");
        assertThat(errors.getString("email")).isEqualTo("is not an email address");
        assertThat(errors.getString("subject")).isEqualTo("is required");
        assertThat(errors.getString("message")).isEqualTo("is required");
        assertThat(errors.getString("files")).contains("run.exe: this kind of file cannot be sent");
        assertThat(submitted).isEmpty();
    }

    @Test
    void aStampIsGoodForOneRequest() throws Exception {
        ChannelConnector form = form(Map.of("pow.bits", "4"));
        String stamp = oldStamp();
        int nonce = 0;
        while (!Stamp.worked(stamp, String.valueOf(nonce), 4)) {
            nonce++;
        }
        String post = post(stamp, ",\"work\":\"" + nonce + "\"");
        assertThat(form.handle(request("POST", "submit", null, post), context).status()).isEqualTo(201);
        HttpResponse again = form.handle(request("POST", "submit", null, post), context);
        assertThat(again.status()).isEqualTo(400);
        assertThat(json(again).getString("message")).contains("sent already");
        assertThat(submitted).hasSize(1);
    }

    @Test
    void parallelPostsOfOneStampFileExactlyOneAcrossTheNodesOfACluster() throws Exception {
        KeyValueStore shared = new AtomicStore(); // the host's store: one for all nodes, with an atomic insert-if-absent
        assertThat(parallelPostsOfOneStamp(() -> shared, 2)).isEqualTo(1);
        assertThat(((AtomicStore) shared).values).hasSize(1).allSatisfy((key, value) -> assertThat(key).startsWith("stamp:"));
    }

    @Test
    void parallelPostsOfOneStampFileExactlyOneOnANodeWithoutStore() throws Exception {
        assertThat(parallelPostsOfOneStamp(() -> null, 1)).isEqualTo(1);
    }

    @Test
    void aStampRefusedByTheHostIsGivenBackSoTheCorrectedFormCanBeSent() throws Exception {
        KeyValueStore shared = new AtomicStore();
        ChannelConnector form = new WebFormConnector(WebFormSettings.of(new ChannelAccount(UUID.randomUUID(), "webform", "Shop", Map.of())),
                new StampClaims(() -> shared));
        String stamp = oldStamp();
        HttpChannelContext refusing = new HttpChannelContext() {
            public String publicUrl() {
                return context.publicUrl();
            }

            public byte[] signingKey() {
                return KEY;
            }

            public List<TicketField> ticketFields() {
                return List.of();
            }

            public Filed submit(RawMessage message, boolean confirmByEmail) throws org.relaydesk.api.channel.InvalidMessageException {
                throw new org.relaydesk.api.channel.InvalidMessageException(Map.of("email", "is refused here"));
            }
        };
        assertThat(form.handle(request("POST", "submit", null, post(stamp, "")), refusing).status()).isEqualTo(400);
        assertThat(form.handle(request("POST", "submit", null, post(stamp, "")), context).status()).isEqualTo(201);
        assertThat(form.handle(request("POST", "submit", null, post(stamp, "")), context).status()).as("and then only once").isEqualTo(400);
    }

    /**
     * Posts one stamp from 24 threads at once, spread over {@code nodes} forms, and returns how many
     * were filed. Each filing waits until every other post has answered or reached the filing too,
     * so that a check and a record made in separate steps would let them all through.
     */
    private int parallelPostsOfOneStamp(java.util.function.Supplier<KeyValueStore> store, int nodes) throws Exception {
        int posts = 24;
        WebFormSettings settings = WebFormSettings.of(new ChannelAccount(UUID.randomUUID(), "webform", "Shop", Map.of("per_hour", "1000")));
        List<ChannelConnector> forms = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            forms.add(new WebFormConnector(settings, new StampClaims(store)));
        }
        Object gate = new Object();
        int[] atFiling = {0};
        int[] answered = {0};
        List<RawMessage> filed = java.util.Collections.synchronizedList(new ArrayList<>());
        HttpChannelContext slowHost = new HttpChannelContext() {
            public String publicUrl() {
                return context.publicUrl();
            }

            public byte[] signingKey() {
                return KEY;
            }

            public List<TicketField> ticketFields() {
                return List.of();
            }

            public Filed submit(RawMessage message, boolean confirmByEmail) {
                synchronized (gate) {
                    atFiling[0]++;
                    gate.notifyAll();
                    while (atFiling[0] + answered[0] < posts) {
                        try {
                            gate.wait();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        }
                    }
                }
                filed.add(message);
                return answer;
            }
        };
        String body = post(oldStamp(), "");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(posts);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<HttpResponse>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < posts; i++) {
                ChannelConnector form = forms.get(i % nodes);
                answers.add(pool.submit(() -> {
                    start.await();
                    try {
                        return form.handle(request("POST", "submit", null, body), slowHost);
                    } finally {
                        synchronized (gate) {
                            answered[0]++;
                            gate.notifyAll();
                        }
                    }
                }));
            }
            start.countDown();
            int accepted = 0;
            for (var future : answers) {
                HttpResponse response = future.get(30, java.util.concurrent.TimeUnit.SECONDS);
                if (response.status() == 201) {
                    accepted++;
                } else {
                    assertThat(response.status()).isEqualTo(400);
                    assertThat(json(response).getString("message")).contains("sent already");
                }
            }
            assertThat(filed).hasSize(accepted);
            return accepted;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A store like the host's: its insert-if-absent is atomic. */
    private static final class AtomicStore implements KeyValueStore {
        final java.util.concurrent.ConcurrentSkipListMap<String, String> values = new java.util.concurrent.ConcurrentSkipListMap<>();

        public java.util.Optional<String> get(String key) {
            return java.util.Optional.ofNullable(values.get(key));
        }

        public void put(String key, String value) {
            values.put(key, value);
        }

        public void remove(String key) {
            values.remove(key);
        }

        public Map<String, String> list(String prefix) {
            return values.subMap(prefix, prefix + Character.MAX_VALUE);
        }

        public boolean replace(String key, String expected, String value) {
            return expected == null ? values.putIfAbsent(key, value) == null : values.replace(key, expected, value);
        }
    }

    @Test
    void aMessageKeptWithoutATicketIsAcknowledgedWithoutNumberOrLink() throws Exception {
        answer = new HttpChannelContext.Filed(null, null);
        HttpResponse received = form(Map.of()).handle(request("POST", "submit", null, post(oldStamp(), "")), context);
        assertThat(received.status()).isEqualTo(202);
        assertThat(json(received).getString("message")).contains("no need to send it again");
        assertThat(json(received).containsKey("status_url")).isFalse();
    }

    @Test
    void filesTogetherHaveALimit() throws Exception {
        String nineMb = Base64.getEncoder().encodeToString(new byte[9 * 1024 * 1024]);
        StringBuilder files = new StringBuilder(",\"files\":[");
        for (int i = 0; i < 3; i++) {
            files.append(i == 0 ? "" : ",").append("{\"name\":\"part").append(i).append(".pdf\",\"data\":\"").append(nineMb).append("\"}");
        }
        HttpResponse answer = form(Map.of()).handle(request("POST", "submit", null, post(oldStamp(), files + "]")), context);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(json(answer).getJsonObject("errors").getString("files")).contains("together more than 20 MB");
    }

    @Test
    void oneAddressMaySendOnlySoManyAnHour() throws Exception {
        ChannelConnector form = form(Map.of("per_hour", "2"));
        assertThat(form.handle(request("POST", "submit", null, post(oldStamp(), "")), context).status()).isEqualTo(201);
        assertThat(form.handle(request("POST", "submit", null, post(oldStamp(), "")), context).status()).isEqualTo(201);
        HttpResponse third = form.handle(request("POST", "submit", null, post(oldStamp(), "")), context);
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.headers()).containsKey("Retry-After");
        assertThat(submitted).hasSize(2);
    }

    @Test
    void badSettingsAreRefusedWithTheReason() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> form(Map.of("allowed.origins", "shop.example.com/page")))
                .hasMessageContaining("is not an origin like https://www.example.com");
    }
}
