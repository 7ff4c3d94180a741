package org.relaydesk.core.error;

import java.util.Map;

/**
 * The request is valid but clashes with the current state (409). {@code type} (or null) names the
 * problem for clients that act on it ("conversation-window-closed"); {@code details} are extra
 * members of the problem document (e.g. when the window closed).
 */
public class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String type;
    private final Map<String, String> details;

    public ConflictException(String message) {
        this(null, message, Map.of());
    }

    public ConflictException(String type, String message, Map<String, String> details) {
        super(message);
        this.type = type;
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** The problem's type (its last path segment), or null for a plain conflict. */
    public String type() {
        return type;
    }

    public Map<String, String> details() {
        return details;
    }
}
