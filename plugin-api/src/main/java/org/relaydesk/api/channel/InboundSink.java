package org.relaydesk.api.channel;

/** Where a connector hands what arrived. */
public interface InboundSink {
    /**
     * Stores the message durably before it returns (only then may the connector mark it as taken at
     * the source). False when a message with the same external id was received on this account
     * before: it is dropped.
     */
    boolean accept(RawMessage message) throws ChannelException;
}
