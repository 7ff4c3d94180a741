package org.relaydesk.api.host;

/**
 * A connection to an address the host's {@link OutboundNetwork} rule does not allow (loopback,
 * private, link-local...). A {@link java.net.SocketException}, so libraries pass it on as a failed
 * connection; its message is the same for every refused address and safe to show an administrator.
 * Since 1.2.
 */
public class AddressNotAllowedException extends java.net.SocketException {
    private static final long serialVersionUID = 1L;
    /** What administrators are told. */
    public static final String MESSAGE = "This address is not allowed";

    public AddressNotAllowedException() {
        super(MESSAGE);
    }
}
