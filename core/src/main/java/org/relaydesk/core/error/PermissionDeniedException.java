package org.relaydesk.core.error;

/** The caller is known but their role does not allow this (403). */
public class PermissionDeniedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PermissionDeniedException(String message) {
        super(message);
    }
}
