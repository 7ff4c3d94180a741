package org.relaydesk.api.channel;

import java.util.List;
import java.util.Set;
import org.relaydesk.api.plugin.ConfigField;

/**
 * A kind of channel (email, a web form...): one per plugin and kind, listed in the plugin's
 * META-INF/services/org.relaydesk.api.channel.ChannelConnectorFactory. The host makes a connector
 * for each configured account and reads each stored raw message back with {@link #parse}.
 */
public interface ChannelConnectorFactory {
    /** The channel kind, a lowercase word: "email". Accounts and tickets record it. */
    String kind();

    /** What administrators see: "Email (IMAP and SMTP)". */
    String name();

    /** A PrimeIcons name for the panels, e.g. "pi-envelope". */
    String icon();

    Set<Capability> capabilities();

    /** The settings each account of this kind needs. */
    List<ConfigField> configFields();

    ChannelConnector create(ChannelAccount account) throws ChannelException;

    /**
     * What the host calls (from 1.2 on): a connector that may use the host's services, above all
     * {@link org.relaydesk.api.host.HostServices#network() network()} for every connection it opens,
     * so that an account cannot point at loopback or private addresses the operator has not allowed.
     * A channel that connects anywhere overrides this one; by default it is {@link #create(ChannelAccount)}.
     * Since 1.2.
     */
    default ChannelConnector create(ChannelAccount account, org.relaydesk.api.host.HostServices host) throws ChannelException {
        return create(account);
    }

    /**
     * For kinds with {@link Capability#INBOUND_HTTP}: what an administrator does with an account's
     * public address ({@code publicUrl}, ending in "/"), e.g. the snippet that embeds a form; shown
     * with the account. Null for nothing to say. Since 1.1.
     */
    default String publicInstructions(String publicUrl) {
        return null;
    }

    /** Reads a message this kind's connector stored; a message that cannot be read throws, and is set aside with the reason. */
    InboundMessage parse(RawMessage raw) throws ChannelException;

    /** What this channel's addresses are. Since 1.3; a 1.2 channel's are email addresses. */
    default AddressKind addressKind() {
        return AddressKind.EMAIL;
    }

    /** The provider's conversation window, if it has one; empty (the default): a reply may go out at any time. Since 1.3. */
    default java.util.Optional<ConversationWindow> conversationWindow() {
        return java.util.Optional.empty();
    }

    /**
     * Parses a message the account received, with the account's settings and the host's services at
     * hand (a channel whose messages only point at their media fetches them here, with the account's
     * credentials, through {@link org.relaydesk.api.host.HostServices#network()}). Since 1.3; by
     * default {@link #parse(RawMessage)}.
     */
    default InboundMessage parse(RawMessage raw, ChannelAccount account, org.relaydesk.api.host.HostServices host) throws ChannelException {
        return parse(raw);
    }
}
