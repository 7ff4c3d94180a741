package org.relaydesk.api.channel;

/** What a channel can do; the admin panel and the host go by it. Minor versions of the API add more. */
public enum Capability {
    /** The host asks the connector every {@link ChannelConnector#pollInterval()} for what arrived. */
    INBOUND_POLLING,
    /**
     * The channel takes requests from the web (a form, a provider's webhook): requests to
     * {@code /api/public/channels/{account id}/...} reach {@link ChannelConnector#handle}. Since 1.1.
     */
    INBOUND_HTTP,
    /** Inbound messages may carry files. */
    ATTACHMENTS,
    /**
     * The source announces arrivals (IMAP IDLE): between polls the host calls
     * {@link ChannelConnector#awaitArrival} on a thread of the account's own instead of waiting the
     * poll interval, so messages arrive within a second or two. Since 1.1.
     */
    INBOUND_NOTIFY,
    /** Agents' replies on the account's tickets are sent through {@link ChannelConnector#send}. */
    OUTBOUND,
    /**
     * A messaging channel (WhatsApp, SMS, chat): senders are proven by the channel and addressed by
     * {@link ChannelConnectorFactory#addressKind()}; a contact's next message continues their open
     * conversation on the same account instead of opening a ticket, and replies go back to that
     * address. Since 1.3.
     */
    MESSAGING,
    /** Outbound messages may offer quick-reply buttons or a list to choose from ({@link InteractiveChoices}). Since 1.3. */
    INTERACTIVE,
    /**
     * The channel sends pre-approved templates ({@link ChannelConnector#templates()},
     * {@link OutboundMessage#template()}), the only messages a closed conversation window allows. Since 1.3.
     */
    TEMPLATES
}
