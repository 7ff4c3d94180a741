package org.relaydesk.core.error;

/** Unknown id, or an id of another workspace: both look the same to the caller (404). */
public class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String what) {
        super(what + " not found");
    }
}
