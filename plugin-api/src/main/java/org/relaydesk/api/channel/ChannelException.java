package org.relaydesk.api.channel;

/**
 * The channel cannot do what was asked (the server refused, the message cannot be read); the message says why, for administrators.
 * A failure to reach or sign in to a server carries its {@link Failure}: the host then shows administrators a fixed text
 * ("Could not connect to the server") and keeps the message for its log, so that the panel does not tell which ports of
 * which hosts are open.
 */
public class ChannelException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Failure failure;

    /** What kind of failure, as far as administrators are told. Since 1.2. */
    public enum Failure {
        /** Anything else: the message is shown as it is. */
        OTHER,
        /** The server could not be reached (refused, timed out, unknown name, TLS failed). */
        UNREACHABLE,
        /** The server answered but refused the user name or password. */
        SIGN_IN_REFUSED,
        /** The host's rule does not allow the address (see {@link org.relaydesk.api.host.OutboundNetwork}). */
        ADDRESS_NOT_ALLOWED,
        /** The provider refused this message for good (a malformed request, an unknown recipient): trying again cannot help. Since 1.3. */
        REFUSED,
        /** The conversation window is closed: only a template may go out. Since 1.3. */
        WINDOW_CLOSED,
        /** The recipient asked not to receive messages on this channel. Since 1.3. */
        OPTED_OUT,
        /** The provider asks to slow down; trying again later will do. Since 1.3. */
        RATE_LIMITED
    }

    public ChannelException(String message) {
        this(Failure.OTHER, message, null);
    }

    public ChannelException(String message, Throwable cause) {
        this(Failure.OTHER, message, cause);
    }

    /** Since 1.2. */
    public ChannelException(Failure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure == null ? Failure.OTHER : failure;
    }

    /** Since 1.2. */
    public Failure failure() {
        return failure;
    }

    /** Whether sending the same message again later may succeed. Since 1.3. */
    public boolean retryable() {
        return switch (failure) {
            case REFUSED, WINDOW_CLOSED, OPTED_OUT -> false;
            default -> true;
        };
    }
}
