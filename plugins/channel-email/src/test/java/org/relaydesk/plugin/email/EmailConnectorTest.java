package org.relaydesk.plugin.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Folder;
import jakarta.mail.Multipart;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relaydesk.api.channel.ChannelConnector;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.InboundMessage;
import org.relaydesk.api.channel.OutboundAttachment;
import org.relaydesk.api.channel.OutboundMessage;
import org.relaydesk.api.channel.QuotedMessage;
import org.relaydesk.api.channel.SentMessage;
import org.relaydesk.testkit.RecordingSink;

/** The mailbox connector against GreenMail: reading, marking, moving, waiting with IDLE, sending. */
class EmailConnectorTest {
    private TestMailServer server;
    private final EmailChannel channel = new EmailChannel();

    @BeforeEach
    void start() throws Exception {
        server = new TestMailServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void unreadMailIsHandedOverThenMarkedReadAndNotOfferedAgain() throws Exception {
        server.append(TestMailServer.message("<a1@customer.test>", "Ann <ann@customer.test>", "Printer on fire", "It smokes."));
        server.append(TestMailServer.message("<a2@customer.test>", "bob@customer.test", "Second", "Hello"));
        RecordingSink sink = new RecordingSink();
        try (ChannelConnector connector = channel.create(server.account(Map.of()))) {
            connector.poll(sink);
            connector.poll(sink);
        }
        assertThat(sink.accepted()).extracting(r -> r.externalId()).containsExactly("a1@customer.test", "a2@customer.test");
        InboundMessage first = channel.parse(sink.accepted().get(0));
        assertThat(first.fromName()).isEqualTo("Ann");
        assertThat(first.text()).isEqualTo("It smokes.");
        try (Store store = server.store(); Folder inbox = store.getFolder("INBOX")) {
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getUnreadMessageCount()).as("both marked read").isZero();
            assertThat(inbox.getMessageCount()).as("and left where they were").isEqualTo(2);
        }
    }

    @Test
    void withMoveImportedMailGoesToTheArchiveFolder() throws Exception {
        server.append(TestMailServer.message("<m1@customer.test>", "ann@customer.test", "Move me", "Text"));
        RecordingSink sink = new RecordingSink();
        try (ChannelConnector connector = channel.create(server.account(Map.of("imap.after_import", "move", "imap.archive_folder", "Done")))) {
            connector.poll(sink);
        }
        assertThat(sink.accepted()).hasSize(1);
        try (Store store = server.store(); Folder inbox = store.getFolder("INBOX"); Folder done = store.getFolder("Done")) {
            inbox.open(Folder.READ_ONLY);
            done.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isZero();
            assertThat(done.getMessageCount()).isEqualTo(1);
        }
    }

    @Test
    void aMessageTheHostCouldNotStoreStaysUnreadForTheNextPoll() throws Exception {
        server.append(TestMailServer.message("<s1@customer.test>", "ann@customer.test", "Keep me", "Text"));
        try (ChannelConnector connector = channel.create(server.account(Map.of()))) {
            assertThatThrownBy(() -> connector.poll(message -> {
                throw new ChannelException("database away");
            })).isInstanceOf(ChannelException.class);
            RecordingSink sink = new RecordingSink();
            connector.poll(sink);
            assertThat(sink.accepted()).extracting(r -> r.externalId()).containsExactly("s1@customer.test");
        }
    }

