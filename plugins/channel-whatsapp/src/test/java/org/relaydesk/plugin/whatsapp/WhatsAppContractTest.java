package org.relaydesk.plugin.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relaydesk.api.channel.AddressKind;
import org.relaydesk.api.channel.Capability;
import org.relaydesk.api.channel.ChannelAccount;
import org.relaydesk.api.channel.ChannelConnector;
import org.relaydesk.api.channel.ChannelConnectorFactory;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.OutboundMessage;
import org.relaydesk.testkit.ChannelContract;

/** What the host relies on from every channel plugin, and what the WhatsApp kind declares. */
class WhatsAppContractTest extends ChannelContract {
    @Override
    protected ChannelConnectorFactory factory() {
        return new WhatsAppChannel();
    }

    @Override
    protected ChannelAccount account() {
        return Fixture.account("https://graph.facebook.com", Fixture.PHONE_NUMBER_ID);
    }

    @Override
    protected void arrive(String externalId, String from, String subject, String text) {
        throw new UnsupportedOperationException("messages arrive by webhook: WebhookTest and CorpusTest");
    }

    /** The contract's own send goes to an email address, which a WhatsApp number refuses for good without contacting anyone. */
    @Override
    @Test
    public void aSendingKindNamesWhatItSent() throws Exception {
        try (ChannelConnector connector = factory().create(account())) {
            assertThatThrownBy(() -> connector.send(new OutboundMessage("#1001", "carla@customer.test", "Carla", "s", "Contract reply", null, List.of(),
                    "Alice"))).isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.retryable()).isFalse());
        }
    }

    @Test
    void itIsAMessagingChannelWithWhatsAppsWindow() {
        WhatsAppChannel channel = new WhatsAppChannel();
        assertThat(channel.kind()).isEqualTo("whatsapp");
        assertThat(channel.capabilities()).containsExactlyInAnyOrder(Capability.INBOUND_HTTP, Capability.OUTBOUND, Capability.ATTACHMENTS,
                Capability.MESSAGING, Capability.INTERACTIVE, Capability.TEMPLATES);
        assertThat(channel.addressKind()).isEqualTo(AddressKind.WHATSAPP);
        assertThat(channel.conversationWindow()).hasValueSatisfying(window -> {
            assertThat(window.length()).isEqualTo(Duration.ofHours(24));
            assertThat(window.reason()).contains("24 hours after the customer's last message");
            assertThat(window.whenClosed()).contains("approved template");
        });
        assertThat(channel.publicInstructions("https://desk.example.com/api/public/channels/abc/"))
                .contains("https://desk.example.com/api/public/channels/abc/webhook", "verify token", "messages", "message_template_status_update");
    }

    @Test
    void badSettingsAreRefusedWithEveryReason() {
        Map<String, String> config = new HashMap<>(account().config());
        config.put("phone_number_id", "+1 555 0100");
        config.put("business_account_id", "abc");
        config.put("graph_base_url", "ftp://graph.example.com");
        config.put("graph_version", "23");
        config.remove("app_secret");
        assertThatThrownBy(() -> factory().create(new ChannelAccount(null, "whatsapp", "x", config))).isInstanceOf(ChannelException.class)
                .hasMessageContaining("Phone number ID must be Meta's numeric id").hasMessageContaining("WhatsApp Business Account ID must be")
                .hasMessageContaining("Graph API address must be an http or https address").hasMessageContaining("v23.0")
                .hasMessageContaining("App secret is required").hasMessageNotContaining(Fixture.ACCESS_TOKEN);
        config.putAll(account().config());
        config.put("graph_base_url", "https://user:pw@graph.example.com");
        assertThatThrownBy(() -> factory().create(new ChannelAccount(null, "whatsapp", "x", config))).hasMessageContaining("plain address");
    }
}
