package org.relaydesk.web.error;

/** The server takes no more of these requests just now; retry after the given number of seconds (503). */
public class ServerBusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long retryAfterSeconds;

    public ServerBusyException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
