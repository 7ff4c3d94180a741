package org.relaydesk.core.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import javax.net.SocketFactory;
import org.relaydesk.api.host.AddressNotAllowedException;
import org.relaydesk.api.host.OutboundNetwork;

/**
 * Where the server may connect on behalf of an administrator's settings (a mailbox's servers, a
 * plugin's HTTP calls): public addresses only, unless the operator allows private networks
 * ({@code relaydesk.outbound.allow-private-networks}). Without this rule an admin could point a
 * mailbox or a plugin at 127.0.0.1, the database's network or the cloud's metadata service, and
 * learn from the answers what runs there.
 * <p>
 * Addresses are judged after resolution, on the address the connection then uses: odd spellings
 * of an address (2130706433, 0x7f.1, 017700000001, ::ffff:127.0.0.1) end up as the same
 * {@link InetAddress} as the plain one and are refused alike, and a name that answers a public
 * address to a check and a private one to the connection (DNS rebinding) gets nowhere, because there
 * is no second look-up.
 */
public final class OutboundAddressPolicy implements OutboundNetwork {
    /** The operator's setting; false by default. */
    public static final String ALLOW_PRIVATE_NETWORKS = "relaydesk.outbound.allow-private-networks";

    /** Name resolution; the system's by default, a fixed table in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final java.util.function.Predicate<InetAddress> allowed;
    private final Resolver resolver;
    private final SocketFactory sockets = new CheckedSocketFactory();

    public OutboundAddressPolicy(boolean allowPrivateNetworks) {
        this(allowPrivateNetworks, InetAddress::getAllByName);
    }

    public OutboundAddressPolicy(boolean allowPrivateNetworks, Resolver resolver) {
        this(allowPrivateNetworks ? address -> true : OutboundAddressPolicy::isPublic, resolver);
    }

    /** A rule of one's own (tests: one loopback address stands in for a public server). */
    public OutboundAddressPolicy(java.util.function.Predicate<InetAddress> allowed, Resolver resolver) {
        this.allowed = allowed;
        this.resolver = resolver;
    }

    /** Every address of the host, when all are allowed: a name with one private address among public ones is refused whole. */
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException, AddressNotAllowedException {
        if (host == null || host.isBlank()) {
            throw new UnknownHostException("no host");
        }
        InetAddress[] addresses = resolver.resolve(host.trim());
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            check(address);
        }
        return addresses;
    }

    public void check(InetAddress address) throws AddressNotAllowedException {
        if (address == null || !allowed.test(address)) {
            throw new AddressNotAllowedException();
        }
    }

    @Override
    public SocketFactory sockets() {
        return sockets;
    }

    /**
     * Whether the address is one of the public internet's: not the unspecified, loopback,
     * private (RFC 1918), shared (RFC 6598), link-local, unique-local, documentation, benchmark,
     * reserved or multicast ranges, nor one of them wrapped in IPv6 (mapped, compatible, NAT64, 6to4).
     */
    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(b);
        }
        if (address instanceof Inet6Address) {
            return isPublicV6(b);
        }
        return false;
    }

    private static boolean isPublicV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return !(a0 == 0 // "this network"
                || a0 == 10 || a0 == 127
                || a0 == 100 && a1 >= 64 && a1 <= 127 // shared address space (carrier-grade NAT)
                || a0 == 169 && a1 == 254 // link-local, the cloud metadata service
                || a0 == 172 && a1 >= 16 && a1 <= 31
                || a0 == 192 && a1 == 168
                || a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2) // IETF protocol assignments, TEST-NET-1
                || a0 == 198 && (a1 == 18 || a1 == 19) // benchmarking
                || a0 == 198 && a1 == 51 && a2 == 100 || a0 == 203 && a1 == 0 && a2 == 113 // TEST-NET-2, -3
                || a0 >= 224); // multicast, reserved, broadcast
    }

    private static boolean isPublicV6(byte[] b) {
        int first = b[0] & 0xff;
        if ((first & 0xfe) == 0xfc || first == 0xff || first == 0xfe && (b[1] & 0xc0) == 0x80 || first == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return false; // unique-local fc00::/7, multicast, link-local fe80::/10, old site-local fec0::/10
        }
        if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return isPublicV4(tail(b, 12)); // IPv4-mapped ::ffff:a.b.c.d
        }
        if (allZero(b, 0, 12)) {
            return false; // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
        }
        if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12)) {
            return isPublicV4(tail(b, 12)); // NAT64 64:ff9b::/96
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return isPublicV4(new byte[] {b[2], b[3], b[4], b[5]}); // 6to4 2002::/16 carries an IPv4 address
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return false; // documentation 2001:db8::/32
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) {
            return false; // Teredo 2001::/32 tunnels to an address it hides
        }
        return !(b[0] == 0x01 && b[1] == 0 && allZero(b, 2, 8)); // discard-only 100::/64
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] tail(byte[] b, int from) {
        return java.util.Arrays.copyOfRange(b, from, from + 4);
    }

    /** Plain sockets that check their address on connect; TLS is layered on them by whoever uses them. */
    private final class CheckedSocketFactory extends SocketFactory {
        @Override
        public Socket createSocket() {
            return new CheckedSocket();
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            Socket socket = new CheckedSocket();
            socket.connect(InetSocketAddress.createUnresolved(host, port));
            return socket;
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            Socket socket = new CheckedSocket();
            socket.bind(new InetSocketAddress(localHost, localPort));
            socket.connect(InetSocketAddress.createUnresolved(host, port));
            return socket;
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            Socket socket = new CheckedSocket();
            socket.connect(new InetSocketAddress(host, port));
            return socket;
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            Socket socket = new CheckedSocket();
            socket.bind(new InetSocketAddress(localAddress, localPort));
            socket.connect(new InetSocketAddress(address, port));
            return socket;
        }
    }

    private final class CheckedSocket extends Socket {
        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress target)) {
                throw new AddressNotAllowedException();
            }
            InetAddress address;
            if (target.isUnresolved()) {
                address = resolve(target.getHostString())[0];
            } else {
                address = target.getAddress();
                check(address);
            }
            super.connect(new InetSocketAddress(address, target.getPort()), timeout); // the address checked, not the name again
        }
    }
}
