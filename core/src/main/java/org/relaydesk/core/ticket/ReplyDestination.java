package org.relaydesk.core.ticket;

import java.util.UUID;

/**
 * Where an agent's public reply goes: through {@code accountId} to {@code address} (null: the
 * channel finds it when sending), {@code throughMailbox} when the ticket's own channel cannot send
 * (a web form, the portal, the API) and the workspace's mailbox carries it by email instead, with
 * the ticket's status link; or nowhere ({@code accountId} null), {@code notSentReason} saying why
 * in words for the thread (null: the reply stays on the ticket as it always did, e.g. a note).
 */
public record ReplyDestination(UUID accountId, String address, boolean throughMailbox, String notSentReason) {
    public static final ReplyDestination NONE = new ReplyDestination(null, null, false, null);

    public static ReplyDestination through(UUID accountId, String address) {
        return new ReplyDestination(accountId, address, false, null);
    }

    public static ReplyDestination byMailbox(UUID accountId, String address) {
        return new ReplyDestination(accountId, address, true, null);
    }

    public static ReplyDestination nowhere(String reason) {
        return new ReplyDestination(null, null, false, reason);
    }
}
