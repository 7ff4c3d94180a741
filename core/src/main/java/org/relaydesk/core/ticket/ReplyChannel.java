package org.relaydesk.core.ticket;

import java.util.UUID;

/**
 * Which channel account an agent's public reply leaves through, decided by the channels (core
 * {@code channel}, which builds on tickets; this seam keeps tickets from depending on it). It refuses,
 * before anything is saved, a route that is not one of the requester's, a closed conversation window
 * and an opted-out recipient.
 */
public interface ReplyChannel {
    /**
     * Where the reply goes: {@code via}, the agent's choice, or (null) the ticket's own channel; when
     * that channel cannot send, the workspace's mailbox by email; when nothing can reach the customer,
     * nowhere, with the reason (never an error: the reply is kept).
     *
     * @throws org.relaydesk.core.error.InvalidInputException {@code via} is not a way to reach the requester
     * @throws org.relaydesk.core.error.ConflictException the window is closed, or the recipient opted out
     */
    ReplyDestination destinationFor(Ticket ticket, UUID via);

    /**
     * Refuses (as bad input on {@code choices}) buttons or a list on a reply through {@code accountId}
     * when its channel cannot show them, or when the reply goes through no channel (null).
     */
    void requireInteractive(UUID accountId);
}
