package org.relaydesk.api.channel;

/** The channel cannot do what was asked (the server refused, the message cannot be read); the message says why, for administrators. */
public class ChannelException extends Exception {
    private static final long serialVersionUID = 1L;

    public ChannelException(String message) {
        super(message);
    }

    public ChannelException(String message, Throwable cause) {
        super(message, cause);
    }
}
