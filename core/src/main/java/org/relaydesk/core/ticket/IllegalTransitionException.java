package org.relaydesk.core.ticket;

/** A status change the ticket's lifecycle does not allow (answered 409 by the API). */
public class IllegalTransitionException extends org.relaydesk.core.error.ConflictException {
    private static final long serialVersionUID = 1L;

    public IllegalTransitionException(String message) {
        super(message);
    }
}
