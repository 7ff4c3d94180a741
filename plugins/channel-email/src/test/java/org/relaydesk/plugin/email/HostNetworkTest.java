package org.relaydesk.plugin.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;
import org.junit.jupiter.api.Test;
import org.relaydesk.api.channel.ChannelAccount;
import org.relaydesk.api.channel.ChannelConnector;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.OutboundMessage;
import org.relaydesk.api.host.AddressNotAllowedException;
import org.relaydesk.api.host.HostServices;
import org.relaydesk.api.host.HttpClient;
import org.relaydesk.api.host.KeyValueStore;
import org.relaydesk.api.host.OutboundNetwork;
import org.relaydesk.testkit.RecordingSink;

/**
 * The mailbox connects only through the host's network rule: every IMAP and SMTP connection, TLS
 * or not, is one of the host's sockets, and a refused address is never contacted nor retried
 * with a plain socket.
 */
class HostNetworkTest {
    private final EmailChannel channel = new EmailChannel();

    /** Sockets that refuse every address, as the host's rule refuses 127.0.0.1 by default. */
    private static final SocketFactory REFUSING = new SocketFactory() {
        @Override
        public Socket createSocket() {
            return new Socket() {
                @Override
                public void connect(SocketAddress endpoint, int timeout) throws java.io.IOException {
                    throw new AddressNotAllowedException();
                }
            };
        }

        @Override
        public Socket createSocket(String host, int port) throws java.io.IOException {
            throw new AddressNotAllowedException();
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws java.io.IOException {
            throw new AddressNotAllowedException();
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws java.io.IOException {
            throw new AddressNotAllowedException();
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws java.io.IOException {
            throw new AddressNotAllowedException();
        }
    };

    static HostServices host(SocketFactory sockets) {
        OutboundNetwork network = new OutboundNetwork() {
            @Override
            public SocketFactory sockets() {
                return sockets;
            }

            @Override
            public InetAddress[] resolve(String host) throws AddressNotAllowedException {
                throw new AddressNotAllowedException();
            }
        };
        return new HostServices() {
            public Map<String, String> settings() {
                return Map.of();
            }

            public KeyValueStore store() {
                throw new AssertionError("the mail connections use no store");
            }

            public HttpClient http() {
                throw new AssertionError("the mail connections make no HTTP calls");
            }

            public Clock clock() {
                return Clock.systemUTC();
            }

            public Optional<TicketRef> ticketByExternalReference(UUID workspaceId, String externalId) {
                return Optional.empty();
            }

            public Optional<ContactRef> contactByIdentity(UUID workspaceId, String kind, String value) {
                return Optional.empty();
            }

            @Override
            public OutboundNetwork network() {
                return network;
            }
        };
    }

    private static ChannelAccount mailbox(int port, String security) {
        Map<String, String> config = new java.util.HashMap<>();
        for (String server : List.of("imap", "smtp")) {
            config.putAll(Map.of(server + ".host", "127.0.0.1", server + ".port", String.valueOf(port), server + ".security", security,
                    server + ".username", "support", server + ".password", "secret"));
        }
        config.put("from.address", "support@example.test");
        return new ChannelAccount(UUID.randomUUID(), "email", "Support", config);
    }

    @Test
    void aRefusedAddressIsNeverContactedWhateverTheSecurityMode() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            listener.setSoTimeout(300);
            for (String security : List.of("none", "ssl", "starttls")) {
                try (ChannelConnector connector = channel.create(mailbox(listener.getLocalPort(), security), host(REFUSING))) {
                    assertThatThrownBy(() -> connector.poll(new RecordingSink())).as(security).isInstanceOfSatisfying(ChannelException.class,
                            e -> assertThat(e.failure()).isEqualTo(ChannelException.Failure.ADDRESS_NOT_ALLOWED));
                    assertThatThrownBy(() -> connector.send(new OutboundMessage(null, "ann@customer.test", null, "Hi", "Hello", null, List.of(), null)))
                            .as(security).isInstanceOfSatisfying(ChannelException.class,
                                    e -> assertThat(e.failure()).isEqualTo(ChannelException.Failure.ADDRESS_NOT_ALLOWED));
                }
            }
            assertThatThrownBy(listener::accept).isInstanceOf(SocketTimeoutException.class); // no connection, not even a fallback one
        }
    }

    @Test
    void anAllowedServerIsReachedThroughTheHostsSockets() throws Exception {
        TestMailServer server = new TestMailServer();
        try {
            server.append(TestMailServer.message("<fire-1@customer.test>", "ann@customer.test", "Printer on fire", "The printer is on fire."));
            AtomicInteger made = new AtomicInteger();
            SocketFactory counting = new SocketFactory() {
                @Override
                public Socket createSocket() {
                    made.incrementAndGet();
                    return new Socket();
                }

                @Override
                public Socket createSocket(String host, int port) {
                    throw new AssertionError("the mail library connects an unconnected socket");
                }

                @Override
                public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
                    throw new AssertionError("the mail library connects an unconnected socket");
                }

                @Override
                public Socket createSocket(InetAddress host, int port) {
                    throw new AssertionError("the mail library connects an unconnected socket");
                }

                @Override
                public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
                    throw new AssertionError("the mail library connects an unconnected socket");
                }
            };
            RecordingSink sink = new RecordingSink();
            try (ChannelConnector connector = channel.create(server.account(Map.of()), host(counting))) {
                connector.poll(sink);
                assertThat(made).hasValue(1);
                connector.send(new OutboundMessage(null, "ann@customer.test", null, "Hi", "Hello", null, List.of(), null));
                assertThat(made).hasValue(2);
            }
            assertThat(sink.accepted()).hasSize(1);
        } finally {
            server.close();
        }
    }
}
