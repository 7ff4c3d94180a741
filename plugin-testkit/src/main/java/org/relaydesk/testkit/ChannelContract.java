package org.relaydesk.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.relaydesk.api.channel.Capability;
import org.relaydesk.api.channel.ChannelAccount;
import org.relaydesk.api.channel.ChannelConnector;
import org.relaydesk.api.channel.ChannelConnectorFactory;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.InboundMessage;
import org.relaydesk.api.channel.OutboundMessage;
import org.relaydesk.api.channel.RawMessage;
import org.relaydesk.api.channel.SentMessage;
import org.relaydesk.api.plugin.ConfigField;

/**
 * What the host relies on from every channel plugin. A plugin's test class extends this, says how to
 * make its factory, a working account and an arriving message, and gets these tests:
 * it declares itself properly, a message that arrives is handed over once and reads back, what
 * cannot be read is a ChannelException (never a crash), and a sending kind names what it sent.
 */
public abstract class ChannelContract {
    /** The factory under test. */
    protected abstract ChannelConnectorFactory factory() throws Exception;

    /** An account whose settings work (e.g. pointing at a test server or folder). */
    protected abstract ChannelAccount account() throws Exception;

    /** Makes one message arrive at the account's source, from {@code from} with this subject and text (polling kinds only). */
    protected abstract void arrive(String externalId, String from, String subject, String text) throws Exception;

    /** Bytes that are not a message of this kind. */
    protected byte[] unreadable() {
        return new byte[] {0, 1, 2, 3};
    }

    @Test
    public void itDeclaresAKindANameAnIconAndValidSettings() throws Exception {
        ChannelConnectorFactory factory = factory();
        assertTrue(factory.kind().matches("[a-z][a-z0-9]*"), "the kind is a lowercase word: " + factory.kind());
        assertFalse(factory.name().isBlank(), "a name for administrators");
        assertFalse(factory.icon().isBlank(), "an icon");
        assertFalse(factory.capabilities().isEmpty(), "what it can do");
        Set<String> keys = new HashSet<>();
        for (ConfigField field : factory.configFields()) {
            assertTrue(keys.add(field.key()), "each setting once: " + field.key());
            if (field.defaultValue() != null) {
                assertNull(field.problem(field.defaultValue()), field.key() + ": its default fits the field");
            }
        }
    }

    @Test
    public void theTestAccountFitsTheDeclaredSettings() throws Exception {
        ChannelAccount account = account();
        assertEquals(factory().kind(), account.kind());
        for (ConfigField field : factory().configFields()) {
            assertNull(field.problem(account.config().get(field.key())), field.key() + " " + field.problem(account.config().get(field.key())));
        }
    }

    @Test
    public void aMessageThatArrivesIsHandedOverOnceAndReadsBack() throws Exception {
        ChannelConnectorFactory factory = factory();
        if (!factory.capabilities().contains(Capability.INBOUND_POLLING)) {
            return; // web channels hand messages over while they answer a request: their own tests cover it
        }
        arrive("<contract-1@relaydesk.test>", "carla@customer.test", "Contract subject", "Contract text");
        RecordingSink sink = new RecordingSink();
        try (ChannelConnector connector = factory.create(account())) {
            connector.poll(sink);
            connector.poll(sink);
        }
        List<RawMessage> accepted = sink.accepted();
        assertEquals(1, accepted.size(), "the message, once");
        InboundMessage message = factory.parse(accepted.get(0));
        assertEquals(accepted.get(0).externalId(), message.externalId());
        assertEquals("carla@customer.test", message.fromAddress());
        assertEquals("Contract subject", message.subject());
        assertTrue((message.text() == null ? "" : message.text()).contains("Contract text")
                || (message.html() == null ? "" : message.html()).contains("Contract text"), "the text");
        assertDoesNotThrow(() -> factory.parse(accepted.get(0)), "parse may run again (a retry)");
    }

    @Test
    public void whatCannotBeReadIsAChannelException() throws Exception {
        ChannelConnectorFactory factory = factory();
        assertThrows(ChannelException.class, () -> factory.parse(new RawMessage("<garbage@relaydesk.test>", "application/octet-stream", unreadable(),
                Instant.now())));
    }

    @Test
    public void aSendingKindNamesWhatItSent() throws Exception {
        ChannelConnectorFactory factory = factory();
        if (!factory.capabilities().contains(Capability.OUTBOUND)) {
            return;
        }
        try (ChannelConnector connector = factory.create(account())) {
            SentMessage sent = connector.send(new OutboundMessage("#1001", "carla@customer.test", "Carla", "Contract subject", "Contract reply",
                    "<p>Contract reply</p>", List.of("<contract-1@relaydesk.test>"), "Alice Agent"));
            assertNotNull(sent);
            assertFalse(sent.externalId().isBlank(), "the id replies will reference");
        }
    }

    /** UTF-8 bytes, for sources that store text. */
    protected static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
