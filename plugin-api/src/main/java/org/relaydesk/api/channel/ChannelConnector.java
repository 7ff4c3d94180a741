package org.relaydesk.api.channel;

import java.time.Duration;

/** The connection to one channel account, made by its factory; the host closes it when the account or the plugin changes. */
public interface ChannelConnector extends AutoCloseable {
    /**
     * Fetches what arrived since the last time and hands each message to the sink (which stores it
     * before it returns). Throw ChannelException when the source cannot be reached: the account
     * shows the error and the host tries again at the next interval.
     */
    default void poll(InboundSink sink) throws ChannelException {
        throw new ChannelException("this channel is not polled"); // a default since 1.1, for kinds without INBOUND_POLLING
    }

    /**
     * Sends an agent's reply (only for kinds with {@link Capability#OUTBOUND}). Called from the
     * host's outbox: a ChannelException is retried later with a growing pause, so throw it for
     * anything that may pass (a server away) and say why.
     */
    default SentMessage send(OutboundMessage message) throws ChannelException {
        throw new ChannelException("this channel does not send messages");
    }

    /**
     * For kinds with {@link Capability#INBOUND_NOTIFY}: blocks until the source announces that
     * something arrived, or {@code max} has passed, and says which; the host polls right after either
     * way. Interrupting the calling thread ends the wait. Since 1.1.
     */
    default boolean awaitArrival(Duration max) throws ChannelException {
        return false;
    }

    /**
     * For kinds with {@link Capability#INBOUND_HTTP}: answers a request to the account's public
     * address. Anyone on the internet can send one, so check everything; the host limits requests per
     * client address. Hand what customers sent to {@link HttpChannelContext#submit}. Since 1.1.
     */
    default HttpResponse handle(HttpRequest request, HttpChannelContext context) throws ChannelException {
        return HttpResponse.text(404, "Not found");
    }

    /** How often the host polls (with {@link Capability#INBOUND_NOTIFY}: the longest wait between polls). */
    default Duration pollInterval() {
        return Duration.ofSeconds(60);
    }

    @Override
    default void close() {
    }

    /**
     * The templates the provider holds for this account, with their approval, for a channel with
     * {@link Capability#TEMPLATES}; the host keeps a copy and refreshes it. Since 1.3.
     */
    default java.util.List<MessageTemplate> templates() throws ChannelException {
        return java.util.List.of();
    }
}
