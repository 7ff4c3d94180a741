package org.relaydesk.core.net;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.host.AddressNotAllowedException;

/**
 * What administrators are told when a connection to a server fails: one of three fixed texts,
 * never the exception's own ("Connection refused" against "connect timed out" tells which ports of
 * a host are open, and exception text can carry more). The server log keeps the detail.
 */
public final class ConnectionErrors {
    public static final String UNREACHABLE = "Could not connect to the server";
    public static final String SIGN_IN_REFUSED = "The server refused the sign-in";
    public static final String NOT_ALLOWED = AddressNotAllowedException.MESSAGE;
    private static final Logger LOG = Logger.getLogger(ConnectionErrors.class.getName());

    private ConnectionErrors() {
    }

    /**
     * The text for administrators: the fixed text when the failure is about reaching or signing in
     * to a server (as the channel says, or as the exceptions it wraps show), else the channel's own
     * message. Logs the detail of a connection failure under {@code what} (e.g. the account).
     */
    public static String forAdmin(ChannelException e, String what) {
        String text = switch (e.failure()) {
            case ADDRESS_NOT_ALLOWED -> NOT_ALLOWED;
            case UNREACHABLE -> UNREACHABLE;
            case SIGN_IN_REFUSED -> SIGN_IN_REFUSED;
            case OTHER -> fromCauses(e);
            // the provider's own words say best why it refused or asks to wait
            case REFUSED, WINDOW_CLOSED, OPTED_OUT, RATE_LIMITED -> null;
        };
        if (text == null) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
        LOG.info(() -> what + ": " + text + " (" + chain(e) + ")");
        LOG.log(Level.FINE, what, e);
        return text;
    }

    /** The messages of the exception and its causes, for the log. */
    public static String chain(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(text.length() == 0 ? "" : " <- ").append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return text.toString();
    }

    /** The fixed text for a connection failure among the causes, or null when none is one. */
    public static String fromCauses(Throwable failure) {
        String found = null;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof AddressNotAllowedException || NOT_ALLOWED.equals(t.getMessage())) {
                return NOT_ALLOWED; // wins over the connection failure that wraps it
            }
            if (found == null && isConnectionFailure(t)) {
                found = UNREACHABLE;
            }
        }
        return found;
    }

    private static boolean isConnectionFailure(Throwable t) {
        return t instanceof java.net.SocketException || t instanceof java.net.UnknownHostException || t instanceof java.io.InterruptedIOException
                || t instanceof javax.net.ssl.SSLException || t instanceof java.io.EOFException || t instanceof java.net.http.HttpConnectTimeoutException;
    }
}
