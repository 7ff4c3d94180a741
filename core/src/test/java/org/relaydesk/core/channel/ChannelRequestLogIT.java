package org.relaydesk.core.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.persistence.SchemaMigrator;
import org.relaydesk.testing.TestDatabase;

/** The channel request log on PostgreSQL: what a webhook and a send write, what admins find with each filter, the purge, and workspaces apart. */
class ChannelRequestLogIT {
    private static final UUID ACME = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID GLOBEX = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
    private static final UUID ACME_NUMBER = UUID.fromString("00000000-0000-0000-0000-0000000000a2");
    private static final UUID ACME_SECOND_NUMBER = UUID.fromString("00000000-0000-0000-0000-0000000000a3");
    private static final UUID GLOBEX_NUMBER = UUID.fromString("00000000-0000-0000-0000-0000000000b2");
    private static final Instant NOW = Instant.now();

    private static TestDatabase database;
    private static Connection connection;

    @BeforeAll
    static void migrateAndFill() throws Exception {
        database = TestDatabase.create();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.url());
        dataSource.setUser(database.user());
        SchemaMigrator.migrate(dataSource);
        connection = database.connect();
        try (Statement sql = connection.createStatement()) {
            sql.execute("""
                    INSERT INTO workspaces (id, name, slug) VALUES ('%s', 'Acme', 'acme'), ('%s', 'Globex', 'globex');
                    INSERT INTO channel_accounts (id, workspace_id, kind, name, created_at, updated_at) VALUES
                        ('%s', '%s', 'whatsapp', 'Acme support', now(), now()), ('%s', '%s', 'whatsapp', 'Acme sales', now(), now()),
                        ('%s', '%s', 'whatsapp', 'Globex support', now(), now());
                    """.formatted(ACME, GLOBEX, ACME_NUMBER, ACME, ACME_SECOND_NUMBER, ACME, GLOBEX_NUMBER, GLOBEX));
        }
        // a signed webhook with a message and a status, a refused one, a send and a failed send; the same customer writes to Globex
        write(in(ACME, ACME_NUMBER, NOW.minusSeconds(60), 200, List.of("wamid.HBgMOTcy", "status:wamid.OUT1:read"), List.of("972987654321")));
        write(in(ACME, ACME_NUMBER, NOW.minusSeconds(50), 401, List.of(), List.of()));
        SendTrace sent = new SendTrace(ACME, ACME_SECOND_NUMBER, NOW.minusSeconds(40));
        sent.to("+1 (650) 555-1234");
        write(sent.sent("wamid.OUT1"));
        SendTrace refused = new SendTrace(ACME, ACME_NUMBER, NOW.minusSeconds(30));
        refused.to("972987654321");
        write(refused.failed(new org.relaydesk.core.outbox.OutboxDeliverer.DeliveryFailed(
                "the provider refused it: WhatsApp refused the message: (#131047) Re-engagement message (HTTP 400, fbtrace_id Ax)", true)));
        write(in(GLOBEX, GLOBEX_NUMBER, NOW.minusSeconds(20), 200, List.of("wamid.GLOBEX"), List.of("972987654321")));
        write(in(ACME, ACME_NUMBER, NOW.minus(Duration.ofDays(40)), 200, List.of("wamid.OLD"), List.of("972987654321")));
    }

    @AfterAll
    static void drop() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aWorkspaceSeesOnlyItsOwnLinesNewestFirst() throws Exception {
        List<ChannelRequest> acme = search(ACME, ChannelRequestStore.Filter.none());
        assertThat(acme).extracting(ChannelRequest::workspaceId).containsOnly(ACME);
        assertThat(acme).hasSize(5);
        ChannelRequest refused = acme.stream().filter(line -> "refused".equals(line.outcome())).findFirst().orElseThrow();
        assertThat(refused.path()).as("never the query, where a verify token travels").isEqualTo("webhook");
        assertThat(refused.bodyBytes()).isEqualTo(12);
        assertThat(refused.toString()).doesNotContain("vt-s3cr3t-77");
        assertThat(acme).extracting(ChannelRequest::at).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(search(GLOBEX, ChannelRequestStore.Filter.none())).extracting(ChannelRequest::messageIds).containsExactly(List.of("wamid.GLOBEX"));
        // asking for another workspace's number from Acme finds nothing
        assertThat(search(ACME, filter(List.of(GLOBEX_NUMBER), null, null, null, null))).isEmpty();
        assertThat(search(ACME, filter(List.of(ACME_SECOND_NUMBER), null, null, null, null))).extracting(ChannelRequest::outcome).containsExactly("sent");
        assertThat(search(ACME, filter(List.of(), null, null, null, null))).as("no numbers, no lines").isEmpty();
    }

    @Test
    void aPhoneNumberIsFoundHoweverItIsTyped() throws Exception {
        assertThat(search(ACME, filter(null, null, null, "+972 98765-4321", null))).extracting(ChannelRequest::direction, ChannelRequest::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("out", "failed"), org.assertj.core.groups.Tuple.tuple("in", "accepted"),
                        org.assertj.core.groups.Tuple.tuple("in", "accepted"));
        assertThat(search(ACME, filter(null, null, null, "16505551234", null))).singleElement()
                .satisfies(line -> assertThat(line.accountId()).isEqualTo(ACME_SECOND_NUMBER));
    }

    @Test
    void aMessageIdFindsTheMessageAndItsStatuses() throws Exception {
        assertThat(search(ACME, filter(null, null, null, null, "wamid.OUT1"))).extracting(ChannelRequest::direction).containsExactly("out", "in");
        assertThat(search(ACME, filter(null, null, null, null, "wamid.GLOBEX"))).as("another workspace's message").isEmpty();
    }

    @Test
    void outcomesDirectionsAndTimeRangesNarrowTheLog() throws Exception {
        ChannelRequest refused = search(ACME, filter(null, null, "refused", null, null)).get(0);
        assertThat(refused.httpStatus()).isEqualTo(401);
        assertThat(refused.error()).contains("signature");
        ChannelRequest failed = search(ACME, filter(null, "out", "failed", null, null)).get(0);
        assertThat(failed.httpStatus()).isEqualTo(400);
        assertThat(failed.errorCode()).isEqualTo("131047");
        assertThat(search(ACME, new ChannelRequestStore.Filter(null, null, null, null, null, NOW.minusSeconds(45), NOW))).hasSize(2);
        assertThat(search(ACME, new ChannelRequestStore.Filter(null, null, null, null, null, null, NOW.minus(Duration.ofDays(30)))))
                .extracting(ChannelRequest::messageIds).containsExactly(List.of("wamid.OLD"));
    }

    @Test
    void pagesSayWhetherMoreFollow() throws Exception {
        ChannelRequestStore.Page first = ChannelRequestStore.search(connection, ACME, ChannelRequestStore.Filter.none(), 0, 3);
        ChannelRequestStore.Page second = ChannelRequestStore.search(connection, ACME, ChannelRequestStore.Filter.none(), 3, 3);
        assertThat(first.lines()).hasSize(3);
        assertThat(first.more()).isTrue();
        assertThat(second.lines()).hasSize(2);
        assertThat(second.more()).isFalse();
        assertThat(first.lines()).doesNotContainAnyElementsOf(second.lines());
    }

    @Test
    void filtersThatMakeNoSenseAreRefusedWithAReason() {
        assertThatThrownBy(() -> ChannelRequestLog.checked(filter(null, null, null, "call me maybe", null))).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).fieldErrors()).containsKey("phone"));
        assertThatThrownBy(() -> ChannelRequestLog.checked(filter(null, "sideways", "lost", null, null))).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).fieldErrors()).containsKeys("direction", "outcome"));
        assertThatThrownBy(() -> ChannelRequestLog.checked(new ChannelRequestStore.Filter(null, null, null, null, null, NOW, NOW.minusSeconds(1))))
                .isInstanceOf(InvalidInputException.class);
        assertThat(ChannelRequestLog.checked(filter(null, " ", " Failed ", " +1 650 555 1234 ", ""))).satisfies(f -> {
            assertThat(f.direction()).isNull();
            assertThat(f.outcome()).isEqualTo("failed");
            assertThat(f.address()).isEqualTo("+1 650 555 1234");
            assertThat(f.messageId()).isNull();
        });
    }

    /** Its own ancient line: the other tests' lines stay. */
    @Test
    void thePurgeRemovesOnlyLinesOlderThanTheRetentionOfEveryWorkspace() throws Exception {
        write(in(GLOBEX, GLOBEX_NUMBER, NOW.minus(Duration.ofDays(400)), 200, List.of("wamid.ANCIENT"), List.of()));
        int removed = ChannelRequestStore.purge(connection, NOW.minus(Duration.ofDays(365)));
        assertThat(removed).isEqualTo(1);
        assertThat(search(GLOBEX, filter(null, null, null, null, "wamid.ANCIENT"))).isEmpty();
        assertThat(search(GLOBEX, filter(null, null, null, null, "wamid.GLOBEX"))).hasSize(1);
        assertThat(search(ACME, filter(null, null, null, null, "wamid.OLD"))).as("younger than the retention").hasSize(1);
    }

    private static ChannelRequestStore.Filter filter(List<UUID> accounts, String direction, String outcome, String address, String messageId) {
        return new ChannelRequestStore.Filter(accounts, direction, outcome, address, messageId, null, null);
    }

    private static List<ChannelRequest> search(UUID workspace, ChannelRequestStore.Filter filter) throws Exception {
        return ChannelRequestStore.search(connection, workspace, ChannelRequestLog.checked(filter), 0, 50).lines();
    }

    private static void write(ChannelRequest line) throws Exception {
        ChannelRequestStore.insert(connection, line);
    }

    /** A webhook as ChannelHttp traces it: each id stored through the inbox as a JSON item from the sender, then the answer. */
    private static ChannelRequest in(UUID workspace, UUID account, Instant at, int status, List<String> ids, List<String> senders) throws Exception {
        byte[] body = "{\"entry\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        RequestTrace trace = new RequestTrace(workspace, account, new org.relaydesk.api.channel.HttpRequest("POST", "webhook",
                java.util.Map.of("X-Hub-Signature-256", List.of("sha256=00")), java.util.Map.of("hub.verify_token", List.of("vt-s3cr3t-77")), body, "127.0.0.1"), at);
        org.relaydesk.api.channel.InboundSink inbox = trace.watching(message -> true);
        for (String id : ids) {
            String sender = senders.isEmpty() ? "0" : senders.get(0);
            inbox.accept(new org.relaydesk.api.channel.RawMessage(id, "application/json",
                    ("{\"field\":\"messages\",\"message\":{\"from\":\"" + sender + "\",\"id\":\"" + id + "\"}}").getBytes(java.nio.charset.StandardCharsets.UTF_8), at));
        }
        return trace.answered(status == 401
                ? org.relaydesk.api.channel.HttpResponse.json(401, "{\"message\":\"The X-Hub-Signature-256 signature is missing or does not match this number's app secret\"}")
                : org.relaydesk.api.channel.HttpResponse.json(status, "{\"stored\":" + ids.size() + "}"));
    }
}
