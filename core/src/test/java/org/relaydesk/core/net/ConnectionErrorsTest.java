package org.relaydesk.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.host.AddressNotAllowedException;

/** What an admin reads about a failed connection: a fixed text that does not tell an open port from a closed one. */
class ConnectionErrorsTest {
    private static ChannelException wrapped(Throwable cause) {
        // as the email plugin reports a failure: its own text, with Jakarta Mail's exception (and the socket's) below
        return new ChannelException("10.0.0.5: Couldn't connect to host, port: 10.0.0.5, 6379; timeout 15000; " + cause.getMessage(),
                new Exception("Couldn't connect to host", cause));
    }

    @Test
    void refusedAndTimedOutConnectionsReadTheSame() {
        String refused = ConnectionErrors.forAdmin(wrapped(new ConnectException("Connection refused")), "test");
        String timedOut = ConnectionErrors.forAdmin(wrapped(new SocketTimeoutException("connect timed out")), "test");
        String unknown = ConnectionErrors.forAdmin(wrapped(new UnknownHostException("nowhere.example")), "test");
        assertThat(refused).isEqualTo(timedOut).isEqualTo(unknown).isEqualTo("Could not connect to the server");
    }

    @Test
    void aRefusedAddressSaysSoWhateverWrapsIt() {
        assertThat(ConnectionErrors.forAdmin(wrapped(new AddressNotAllowedException()), "test")).isEqualTo("This address is not allowed");
        assertThat(ConnectionErrors.forAdmin(new ChannelException(ChannelException.Failure.ADDRESS_NOT_ALLOWED, "x", null), "test"))
                .isEqualTo("This address is not allowed");
    }

    @Test
    void theChannelsOwnKindsOfFailureHaveTheirFixedTexts() {
        assertThat(ConnectionErrors.forAdmin(new ChannelException(ChannelException.Failure.SIGN_IN_REFUSED, "AUTHENTICATE failed for desk", null), "t"))
                .isEqualTo("The server refused the sign-in");
        assertThat(ConnectionErrors.forAdmin(new ChannelException(ChannelException.Failure.UNREACHABLE, "imap.example.com:993 refused", null), "t"))
                .isEqualTo("Could not connect to the server");
    }

    @Test
    void otherFailuresKeepTheChannelsMessage() {
        assertThat(ConnectionErrors.forAdmin(new ChannelException("from.address is required"), "t")).isEqualTo("from.address is required");
    }
}
