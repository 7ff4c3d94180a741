package org.relaydesk.plugin.whatsapp;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.relaydesk.api.channel.AddressKind;
import org.relaydesk.api.channel.Capability;
import org.relaydesk.api.channel.ChannelAccount;
import org.relaydesk.api.channel.ChannelConnector;
import org.relaydesk.api.channel.ChannelConnectorFactory;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.ConversationWindow;
import org.relaydesk.api.channel.InboundMessage;
import org.relaydesk.api.channel.RawMessage;
import org.relaydesk.api.host.HostServices;
import org.relaydesk.api.plugin.ConfigField;
import org.relaydesk.api.plugin.ConfigField.Type;

/**
 * The "whatsapp" channel kind: each account is one WhatsApp Business number on Meta's Cloud API.
 * Customers' messages arrive by Meta's signed webhook; replies, files, buttons, lists and
 * templates leave through the Graph API with the number's access token.
 */
public final class WhatsAppChannel implements ChannelConnectorFactory {
    static final ConversationWindow WINDOW = new ConversationWindow(Duration.ofHours(24),
            "WhatsApp lets a business reply freely for 24 hours after the customer's last message",
            "Only an approved template can be sent until the customer writes again");

    @Override
    public String kind() {
        return "whatsapp";
    }

    @Override
    public String name() {
        return "WhatsApp";
    }

    @Override
    public String icon() {
        return "pi-whatsapp";
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.INBOUND_HTTP, Capability.OUTBOUND, Capability.ATTACHMENTS, Capability.MESSAGING, Capability.INTERACTIVE,
                Capability.TEMPLATES);
    }

    @Override
    public AddressKind addressKind() {
        return AddressKind.WHATSAPP;
    }

    @Override
    public Optional<ConversationWindow> conversationWindow() {
        return Optional.of(WINDOW);
    }

    @Override
    public List<ConfigField> configFields() {
        return List.of(
                ConfigField.required(WhatsAppSettings.PHONE_NUMBER_ID, "Phone number ID", Type.TEXT)
                        .withHelp("Meta's numeric id of the number (WhatsApp > API Setup in the app dashboard), not the phone number itself"),
                ConfigField.required(WhatsAppSettings.BUSINESS_ACCOUNT_ID, "WhatsApp Business Account ID", Type.TEXT)
                        .withHelp("The numeric id of the business account that holds the number and its templates"),
                ConfigField.required(WhatsAppSettings.ACCESS_TOKEN, "Access token", Type.SECRET)
                        .withHelp("A system user's permanent token with whatsapp_business_messaging and whatsapp_business_management"),
                ConfigField.required(WhatsAppSettings.APP_SECRET, "App secret", Type.SECRET)
                        .withHelp("App settings > Basic > App secret: every webhook is checked against its signature"),
                ConfigField.required(WhatsAppSettings.VERIFY_TOKEN, "Verify token", Type.SECRET)
                        .withHelp("Any long random text; enter the same in Meta's webhook settings"),
                ConfigField.optional(WhatsAppSettings.DISPLAY_PHONE_NUMBER, "Phone number (shown to agents)", Type.TEXT, null)
                        .withHelp("e.g. +1 555 010 0199"),
                ConfigField.optional(WhatsAppSettings.GRAPH_BASE_URL, "Graph API address", Type.URL, WhatsAppSettings.DEFAULT_GRAPH)
                        .withHelp("Meta's, unless requests go through a proxy"),
                ConfigField.optional(WhatsAppSettings.GRAPH_VERSION, "Graph API version", Type.TEXT, WhatsAppSettings.DEFAULT_VERSION)
                        .withHelp("e.g. v23.0"));
    }

    @Override
    public String publicInstructions(String publicUrl) {
        return "In Meta's app dashboard, under WhatsApp > Configuration > Webhook, set the callback URL to\n"
                + publicUrl + Webhook.PATH + "\n"
                + "and the verify token to this account's verify token, then Verify and save. "
                + "To send only this number's notifications here (when the app serves several numbers or another system), "
                + "set the same URL as the number's own callback override instead (Graph API: POST /{phone-number-id} with webhook_configuration). "
                + "Subscribe to the webhook fields \"messages\" (messages and delivery statuses) and \"message_template_status_update\" "
                + "(template reviews). Every notification must carry Meta's X-Hub-Signature-256 made with the app secret entered here; "
                + "unsigned ones are refused.";
    }

    @Override
    public ChannelConnector create(ChannelAccount account) throws ChannelException {
        return new WhatsAppConnector(WhatsAppSettings.of(account), null, Clock.systemUTC());
    }

    @Override
    public ChannelConnector create(ChannelAccount account, HostServices host) throws ChannelException {
        if (host == null) {
            return create(account);
        }
        WhatsAppSettings settings = WhatsAppSettings.of(account);
        return new WhatsAppConnector(settings, new Graph(settings, host.http()), host.clock());
    }

    /** Without the account nothing can be fetched: each file of the message becomes a note saying so. */
    @Override
    public InboundMessage parse(RawMessage raw) throws ChannelException {
        return new InboundReader(new MediaFetcher(null)).read(raw);
    }

    @Override
    public InboundMessage parse(RawMessage raw, ChannelAccount account, HostServices host) throws ChannelException {
        if (account == null || host == null) {
            return parse(raw);
        }
        WhatsAppSettings settings = WhatsAppSettings.of(account);
        return new InboundReader(new MediaFetcher(new Graph(settings, host.http()))).read(raw);
    }
}
