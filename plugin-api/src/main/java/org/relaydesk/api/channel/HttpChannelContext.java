package org.relaydesk.api.channel;

import java.util.List;

/** What the host offers a channel while it answers a web request. Since 1.1. */
public interface HttpChannelContext {
    /** The account's public address, ending in "/": where its requests arrive. */
    String publicUrl();

    /**
     * A secret of this account's own, stable across restarts and never shown to anyone: for signing
     * what the channel hands out and checks later (a form's timestamp).
     */
    byte[] signingKey();

    /** The workspace's custom ticket fields, in their order, for a form to ask for. */
    List<TicketField> ticketFields();

    /**
     * Stores the message (as {@link InboundSink#accept} does) and files it now, so the customer can
     * be told the ticket's number at once. {@code confirmByEmail}: the host also emails the sender a
     * confirmation with the ticket's status link. Throws {@link InvalidMessageException} when
     * something in it cannot be taken (a required ticket field missing, a file of a refused type):
     * nothing is stored then, and the customer can correct it. Any other ChannelException says, in
     * words for the customer, that the message could not be taken (try later) or may have arrived.
     */
    Filed submit(RawMessage message, boolean confirmByEmail) throws ChannelException;

    /** A custom ticket field: {@code type} is text, number, date, select or checkbox. */
    /**
     * Stores messages durably for the host's worker to parse and file later, the way a poll's sink
     * does: {@link InboundSink#accept} returns once the message is committed, false when the account
     * already has one with that external id (a provider's retry). For webhooks that must be answered
     * within a provider's deadline. Since 1.3.
     */
    default InboundSink inbox() {
        throw new UnsupportedOperationException("this host predates plugin API 1.3");
    }

    record TicketField(String key, String label, String type, List<String> options, boolean required) {
        public TicketField {
            options = options == null ? List.of() : List.copyOf(options);
        }
    }

    /**
     * The ticket a submitted message opened: its number as customers see it, and the page where they
     * follow it. Both null when the message was stored but opened no ticket of its own (it is kept
     * for the administrators, e.g. held back): tell the sender it arrived, and not to send it again.
     */
    record Filed(String ticketNumber, String statusUrl) {
        public boolean opened() {
            return ticketNumber != null;
        }
    }
}
