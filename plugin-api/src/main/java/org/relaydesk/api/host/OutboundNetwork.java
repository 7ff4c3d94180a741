package org.relaydesk.api.host;

import java.net.InetAddress;
import java.net.UnknownHostException;
import javax.net.SocketFactory;

/**
 * The host's rule for where a plugin may connect. By default a plugin may reach only public
 * addresses: loopback, private, link-local (the cloud's metadata service at 169.254.169.254),
 * shared (100.64/10), unique-local and multicast addresses are refused unless the operator allows
 * private networks. Addresses are judged after the name is resolved, on the very address the
 * connection goes to, so a name that resolves differently between a check and the connection
 * (DNS rebinding) does not get through. {@link HostServices#http()} follows this rule by itself; a
 * plugin that opens connections of its own (a mail library, a database driver) uses
 * {@link #sockets()} for them. Since 1.2.
 */
public interface OutboundNetwork {
    /**
     * Sockets whose {@code connect} resolves the name, refuses an address the rule does not allow
     * with {@link AddressNotAllowedException}, and connects to the address it checked. Give it to
     * libraries that accept a socket factory (Jakarta Mail: {@code mail.imap.socketFactory} with
     * {@code mail.imap.socketFactory.fallback=false}); TLS is layered on these sockets.
     */
    SocketFactory sockets();

    /**
     * The addresses of {@code host} (a name or an address literal) if every one of them is allowed.
     * For a library without a socket factory; connect to one of the returned addresses, not to the
     * name again, or the check can be side-stepped by DNS rebinding.
     */
    InetAddress[] resolve(String host) throws UnknownHostException, AddressNotAllowedException;
}