    @Test
    void aMessageTooLargeToKeepIsNamedMarkedAndBlocksNothingBehindIt() throws Exception {
        byte[] big = new byte[23 * 1024 * 1024];
        new java.util.Random(7).nextBytes(big);
        server.append("Message-ID: <big@customer.test>\r\nFrom: ann@customer.test\r\nSubject: Whole disk image\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getMimeEncoder().encodeToString(big) + "\r\n");
        server.append(TestMailServer.message("<after@customer.test>", "bob@customer.test", "After the big one", "Hello"));
        RecordingSink sink = new RecordingSink();
        try (ChannelConnector connector = channel.create(server.account(Map.of()))) {
            assertThatThrownBy(() -> connector.poll(sink)).isInstanceOf(ChannelException.class)
                    .hasMessageContaining("from ann@customer.test (Whole disk image) is larger than the 30 MB Relaydesk takes");
            assertThat(sink.accepted()).extracting(r -> r.externalId()).containsExactly("after@customer.test");
            connector.poll(sink);
        }
        assertThat(sink.offered()).as("the big one is not offered again").isEqualTo(1);
    }

    @Test
    void idleReturnsAsSoonAsMailArrivesAndAtTheLimitWhenNoneDoes() throws Exception {
        try (ChannelConnector connector = channel.create(server.account(Map.of()))) {
            connector.poll(new RecordingSink());
            Instant before = Instant.now();
            assertThat(connector.awaitArrival(Duration.ofSeconds(1))).as("nothing came").isFalse();
            assertThat(Duration.between(before, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(900));

            CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return connector.awaitArrival(Duration.ofSeconds(20));
                } catch (ChannelException e) {
                    throw new IllegalStateException(e);
                }
            });
            server.append(TestMailServer.message("<i1@customer.test>", "ann@customer.test", "Pushed", "Text"));
            assertThat(waiting.get(10, TimeUnit.SECONDS)).as("the server announced it, long before the 20 s").isTrue();
            RecordingSink sink = new RecordingSink();
            connector.poll(sink);
            assertThat(sink.accepted()).hasSize(1);
        }
    }

    @Test
    void aReplyIsAProperEmailThatThreadsQuotesSignsAndCarriesTheFiles() throws Exception {
        SentMessage sent;
        try (ChannelConnector connector = channel.create(server.account(Map.of("signature", "Example Support\nexample.test")))) {
            sent = connector.send(new OutboundMessage("#1001", "ann@customer.test", "Ann Customer", "Printer on fire", "We are on our way.",
                    "<p>We are on our way.</p>", List.of("a1@customer.test", "relaydesk.x@example.test"), "Alice Agent",
                    new QuotedMessage("Ann Customer", Instant.parse("2026-12-01T10:00:00Z"), "It smokes.\nPlease help."),
                    List.of(new OutboundAttachment("steps.txt", "text/plain", "1. unplug".getBytes(StandardCharsets.UTF_8)))));
        }
        assertThat(server.mail.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage received = server.mail.getReceivedMessages()[0];
        assertThat(received.getHeader("Message-ID", null)).isEqualTo("<" + sent.externalId() + ">");
        assertThat(sent.externalId()).endsWith("@example.test");
        assertThat(received.getFrom()[0].toString()).isEqualTo("Example Support <support@example.test>");
        assertThat(received.getSubject()).isEqualTo("Re: [#1001] Printer on fire");
        assertThat(received.getHeader("In-Reply-To", null)).isEqualTo("<relaydesk.x@example.test>");
        assertThat(received.getHeader("References", null)).isEqualTo("<a1@customer.test> <relaydesk.x@example.test>");
        InboundMessage read = MailParser.parse(raw(received));
        assertThat(read.attachments()).extracting(a -> a.filename()).containsExactly("steps.txt");
        Multipart mixed = (Multipart) received.getContent();
        Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
        String text = ((String) alternative.getBodyPart(0).getContent()).replace("\r\n", "\n");
        assertThat(text).startsWith("We are on our way.\n\n-- \nExample Support\nexample.test\n\nOn Tue, 1 Dec 2026 at 10:00 UTC, Ann Customer wrote:\n"
                + "> It smokes.\n> Please help.");
        String html = (String) alternative.getBodyPart(1).getContent();
        assertThat(html).contains("<p>We are on our way.</p>").contains("<blockquote type=\"cite\"").contains("It smokes.<br>Please help.");
        assertThat(received.getHeader("Auto-Submitted")).as("a person's answer").isNull();
    }

    @Test
    void aNoticeAboutNoTicketSaysItIsAutomatic() throws Exception {
        try (ChannelConnector connector = channel.create(server.account(Map.of()))) {
            connector.send(new OutboundMessage(null, "ann@customer.test", null, "Reset your password", "Follow the link", null, List.of(), null));
        }
        assertThat(server.mail.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage received = server.mail.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("Reset your password");
        assertThat(received.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
    }

    @Test
    void serverProblemsAreExplained() throws Exception {
        try (ChannelConnector connector = channel.create(server.account(Map.of("imap.password", "wrong")))) {
            assertThatThrownBy(() -> connector.poll(new RecordingSink())).isInstanceOf(ChannelException.class)
                    .hasMessageContaining("refused the user name or password")
                    .satisfies(e -> assertThat(((ChannelException) e).failure()).isEqualTo(ChannelException.Failure.SIGN_IN_REFUSED));
        }
        try (ChannelConnector connector = channel.create(server.account(Map.of("imap.folder", "Nowhere")))) {
            assertThatThrownBy(() -> connector.poll(new RecordingSink())).hasMessageContaining("there is no folder \"Nowhere\"");
        }
        try (ChannelConnector connector = channel.create(server.account(Map.of("smtp.host", "")))) {
            assertThatThrownBy(() -> connector.send(new OutboundMessage("#1", "a@b.test", null, "s", "t", null, List.of(), null)))
                    .hasMessageContaining("no SMTP server");
        }
        assertThatThrownBy(() -> channel.create(server.account(Map.of("from.address", "")))).hasMessageContaining("from.address is required");
    }

    private static byte[] raw(MimeMessage message) throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }
}
