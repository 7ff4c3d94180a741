package org.relaydesk.api.channel;

import java.time.Duration;

/** The connection to one channel account, made by its factory; the host closes it when the account or the plugin changes. */
public interface ChannelConnector extends AutoCloseable {
    /**
     * Fetches what arrived since the last time and hands each message to the sink (which stores it
     * before it returns). Throw ChannelException when the source cannot be reached: the account
     * shows the error and the host tries again at the next interval.
     */
    void poll(InboundSink sink) throws ChannelException;

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

    /** How often the host polls (with {@link Capability#INBOUND_NOTIFY}: the longest wait between polls). */
    default Duration pollInterval() {
        return Duration.ofSeconds(60);
    }

    @Override
    default void close() {
    }
}
