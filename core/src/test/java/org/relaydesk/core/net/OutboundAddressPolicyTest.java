package org.relaydesk.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relaydesk.api.host.AddressNotAllowedException;

/** The outbound address rule: what it refuses, however the address is spelled, and that its sockets connect only where it allows. */
class OutboundAddressPolicyTest {
    private final OutboundAddressPolicy strict = new OutboundAddressPolicy(false);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.255.255.254", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
            "169.254.0.1", "100.64.0.1", "100.127.255.254", "0.0.0.0", "0.1.2.3", "224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1",
            "192.0.2.1", "198.18.0.1", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1", "::ffff:127.0.0.1",
            "::ffff:169.254.169.254", "::ffff:10.0.0.1", "::127.0.0.1", "64:ff9b::a9fe:a9fe", "64:ff9b::7f00:1", "2002:7f00:1::1",
            "2002:a9fe:a9fe::1", "2001:db8::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2"})
    void privateLoopbackLinkLocalAndReservedAddressesAreRefused(String literal) throws Exception {
        InetAddress address = InetAddress.getByName(literal); // a literal: no DNS
        assertThat(OutboundAddressPolicy.isPublic(address)).as(literal).isFalse();
        assertThatThrownBy(() -> strict.resolve(literal)).isInstanceOf(AddressNotAllowedException.class).hasMessage("This address is not allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "93.184.215.14", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1", "11.0.0.1",
            "169.253.1.1", "192.169.0.1", "2606:4700:4700::1111", "2a00:1450:4001::200e", "::ffff:8.8.8.8", "2002:0808:0808::1"})
    void publicAddressesAreAllowed(String literal) throws Exception {
        assertThat(OutboundAddressPolicy.isPublic(InetAddress.getByName(literal))).as(literal).isTrue();
        assertThat(strict.resolve(literal)).containsExactly(InetAddress.getByName(literal));
    }

    /**
     * Odd spellings of loopback: whichever way they are read (by Java as a literal, or by the
     * system's resolver), what comes out is refused if it is private, and what is allowed is where
     * the connection really goes (Java reads "0177.0.0.1" as 177.0.0.1, a public address, not as
     * octal 127.0.0.1), so no spelling reaches loopback.
     */
    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "127.1", "0x7f.1", "0x7f000001", "017700000001", "0177.0.0.1", "0177.1", "0177.0.0.01", "localhost",
            "LOCALHOST", "localhost.", "[::1]", "[::ffff:127.0.0.1]", "0", "0.0.0.0", "2852039166", "0xa9.0xfe.0xa9.0xfe", "0251.0376.0251.0376"})
    void oddSpellingsOfPrivateAddressesNeverResolveToAPrivateAddress(String spelling) {
        try {
            InetAddress[] addresses = strict.resolve(spelling);
            assertThat(addresses).as(spelling).allSatisfy(address -> assertThat(OutboundAddressPolicy.isPublic(address)).isTrue());
        } catch (AddressNotAllowedException | UnknownHostException refused) {
            // refused, or no such name: either way no connection
        }
    }

    @Test
    void javaReadsLeadingZerosAsDecimalSoTheConnectionGoesToThePublicAddressItChecked() throws Exception {
        assertThat(strict.resolve("0177.0.0.1")).containsExactly(InetAddress.getByName("177.0.0.1"));
    }

    @Test
    void theDecimalSpellingsJavaReadsAsLiteralsAreRefusedAsTheAddressesTheyAre() {
        // 2130706433 is 127.0.0.1 and 2852039166 is 169.254.169.254 to Java's parser
        assertThatThrownBy(() -> strict.resolve("2130706433")).isInstanceOf(AddressNotAllowedException.class);
        assertThatThrownBy(() -> strict.resolve("2852039166")).isInstanceOf(AddressNotAllowedException.class);
        assertThatThrownBy(() -> strict.resolve("localhost")).isInstanceOf(AddressNotAllowedException.class);
    }

    @Test
    void aNameWithOnePrivateAddressAmongPublicOnesIsRefusedWhole() {
        OutboundAddressPolicy policy = new OutboundAddressPolicy(false,
                host -> new InetAddress[] {InetAddress.getByName("93.184.215.14"), InetAddress.getByName("127.0.0.1")});
        assertThatThrownBy(() -> policy.resolve("mixed.example")).isInstanceOf(AddressNotAllowedException.class);
    }

    @Test
    void theOperatorMayAllowPrivateNetworks() throws Exception {
        assertThat(new OutboundAddressPolicy(true).resolve("127.0.0.1")).containsExactly(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void socketsRefuseARefusedAddressBeforeAnyPacketReachesIt() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            server.setSoTimeout(300);
            int port = server.getLocalPort();
            assertThatThrownBy(() -> strict.sockets().createSocket("127.0.0.1", port)).isInstanceOf(AddressNotAllowedException.class);
            assertThatThrownBy(() -> strict.sockets().createSocket("localhost", port)).isInstanceOf(AddressNotAllowedException.class);
            assertThatThrownBy(() -> strict.sockets().createSocket(InetAddress.getByName("127.0.0.1"), port)).isInstanceOf(AddressNotAllowedException.class);
            try (Socket unconnected = strict.sockets().createSocket()) {
                // how Jakarta Mail uses a socket factory: an unconnected socket, then connect to a resolved address
                assertThatThrownBy(() -> unconnected.connect(new InetSocketAddress("localhost", port), 1000)).isInstanceOf(AddressNotAllowedException.class);
                assertThat(unconnected.isConnected()).isFalse();
            }
            assertThatThrownBy(server::accept).isInstanceOf(SocketTimeoutException.class); // nothing ever connected
        }
    }

    @Test
    void socketsConnectWhereTheRuleAllowsAndResolveTheNameOnlyOnce() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        OutboundAddressPolicy policy = new OutboundAddressPolicy(address -> address.isLoopbackAddress(), host -> {
            lookups.incrementAndGet();
            return new InetAddress[] {InetAddress.getByName("127.0.0.1")};
        });
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            try (Socket socket = policy.sockets().createSocket("mail.example", server.getLocalPort()); Socket accepted = server.accept()) {
                assertThat(socket.isConnected()).isTrue();
                assertThat(socket.getInetAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
            }
        }
        assertThat(lookups).hasValue(1); // the address checked is the address connected to: no second look-up to rebind
        assertThatCode(() -> new OutboundAddressPolicy(true).sockets().createSocket()).doesNotThrowAnyException();
    }
}
